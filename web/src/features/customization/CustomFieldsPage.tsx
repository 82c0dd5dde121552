import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { PageHeader, useApiFeedback } from '../../ui';
import {
  CUSTOM_FIELD_TYPES,
  createCustomField,
  customFieldsKey,
  deleteCustomField,
  listCustomFields,
  updateCustomField,
  useLocalLabel,
  type CustomFieldDef,
  type CustomFieldEntity,
  type CustomFieldType,
} from './customization.api';

const ENTITIES: CustomFieldEntity[] = ['customers', 'contacts'];
const KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,39}$/;

interface FormValues {
  key: string;
  labelZh: string;
  labelEn: string;
  type: CustomFieldType;
  required: boolean;
  position: number;
  options: { key: string; zh: string; en: string }[];
}

const hasOptions = (type: CustomFieldType | undefined) => type === 'choice' || type === 'multiChoice';

/** Where a server issue goes: options[2].key on that option's key, label.en on the English label. */
function target(path: (string | number)[]): (string | number)[] | null {
  const [head, i, leaf] = path;
  if (head === 'label') return [i === 'en' ? 'labelEn' : 'labelZh'];
  if (head === 'options' && typeof i === 'number') return ['options', i, leaf === 'key' ? 'key' : 'zh'];
  return typeof head === 'string' && ['key', 'type', 'required', 'position', 'options'].includes(head)
    ? [head]
    : null;
}

function FieldModal({
  entity,
  field,
  open,
  onClose,
}: {
  entity: CustomFieldEntity;
  field: CustomFieldDef | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const type = Form.useWatch('type', form);
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const label = { 'zh-CN': v.labelZh.trim(), en: v.labelEn.trim() };
      const options = hasOptions(v.type)
        ? (v.options ?? []).map((o) => ({
            key: o.key.trim(),
            label: { 'zh-CN': o.zh.trim(), en: o.en.trim() },
          }))
        : [];
      return field
        ? updateCustomField(field.id, {
            version: field.version,
            label,
            required: v.required,
            position: v.position,
            ...(hasOptions(field.type) ? { options } : {}),
          })
        : createCustomField({
            entity,
            key: v.key,
            type: v.type,
            label,
            required: v.required,
            position: v.position,
            options,
          });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customFieldsKey });
      showSuccess();
      onClose();
    },
    onError: (error) => showError(error, form, target),
  });
  const initial: FormValues = field
    ? {
        key: field.key,
        labelZh: field.label['zh-CN'],
        labelEn: field.label.en,
        type: field.type,
        required: field.required,
        position: field.position,
        options: field.options.map((o) => ({ key: o.key, zh: o.label['zh-CN'], en: o.label.en })),
      }
    : { key: '', labelZh: '', labelEn: '', type: 'text', required: false, position: 0, options: [] };
  const req = [{ required: true, message: t('customization.form.required') }];
  return (
    <Modal
      open={open}
      title={field ? t('customization.fields.edit') : t('customization.fields.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="key"
              label={t('customization.fields.key')}
              extra={t('customization.fields.keyHint')}
              rules={[...req, { pattern: KEY_PATTERN, message: t('customization.fields.keyPattern') }]}
            >
              <Input disabled={!!field} data-testid="custom-field-key" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="type" label={t('customization.fields.type')} rules={req}>
              <Select
                disabled={!!field}
                options={CUSTOM_FIELD_TYPES.map((v) => ({ value: v, label: t(`customization.types.${v}`) }))}
                data-testid="custom-field-type"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="labelZh" label={t('customization.form.labelZh')} rules={req}>
              <Input maxLength={100} data-testid="custom-field-label-zh" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="labelEn" label={t('customization.form.labelEn')} rules={req}>
              <Input maxLength={100} data-testid="custom-field-label-en" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="position" label={t('customization.form.position')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="required" label={t('customization.fields.required')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        {hasOptions(type) ? (
          <Form.List name="options">
            {(items, { add, remove }) => (
              <>
                {items.map(({ key, name }) => (
                  <Space key={key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[name, 'key']} rules={req}>
                      <Input placeholder={t('customization.fields.optionKey')} />
                    </Form.Item>
                    <Form.Item name={[name, 'zh']} rules={req}>
                      <Input placeholder={t('customization.form.labelZh')} />
                    </Form.Item>
                    <Form.Item name={[name, 'en']} rules={req}>
                      <Input placeholder={t('customization.form.labelEn')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(name)} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ key: '', zh: '', en: '' })}
                  block
                >
                  {t('customization.fields.addOption')}
                </Button>
              </>
            )}
          </Form.List>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 系统管理 → 自定义字段: fields administrators add to customers and contacts. */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const label = useLocalLabel();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [entity, setEntity] = useState<CustomFieldEntity>('customers');
  const [editing, setEditing] = useState<CustomFieldDef | null | 'new'>(null);
  const fields = useQuery({
    queryKey: [...customFieldsKey, entity],
    queryFn: async () => (await listCustomFields(entity)).items,
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteCustomField(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customFieldsKey });
      showSuccess(t('customization.deleted'));
    },
    onError: (error) => showError(error),
  });
  const canCreate = can(me, 'customFields', 'create');
  const canUpdate = can(me, 'customFields', 'update');
  const canDelete = can(me, 'customFields', 'delete');

  return (
    <>
      <PageHeader
        title={t('customization.fields.title')}
        description={t('customization.fields.description')}
        extra={
          canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="add-custom-field"
            >
              {t('customization.fields.add')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={entity}
          onChange={(k) => setEntity(k as CustomFieldEntity)}
          items={ENTITIES.map((e) => ({ key: e, label: t(`customization.entities.${e}`) }))}
        />
        <Table<CustomFieldDef>
          rowKey="id"
          data-testid="custom-fields-table"
          loading={fields.isFetching}
          dataSource={fields.data ?? []}
          pagination={false}
          columns={[
            { key: 'label', title: t('customization.fields.label'), render: (_, f) => label(f.label) },
            { key: 'key', title: t('customization.fields.key'), dataIndex: 'key' },
            {
              key: 'type',
              title: t('customization.fields.type'),
              render: (_, f) => <Tag>{t(`customization.types.${f.type}`)}</Tag>,
            },
            {
              key: 'required',
              title: t('customization.fields.required'),
              render: (_, f) =>
                f.required ? <Tag color="red">{t('customization.fields.requiredYes')}</Tag> : '—',
            },
            {
              key: 'options',
              title: t('customization.fields.options'),
              render: (_, f) => f.options.map((o) => <Tag key={o.key}>{label(o.label)}</Tag>),
            },
            { key: 'position', title: t('customization.form.position'), dataIndex: 'position', width: 90 },
            {
              key: 'actions',
              title: t('customization.actions'),
              width: 120,
              render: (_, f) => (
                <Space>
                  {canUpdate ? (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(f)}
                      aria-label={t('customization.edit')}
                    />
                  ) : null}
                  {canDelete ? (
                    <Popconfirm
                      title={t('customization.fields.deleteConfirm')}
                      onConfirm={() => remove.mutate(f.id)}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('customization.delete')}
                      />
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing ? (
        <FieldModal
          entity={entity}
          field={editing === 'new' ? null : editing}
          open
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
