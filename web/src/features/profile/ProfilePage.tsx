import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Avatar,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { fetchMe, meKey, useMe } from '../../app/session';
import { LANGUAGE_LABELS, LANGUAGES, isLanguage, setLanguage } from '../../i18n';
import { PageHeader, useApiFeedback } from '../../ui';
import { changePassword, updateProfile } from './profile.api';

interface ProfileForm {
  name: string;
  locale: string;
}

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const location = useLocation();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [profileForm] = Form.useForm<ProfileForm>();
  const [passwordForm] = Form.useForm<PasswordForm>();

  useEffect(() => {
    if (location.hash === '#password')
      document.getElementById('password')?.scrollIntoView({ behavior: 'smooth' });
  }, [location.hash]);

  const saveProfile = useMutation({
    mutationFn: (values: ProfileForm) => updateProfile({ name: values.name.trim(), locale: values.locale }),
    onSuccess: async (_saved, values) => {
      if (isLanguage(values.locale)) await setLanguage(values.locale);
      await queryClient.fetchQuery({ queryKey: meKey, queryFn: fetchMe });
      showSuccess();
    },
    onError: (error) => showError(error, profileForm, ['name', 'locale']),
  });

  const savePassword = useMutation({
    mutationFn: (values: PasswordForm) =>
      changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: async () => {
      passwordForm.resetFields();
      // The session is re-issued, with a new CSRF token.
      await queryClient.fetchQuery({ queryKey: meKey, queryFn: fetchMe });
      showSuccess(t('profile.passwordChanged'));
    },
    onError: (error) => showError(error, passwordForm, ['currentPassword', 'newPassword']),
  });

  if (!me) return null;

  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title={
              <>
                <UserOutlined /> {t('profile.basics')}
              </>
            }
          >
            <Flex align="center" gap={16} style={{ marginBottom: 24 }}>
              <Avatar size={56} style={{ background: '#1d4ed8', fontSize: 24 }}>
                {me.name.slice(0, 1).toUpperCase()}
              </Avatar>
              <div>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {me.name}
                </Typography.Title>
                <Typography.Text type="secondary">{me.email}</Typography.Text>
              </div>
            </Flex>
            <Descriptions
              column={1}
              size="small"
              style={{ marginBottom: 24 }}
              items={[
                { key: 'org', label: t('profile.organisation'), children: me.orgName },
                {
                  key: 'role',
                  label: t('users.role'),
                  children: me.role ? <Tag color="blue">{me.role.name}</Tag> : me.roles.join(', '),
                },
                {
                  key: 'scope',
                  label: t('roles.dataScope'),
                  children: me.role
                    ? t(`roles.scopes.${me.role.dataScope}`, { defaultValue: me.role.dataScope })
                    : '—',
                },
                { key: 'phone', label: t('users.phone'), children: me.phone ?? '—' },
              ]}
            />
            <Form<ProfileForm>
              form={profileForm}
              layout="vertical"
              initialValues={{ name: me.name, locale: isLanguage(me.locale) ? me.locale : 'zh-CN' }}
              onFinish={(values) => saveProfile.mutate(values)}
            >
              <Form.Item
                name="name"
                label={t('users.name')}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
              >
                <Input maxLength={100} data-testid="profile-name" />
              </Form.Item>
              <Form.Item name="locale" label={t('users.locale')}>
                <Select
                  data-testid="profile-locale"
                  options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_LABELS[value] }))}
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                loading={saveProfile.isPending}
                data-testid="profile-save"
              >
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={
              <>
                <LockOutlined /> {t('profile.changePassword')}
              </>
            }
            id="password"
          >
            <Typography.Paragraph type="secondary">{t('profile.passwordHint')}</Typography.Paragraph>
            <Form<PasswordForm>
              form={passwordForm}
              layout="vertical"
              onFinish={(values) => savePassword.mutate(values)}
            >
              <Form.Item
                name="currentPassword"
                label={t('profile.currentPassword')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Input.Password autoComplete="current-password" data-testid="profile-current-password" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('profile.newPassword')}
                extra={t('validation.passwordHint')}
                rules={[
                  { required: true, message: t('validation.required') },
                  { min: 8, message: t('validation.passwordHint') },
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="profile-new-password" />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('profile.confirmPassword')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('validation.required') },
                  ({ getFieldValue }) => ({
                    validator: (_rule, value) =>
                      !value || value === getFieldValue('newPassword')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('validation.passwordMismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="profile-confirm-password" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                loading={savePassword.isPending}
                data-testid="password-save"
              >
                {t('profile.changePassword')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
