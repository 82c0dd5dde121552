import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
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
  DICTIONARIES,
  createDictionaryItem,
  deleteDictionaryItem,
  dictionariesKey,
  listDictionaries,
  updateDictionaryItem,
  useLocalLabel,
  type DictionaryItem,
  type DictionaryName,
} from './customization.api';

interface FormValues {
  key: string;
  labelZh: string;
  labelEn: string;
  position: number;
  active: boolean;
}

function target(path: (string | number)[]): (string | number)[] | null {
  const [head, leaf] = path;
  if (head === 'label') return [leaf === 'en' ? 'labelEn' : 'labelZh'];
  return typeof head === 'string' && ['key', 'position', 'active'].includes(head) ? [head] : null;
}

function ItemModal({
  dictionary,
  item,
  onClose,
}: {
  dictionary: DictionaryName;
  item: DictionaryItem | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const label = { 'zh-CN': v.labelZh.trim(), en: v.labelEn.trim() };
      return item
        ? updateDictionaryItem(dictionary, item.id, {
            version: item.version,
            label,
            position: v.position,
            active: v.active,
          })
        : createDictionaryItem(dictionary, {
            key: v.key.trim(),
            label,
            position: v.position,
            active: v.active,
          });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: dictionariesKey });
      showSuccess();
      onClose();
    },
    onError: (error) => showError(error, form, target),
  });
  const req = [{ required: true, message: t('customization.form.required') }];
  return (
    <Modal
      open
      title={item ? t('customization.dictionaries.edit') : t('customization.dictionaries.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          item
            ? {
                key: item.key,
                labelZh: item.label['zh-CN'],
                labelEn: item.label.en,
                position: item.position,
                active: item.active,
              }
            : { key: '', labelZh: '', labelEn: '', position: 0, active: true }
        }
      >
        <Form.Item
          name="key"
          label={t('customization.dictionaries.key')}
          extra={t('customization.dictionaries.keyHint')}
          rules={req}
        >
          <Input disabled={!!item} maxLength={100} data-testid="dictionary-item-key" />
        </Form.Item>
        <Form.Item name="labelZh" label={t('customization.form.labelZh')} rules={req}>
          <Input maxLength={100} data-testid="dictionary-item-label-zh" />
        </Form.Item>
        <Form.Item name="labelEn" label={t('customization.form.labelEn')} rules={req}>
          <Input maxLength={100} data-testid="dictionary-item-label-en" />
        </Form.Item>
        <Space size={32}>
          <Form.Item name="position" label={t('customization.form.position')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="active" label={t('customization.dictionaries.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 系统管理 → 数据字典: customer types, sources, industries, relationship levels, interaction channels. */
export function DictionariesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const label = useLocalLabel();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [dictionary, setDictionary] = useState<DictionaryName>('customerType');
  const [editing, setEditing] = useState<DictionaryItem | null | 'new'>(null);
  const all = useQuery({ queryKey: dictionariesKey, queryFn: listDictionaries });
  const items = all.data?.items.find((d) => d.dictionary === dictionary)?.items ?? [];
  const remove = useMutation({
    mutationFn: (id: string) => deleteDictionaryItem(dictionary, id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: dictionariesKey });
      showSuccess(t('customization.deleted'));
    },
    onError: (error) => showError(error),
  });
  const canCreate = can(me, 'dictionaries', 'create');
  const canUpdate = can(me, 'dictionaries', 'update');
  const canDelete = can(me, 'dictionaries', 'delete');

  return (
    <>
      <PageHeader
        title={t('customization.dictionaries.title')}
        description={t('customization.dictionaries.description')}
        extra={
          canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="add-dictionary-item"
            >
              {t('customization.dictionaries.add')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={dictionary}
          onChange={(k) => setDictionary(k as DictionaryName)}
          items={DICTIONARIES.map((d) => ({ key: d, label: t(`customization.dictionaryNames.${d}`) }))}
        />
        <Table<DictionaryItem>
          rowKey="id"
          data-testid="dictionary-items-table"
          loading={all.isFetching}
          dataSource={items}
          pagination={false}
          columns={[
            { key: 'label', title: t('customization.dictionaries.label'), render: (_, i) => label(i.label) },
            { key: 'key', title: t('customization.dictionaries.key'), dataIndex: 'key' },
            { key: 'position', title: t('customization.form.position'), dataIndex: 'position', width: 90 },
            {
              key: 'active',
              title: t('customization.dictionaries.active'),
              render: (_, i) =>
                i.active ? (
                  <Tag color="green">{t('customization.dictionaries.activeYes')}</Tag>
                ) : (
                  <Tag>{t('customization.dictionaries.activeNo')}</Tag>
                ),
            },
            {
              key: 'actions',
              title: t('customization.actions'),
              width: 120,
              render: (_, i) => (
                <Space>
                  {canUpdate ? (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(i)}
                      aria-label={t('customization.edit')}
                    />
                  ) : null}
                  {canDelete ? (
                    <Popconfirm
                      title={t('customization.dictionaries.deleteConfirm')}
                      onConfirm={() => remove.mutate(i.id)}
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
        <ItemModal
          dictionary={dictionary}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
