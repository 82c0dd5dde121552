import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader, useApiFeedback } from '../../ui';
import { useDictionaries } from '../customization';
import {
  createLeadForm,
  deleteLeadForm,
  FORM_FIELDS,
  leadFormSnippet,
  leadFormsKey,
  listLeadForms,
  updateLeadForm,
  type LeadForm,
} from './leads.api';

function FormEditor({ form, open, onClose }: { form?: LeadForm; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [f] = Form.useForm();
  const dict = useDictionaries();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  useEffect(() => {
    if (!open) return;
    f.resetFields();
    f.setFieldsValue(
      form
        ? { ...form, ...form.defaults }
        : {
            fields: ['name', 'company', 'email', 'phone', 'notes'],
            requiredFields: ['email'],
            active: true,
            channel: 'websiteForm',
          },
    );
  }, [open, form, f]);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = {
        name: v.name as string,
        fields: v.fields as string[],
        requiredFields: ((v.requiredFields as string[]) ?? []).filter((x) =>
          (v.fields as string[]).includes(x),
        ),
        active: v.active as boolean,
        defaults: {
          ...(v.channel ? { channel: v.channel as string } : {}),
          campaign: (v.campaign as string) || null,
          tags: (v.tags as string[]) ?? [],
          productInterest: (v.productInterest as string[]) ?? [],
        },
      };
      return form ? updateLeadForm(form.id, { ...body, version: form.version }) : createLeadForm(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: leadFormsKey });
      onClose();
    },
    onError: (e) => showError(e),
  });
  const fieldOptions = FORM_FIELDS.map((x) => ({ value: x, label: t(`leads.forms.fields.${x}`) }));
  return (
    <Modal
      open={open}
      title={form ? t('leads.forms.edit') : t('leads.forms.create')}
      onCancel={onClose}
      onOk={() => f.submit()}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      <Form form={f} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="lead-form-editor">
        <Form.Item name="name" label={t('leads.forms.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="fields" label={t('leads.forms.allowed')} rules={[{ required: true }]}>
          <Checkbox.Group options={fieldOptions} />
        </Form.Item>
        <Form.Item name="requiredFields" label={t('leads.forms.required')}>
          <Checkbox.Group options={fieldOptions} />
        </Form.Item>
        <Form.Item name="channel" label={t('leads.fields.channel')}>
          <Select options={dict.options('leadChannel')} allowClear />
        </Form.Item>
        <Form.Item name="campaign" label={t('leads.fields.campaign')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="tags" label={t('leads.fields.tags')}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="productInterest" label={t('leads.fields.productInterest')}>
          <Select mode="multiple" options={dict.options('productLine')} />
        </Form.Item>
        <Form.Item name="active" label={t('leads.forms.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function LeadFormsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [editing, setEditing] = useState<LeadForm | 'new' | null>(null);
  const [snippet, setSnippet] = useState<{ url: string; html: string } | null>(null);
  const forms = useQuery({ queryKey: leadFormsKey, queryFn: listLeadForms });
  const remove = useMutation({
    mutationFn: (id: string) => deleteLeadForm(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: leadFormsKey }),
    onError: (e) => showError(e),
  });
  const showSnippet = useMutation({
    mutationFn: leadFormSnippet,
    onSuccess: setSnippet,
    onError: (e) => showError(e),
  });
  const canEdit = can(me, 'leadForms', 'update');
  return (
    <>
      <PageHeader
        title={t('leads.forms.title')}
        description={t('leads.forms.description')}
        extra={
          can(me, 'leadForms', 'create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="create-lead-form"
            >
              {t('leads.forms.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Table<LeadForm>
          rowKey="id"
          loading={forms.isLoading}
          dataSource={forms.data?.items ?? []}
          pagination={false}
          columns={[
            { key: 'name', title: t('leads.forms.name'), dataIndex: 'name' },
            {
              key: 'fields',
              title: t('leads.forms.allowed'),
              render: (_: unknown, f: LeadForm) =>
                f.fields.map((x) => <Tag key={x}>{t(`leads.forms.fields.${x}`)}</Tag>),
            },
            {
              key: 'campaign',
              title: t('leads.fields.campaign'),
              render: (_: unknown, f: LeadForm) => f.defaults.campaign ?? '',
            },
            { key: 'submissions', title: t('leads.forms.submissions'), dataIndex: 'submissions' },
            {
              key: 'active',
              title: t('leads.forms.active'),
              render: (_: unknown, f: LeadForm) =>
                f.active ? <Tag color="green">{t('leads.forms.on')}</Tag> : <Tag>{t('leads.forms.off')}</Tag>,
            },
            {
              key: 'actions',
              title: '',
              render: (_: unknown, f: LeadForm) => (
                <Space>
                  <Button
                    size="small"
                    onClick={() => showSnippet.mutate(f.id)}
                    data-testid={`snippet-${f.id}`}
                  >
                    {t('leads.forms.snippet')}
                  </Button>
                  {canEdit ? (
                    <Button size="small" onClick={() => setEditing(f)}>
                      {t('leads.edit')}
                    </Button>
                  ) : null}
                  {can(me, 'leadForms', 'delete') ? (
                    <Popconfirm title={t('leads.forms.confirmDelete')} onConfirm={() => remove.mutate(f.id)}>
                      <Button size="small" danger>
                        {t('leads.forms.delete')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <FormEditor
        open={editing !== null}
        form={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
      <Modal
        open={!!snippet}
        title={t('leads.forms.snippet')}
        onCancel={() => setSnippet(null)}
        footer={null}
        width={760}
      >
        <Typography.Paragraph type="secondary">
          {t('leads.forms.snippetHint', { url: snippet?.url ?? '' })}
        </Typography.Paragraph>
        <Input.TextArea
          readOnly
          rows={14}
          value={snippet?.html}
          data-testid="snippet-html"
          style={{ fontFamily: 'monospace' }}
        />
        <Button
          style={{ marginTop: 12 }}
          icon={<CopyOutlined />}
          onClick={() =>
            void navigator.clipboard
              .writeText(snippet?.html ?? '')
              .then(() => showSuccess(t('leads.forms.copied')))
          }
        >
          {t('leads.forms.copy')}
        </Button>
      </Modal>
    </>
  );
}
