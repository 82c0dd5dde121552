import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { testId, useApiFeedback } from '../../ui';
import { poolKey, releaseCustomer } from '../customer-pool/pool.api';
import { customersKey, type Customer } from './customers.api';

interface Props {
  open: boolean;
  customer: Pick<Customer, 'id' | 'name'>;
  onClose: () => void;
}

/** 释放到公海: the owner (or a manager) gives a customer back to the pool, saying why. */
export function ReleaseModal({ open, customer, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<{ reason: string }>();

  const release = useMutation({
    mutationFn: (reason: string) => releaseCustomer(customer.id, reason),
    onSuccess: (saved) => {
      queryClient.setQueryData([...customersKey, 'detail', customer.id], saved);
      void queryClient.invalidateQueries({ queryKey: customersKey });
      void queryClient.invalidateQueries({ queryKey: poolKey });
      showSuccess(t('pool.released', { name: customer.name }));
      onClose();
    },
    onError: (error) => showError(error, form, ['reason']),
  });

  return (
    <Modal
      open={open}
      title={t('pool.releaseTitle', { name: customer.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pool.release')}
      okButtonProps={{ danger: true, ...testId('release-submit') }}
      confirmLoading={release.isPending}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('pool.releaseHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => release.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('pool.reason')}
          rules={[{ required: true, whitespace: true, message: t('pool.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('pool.reasonPlaceholder')}
            data-testid="release-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
