import { CopyOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataScope } from '../../app/session';
import { PermissionMatrix } from './PermissionMatrix';
import type { FieldRule, PermissionCatalog, Permissions, Role, RoleInput } from './roles.api';

export interface RoleDraft {
  /** The role being edited; absent for a new role. */
  role?: Role;
  /** Starting values for a new role (copied from another one). */
  template?: Pick<Role, 'permissions' | 'dataScope' | 'fieldRules'> & { name?: string };
}

interface Props {
  draft: RoleDraft;
  catalog: PermissionCatalog;
  canSave: boolean;
  canDelete: boolean;
  saving: boolean;
  deleting: boolean;
  onSave: (input: RoleInput, form: FormInstance<RoleBasics>) => void;
  onDelete: () => void;
  onCopy: (template: NonNullable<RoleDraft['template']>) => void;
}

export interface RoleBasics {
  key: string;
  name: string;
  description?: string;
}

const DEFAULT_SCOPES: DataScope[] = ['own', 'team', 'department', 'org'];
type RuleChoice = 'visible' | FieldRule;

export function RoleEditor({
  draft,
  catalog,
  canSave,
  canDelete,
  saving,
  deleting,
  onSave,
  onDelete,
  onCopy,
}: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RoleBasics>();
  const source = draft.role ?? draft.template;
  const [permissions, setPermissions] = useState<Permissions>(source?.permissions ?? {});
  const [dataScope, setDataScope] = useState<DataScope>(source?.dataScope ?? 'own');
  const [fieldRules, setFieldRules] = useState<Record<string, FieldRule>>(source?.fieldRules ?? {});
  const role = draft.role;
  const readOnly = !canSave;

  const maskable = catalog.entities.flatMap((entity) =>
    entity.fields.map((field) => ({ entity: entity.key, field, key: `${entity.key}.${field}` })),
  );
  const scopes = catalog.dataScopes?.length ? catalog.dataScopes : DEFAULT_SCOPES;

  const setRule = (key: string, choice: RuleChoice) =>
    setFieldRules((old) => {
      const next = { ...old };
      if (choice === 'visible') delete next[key];
      else next[key] = choice;
      return next;
    });

  const submit = (basics: RoleBasics) =>
    onSave(
      {
        ...(role ? {} : { key: basics.key.trim() }),
        name: basics.name.trim(),
        description: basics.description?.trim() || null,
        permissions,
        dataScope,
        fieldRules,
      },
      form,
    );

  return (
    <Card
      title={
        <Space>
          <span>{role ? role.name : t('roles.newRole')}</span>
          {role?.builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : null}
          {role?.isPortal ? <Tag color="purple">{t('roles.portal')}</Tag> : null}
        </Space>
      }
      extra={
        <Space>
          {role ? (
            <Button
              icon={<CopyOutlined />}
              onClick={() => onCopy({ permissions, dataScope, fieldRules, name: role.name })}
            >
              {t('roles.copy')}
            </Button>
          ) : null}
          {role && canDelete ? (
            role.builtin ? (
              <Tooltip title={t('roles.builtinNoDelete')}>
                <Button danger icon={<DeleteOutlined />} disabled>
                  {t('common.delete')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm title={t('roles.deleteConfirm', { name: role.name })} onConfirm={onDelete}>
                <Button danger icon={<DeleteOutlined />} loading={deleting}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )
          ) : null}
          {canSave ? (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={saving}
              onClick={() => form.submit()}
              data-testid="role-save"
            >
              {t('common.save')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {role?.builtin ? (
        <Alert type="info" showIcon title={t('roles.builtinHint')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<RoleBasics>
        form={form}
        layout="vertical"
        disabled={readOnly}
        initialValues={{
          key: role?.key ?? '',
          name: role?.name ?? draft.template?.name ?? '',
          description: role?.description ?? '',
        }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="name"
              label={t('roles.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={100} data-testid="role-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="key"
              label={t('roles.key')}
              extra={role ? undefined : t('roles.keyHint')}
              rules={
                role
                  ? []
                  : [
                      { required: true, message: t('validation.required') },
                      { pattern: /^[a-z][a-z0-9_-]{1,49}$/, message: t('roles.keyHint') },
                    ]
              }
            >
              <Input disabled={!!role} maxLength={50} data-testid="role-form-key" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="description" label={t('roles.descriptionLabel')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Tabs
        items={[
          {
            key: 'permissions',
            label: t('roles.permissions'),
            children: (
              <PermissionMatrix
                catalog={catalog.entities}
                value={permissions}
                onChange={setPermissions}
                disabled={readOnly}
              />
            ),
          },
          {
            key: 'scope',
            label: t('roles.dataScope'),
            children: (
              <Radio.Group
                value={dataScope}
                disabled={readOnly}
                onChange={(e) => setDataScope(e.target.value as DataScope)}
                style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
              >
                {scopes.map((scope) => (
                  <Radio key={scope} value={scope} data-testid={`data-scope-${scope}`}>
                    <Typography.Text strong>
                      {t(`roles.scopes.${scope}`, { defaultValue: scope })}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {t(`roles.scopeHints.${scope}`, { defaultValue: '' })}
                    </Typography.Text>
                  </Radio>
                ))}
              </Radio.Group>
            ),
          },
          {
            key: 'fields',
            label: t('roles.fieldRules'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('roles.fieldRulesHint')}</Typography.Paragraph>
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={maskable}
                  locale={{ emptyText: t('roles.noMaskableFields') }}
                  columns={[
                    {
                      title: t('roles.entity'),
                      dataIndex: 'entity',
                      width: 160,
                      render: (e: string) => t(`entities.${e}`, { defaultValue: e }),
                    },
                    {
                      title: t('audit.field'),
                      key: 'field',
                      width: 160,
                      render: (_, row) => t(`fields.${row.entity}.${row.field}`, { defaultValue: row.field }),
                    },
                    {
                      title: t('roles.rule'),
                      key: 'rule',
                      render: (_, row) => (
                        <Radio.Group
                          optionType="button"
                          buttonStyle="solid"
                          size="small"
                          disabled={readOnly}
                          value={fieldRules[row.key] ?? 'visible'}
                          onChange={(e) => setRule(row.key, e.target.value as RuleChoice)}
                          data-testid={`field-rule-${row.key}`}
                          options={[
                            { value: 'visible', label: t('roles.rules.visible') },
                            { value: 'mask', label: t('roles.rules.mask') },
                            { value: 'hide', label: t('roles.rules.hide') },
                          ]}
                        />
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
