import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { FullPageSpin } from '../../app/FullPageSpin';
import { startSession } from '../../app/session';
import { LANGUAGE_LABELS, LANGUAGES, currentLanguage, setLanguage, type Language } from '../../i18n';
import { AuthLayout, LanguageSwitch, errorMessage, applyFieldErrors } from '../../ui';
import { fetchSetupStatus, runSetup, setupStatusKey, type SetupInput } from './setup.api';

type SetupForm = Omit<SetupInput, 'locale'> & { confirmPassword: string; locale: Language };

const FIELDS = ['orgName', 'adminName', 'adminEmail', 'adminPassword', 'locale', 'loadDemo'];

export function SetupPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<SetupForm>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: setupStatusKey, queryFn: fetchSetupStatus });

  const setup = useMutation({
    mutationFn: async ({ confirmPassword: _confirm, ...values }: SetupForm) => {
      const start = await runSetup(values);
      await startSession(queryClient, start);
    },
    onSuccess: () => navigate('/', { replace: true }),
    onError: (error) => applyFieldErrors(form, error, FIELDS),
  });

  // While our own setup is finishing, the status flips to "set up": that must not send us to sign-in.
  const finishing = setup.isPending || setup.isSuccess;
  if (status.isPending && !finishing) return <FullPageSpin />;
  if (status.data && !status.data.needsSetup && !finishing) return <Navigate to="/login" replace />;

  const onLanguage = (lng: Language) => {
    void setLanguage(lng);
    form.setFieldValue('locale', lng);
  };

  return (
    <AuthLayout toolbar={<LanguageSwitch onChange={onLanguage} />} width={460}>
      <Typography.Title level={3} style={{ marginBottom: 4 }}>
        {t('setup.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
        {t('setup.subtitle')}
      </Typography.Paragraph>
      {setup.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(setup.error, t('common.requestFailed'))}
          style={{ marginBottom: 16 }}
          data-testid="setup-error"
        />
      ) : null}
      <Form<SetupForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ locale: currentLanguage(), loadDemo: false }}
        onFinish={(values) => setup.mutate(values)}
        disabled={setup.isPending}
      >
        <Form.Item
          name="orgName"
          label={t('setup.orgName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input placeholder={t('setup.orgNamePlaceholder')} data-testid="setup-org-name" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="adminName"
          label={t('setup.adminName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input data-testid="setup-admin-name" maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="adminEmail"
          label={t('setup.adminEmail')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input data-testid="setup-admin-email" autoComplete="email" />
        </Form.Item>
        <Form.Item
          name="adminPassword"
          label={t('setup.adminPassword')}
          extra={t('validation.passwordHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 8, message: t('validation.passwordHint') },
          ]}
        >
          <Input.Password data-testid="setup-admin-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('setup.confirmPassword')}
          dependencies={['adminPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue('adminPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password data-testid="setup-admin-password-confirm" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="locale" label={t('setup.language')}>
          <Select
            data-testid="setup-language"
            options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_LABELS[value] }))}
            onChange={(lng: Language) => void setLanguage(lng)}
          />
        </Form.Item>
        <Form.Item name="loadDemo" valuePropName="checked" extra={t('setup.loadDemoHint')}>
          <Checkbox data-testid="setup-load-demo">{t('setup.loadDemo')}</Checkbox>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={setup.isPending}
          data-testid="setup-submit"
        >
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
