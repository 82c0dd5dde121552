import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader, SecretBox, formatDateTime, testId, useApiFeedback } from '../../ui';
import {
  apiKeysKey,
  createApiKey,
  fetchScopes,
  listApiKeys,
  revokeApiKey,
  type ApiKey,
} from './api-keys.api';

interface CreateForm {
  name: string;
  scopes: string[];
}

const MAX_SCOPE_TAGS = 4;

export function ApiKeysPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<CreateForm>();
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const keys = useQuery({ queryKey: apiKeysKey, queryFn: listApiKeys });
  const scopes = useQuery({
    queryKey: [...apiKeysKey, 'scopes'],
    queryFn: fetchScopes,
    enabled: creating,
    staleTime: Infinity,
  });

  // Scopes grouped by entity ("users:read" → users) for a readable picker.
  const scopeOptions = Object.entries(
    (scopes.data?.scopes ?? []).reduce<Record<string, string[]>>((acc, scope) => {
      const [entity = scope] = scope.split(':');
      (acc[entity] ??= []).push(scope);
      return acc;
    }, {}),
  ).map(([entity, list]) => ({
    label: t(`entities.${entity}`, { defaultValue: entity }),
    title: entity,
    options: list.map((scope) => {
      const action = scope.split(':')[1] ?? scope;
      return {
        value: scope,
        label: `${t(`entities.${entity}`, { defaultValue: entity })} · ${t(`actions.${action}`, { defaultValue: action })}`,
      };
    }),
  }));

  const create = useMutation({
    mutationFn: (values: CreateForm) => createApiKey({ name: values.name.trim(), scopes: values.scopes }),
    onSuccess: (result) => {
      setCreating(false);
      setToken(result.token);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: apiKeysKey });
    },
    onError: (error) => showError(error, form, ['name', 'scopes']),
  });

  const revoke = useMutation({
    mutationFn: (id: string) => revokeApiKey(id),
    onSuccess: () => {
      showSuccess(t('apiKeys.revoked'));
      void queryClient.invalidateQueries({ queryKey: apiKeysKey });
    },
    onError: (error) => showError(error),
  });

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        extra={
          can(me, 'apiKeys', 'create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="create-api-key"
            >
              {t('apiKeys.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Table<ApiKey>
          rowKey="id"
          loading={keys.isFetching}
          dataSource={keys.data?.items ?? []}
          pagination={false}
          data-testid="api-keys-table"
          columns={[
            {
              title: t('apiKeys.name'),
              dataIndex: 'name',
              render: (name: string, key) => (
                <Space>
                  <KeyOutlined style={{ color: '#8c8c8c' }} />
                  <span>{name}</span>
                  <Typography.Text code>{key.prefix}…</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('apiKeys.scopes'),
              dataIndex: 'scopes',
              render: (list: string[]) => (
                <Space size={[4, 4]} wrap>
                  {list.slice(0, MAX_SCOPE_TAGS).map((scope) => (
                    <Tag key={scope}>{scope}</Tag>
                  ))}
                  {list.length > MAX_SCOPE_TAGS ? (
                    <Tooltip title={list.slice(MAX_SCOPE_TAGS).join(', ')}>
                      <Tag>+{list.length - MAX_SCOPE_TAGS}</Tag>
                    </Tooltip>
                  ) : null}
                </Space>
              ),
            },
            { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
            { title: t('apiKeys.lastUsed'), dataIndex: 'lastUsedAt', width: 150, render: formatDateTime },
            {
              title: t('common.status'),
              key: 'status',
              width: 110,
              render: (_, key) =>
                key.revokedAt ? (
                  <Tooltip title={formatDateTime(key.revokedAt)}>
                    <Badge status="default" text={t('apiKeys.statusRevoked')} />
                  </Tooltip>
                ) : (
                  <Badge status="success" text={t('apiKeys.statusActive')} />
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              render: (_, key) =>
                !key.revokedAt && can(me, 'apiKeys', 'delete') ? (
                  <Popconfirm
                    title={t('apiKeys.revokeConfirm', { name: key.name })}
                    onConfirm={() => revoke.mutate(key.id)}
                  >
                    <Button type="link" size="small" danger>
                      {t('apiKeys.revoke')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('apiKeys.create')}
        okText={t('apiKeys.createSubmit')}
        okButtonProps={{ loading: create.isPending, ...testId('api-key-save') }}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        forceRender
      >
        <Form<CreateForm> form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
          <Form.Item
            name="name"
            label={t('apiKeys.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} placeholder={t('apiKeys.namePlaceholder')} data-testid="api-key-name" />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('apiKeys.scopes')}
            extra={t('apiKeys.scopesHint')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              mode="multiple"
              loading={scopes.isPending}
              options={scopeOptions}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="api-key-scopes"
              maxTagCount="responsive"
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={token !== null}
        title={t('apiKeys.createdTitle')}
        onCancel={() => setToken(null)}
        footer={
          <Button type="primary" onClick={() => setToken(null)}>
            {t('apiKeys.savedIt')}
          </Button>
        }
        mask={{ closable: false }}
      >
        {token ? <SecretBox value={token} testId="api-key-token" /> : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('apiKeys.usage')}
        </Typography.Paragraph>
        <Typography.Text code>Authorization: Bearer &lt;token&gt;</Typography.Text>
      </Modal>
    </>
  );
}
