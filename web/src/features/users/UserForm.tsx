import { useQuery } from '@tanstack/react-query';
import { Button, Col, Drawer, Form, Input, Row, Select, Space, TreeSelect, type FormInstance } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_LABELS, LANGUAGES } from '../../i18n';
import { buildDepartmentTree } from '../departments/department-tree';
import { departmentsKey, listDepartments, listTeams, teamsKey } from '../departments/departments.api';
import { listRoles, rolesKey } from '../roles/roles.api';
import type { UserFormValues } from './user-form';
import type { User } from './users.api';

export const USER_FORM_FIELDS = [
  'name',
  'email',
  'phone',
  'password',
  'role',
  'departmentId',
  'teamId',
  'status',
  'locale',
];

interface Props {
  open: boolean;
  user?: User;
  saving: boolean;
  onClose: () => void;
  onSubmit: (values: UserFormValues, form: FormInstance<UserFormValues>) => void;
}

export function UserForm({ open, user, saving, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserFormValues>();
  const departmentId = Form.useWatch('departmentId', form);
  const roles = useQuery({ queryKey: rolesKey, queryFn: listRoles, enabled: open });
  const departments = useQuery({ queryKey: departmentsKey, queryFn: listDepartments, enabled: open });
  const teams = useQuery({ queryKey: [...teamsKey, 'all'], queryFn: () => listTeams(), enabled: open });
  const tree = useMemo(() => buildDepartmentTree(departments.data ?? []), [departments.data]);
  const teamOptions = (teams.data ?? [])
    .filter((team) => !departmentId || team.departmentId === departmentId)
    .map((team) => ({ value: team.id, label: team.name }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? {
            name: user.name,
            email: user.email,
            phone: user.phone ?? '',
            role: user.roleKey ?? undefined,
            departmentId: user.departmentId,
            teamId: user.teamId,
            status: user.status,
            locale: user.locale ?? 'zh-CN',
          }
        : { locale: 'zh-CN', role: 'sales' },
    );
  }, [open, user, form]);

  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Drawer
      open={open}
      size={560}
      title={user ? t('users.edit', { name: user.name }) : t('users.create')}
      onClose={onClose}
      destroyOnHidden
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="user-form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => onSubmit(values, form)}
        data-testid="user-form"
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('users.name')} rules={[required]}>
              <Input maxLength={100} data-testid="user-form-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('users.phone')}>
              <Input maxLength={32} data-testid="user-form-phone" placeholder="138 0000 0000" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="email"
          label={t('users.email')}
          extra={user ? t('users.emailFixed') : undefined}
          rules={[required, { type: 'email', message: t('validation.email') }]}
        >
          <Input disabled={!!user} data-testid="user-form-email" autoComplete="off" />
        </Form.Item>
        {user ? null : (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('validation.passwordHint')}
            rules={[
              { required: true, message: t('validation.required') },
              { min: 8, message: t('validation.passwordHint') },
            ]}
          >
            <Input.Password data-testid="user-form-password" autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            loading={roles.isPending}
            data-testid="user-form-role"
            showSearch={{ optionFilterProp: 'label' }}
            options={(roles.data ?? []).map((role) => ({
              value: role.key,
              label: role.name,
              title: role.key,
            }))}
            optionRender={(option) => (
              <span data-testid={`role-option-${option.data.value}`}>
                {option.data.label} <span style={{ color: '#8c8c8c' }}>({option.data.value})</span>
              </span>
            )}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="departmentId" label={t('users.department')}>
              <TreeSelect
                allowClear
                treeDefaultExpandAll
                treeData={tree}
                loading={departments.isPending}
                placeholder={t('users.noDepartment')}
                data-testid="user-form-department"
                onChange={() => form.setFieldValue('teamId', null)}
                treeTitleRender={(node) => (
                  <span data-testid={`department-option-${String(node.title)}`}>{String(node.title)}</span>
                )}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="teamId" label={t('users.team')}>
              <Select
                allowClear
                options={teamOptions}
                placeholder={t('users.noTeam')}
                data-testid="user-form-team"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {user ? (
            <Col span={12}>
              <Form.Item name="status" label={t('users.status')}>
                <Select
                  data-testid="user-form-status"
                  options={[
                    { value: 'active', label: t('users.statusActive') },
                    { value: 'disabled', label: t('users.statusDisabled') },
                  ]}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={12}>
            <Form.Item name="locale" label={t('users.locale')}>
              <Select
                data-testid="user-form-locale"
                options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_LABELS[value] }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
