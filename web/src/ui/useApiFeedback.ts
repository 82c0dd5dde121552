// One way for every page to report success and API errors.
import { App } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { applyFieldErrors, errorMessage, type FieldTargets } from './errors';
import type { FormInstance } from 'antd';

export function useApiFeedback() {
  const { message, modal } = App.useApp();
  const { t } = useTranslation();

  const showError = useCallback(
    (error: unknown, form?: FormInstance, knownFields: FieldTargets = []) => {
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
        modal.warning({
          title: t('common.versionConflictTitle'),
          content: error.message || t('common.versionConflict'),
        });
        return;
      }
      if (form && error instanceof ApiError && error.fieldIssues.length > 0) {
        const rest = applyFieldErrors(form, error, knownFields);
        if (rest.length === 0) {
          void message.error(error.message || t('common.validationFailed'));
          return;
        }
        void message.error(rest.join(' '));
        return;
      }
      void message.error(errorMessage(error, t('common.requestFailed')));
    },
    [message, modal, t],
  );

  const showSuccess = useCallback(
    (text?: string) => void message.success(text ?? t('common.saved')),
    [message, t],
  );

  return useMemo(() => ({ showError, showSuccess }), [showError, showSuccess]);
}
