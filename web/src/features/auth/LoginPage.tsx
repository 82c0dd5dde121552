import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { signIn } from '../../app/session';
import { setLanguage } from '../../i18n';
import { fetchSetupStatus, setupStatusKey } from '../setup/setup.api';
import { AuthLayout, LanguageSwitch, errorMessage } from '../../ui';

interface LoginForm {
  email: string;
  password: string;
}

/** Only same-site paths, so ?next= cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: setupStatusKey, queryFn: fetchSetupStatus, staleTime: 60_000 });

  const login = useMutation({
    mutationFn: (values: LoginForm) => signIn(queryClient, values.email.trim(), values.password),
    onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
  });

  if (status.data?.needsSetup) return <Navigate to="/setup" replace />;

  return (
    <AuthLayout toolbar={<LanguageSwitch onChange={(lng) => void setLanguage(lng)} />}>
      <Typography.Title level={3} style={{ marginBottom: 4 }}>
        {t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 28 }}>
        {t('login.subtitle')}
      </Typography.Paragraph>
      {params.get('expired') && !login.isError ? (
        <Alert
          type="info"
          showIcon
          title={t('login.expired')}
          style={{ marginBottom: 20 }}
          data-testid="login-expired"
        />
      ) : null}
      {login.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(login.error, t('common.requestFailed'))}
          style={{ marginBottom: 20 }}
          data-testid="login-error"
        />
      ) : null}
      <Form<LoginForm>
        layout="vertical"
        requiredMark={false}
        size="large"
        onFinish={(values) => login.mutate(values)}
      >
        <Form.Item
          name="email"
          label={t('login.account')}
          rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}
        >
          <Input
            prefix={<UserOutlined style={{ color: '#bfbfbf' }} />}
            placeholder={t('login.accountPlaceholder')}
            autoComplete="username"
            autoFocus
            data-testid="login-email"
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined style={{ color: '#bfbfbf' }} />}
            placeholder={t('login.passwordPlaceholder')}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={login.isPending}
          data-testid="login-submit"
          style={{ marginTop: 8 }}
        >
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 24, fontSize: 13 }}>
        {t('login.forgotHint')}
      </Typography.Paragraph>
    </AuthLayout>
  );
}
