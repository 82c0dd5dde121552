import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { useApiFeedback } from '../../ui';
import {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  savedViewsKey,
  type SavedView,
  type SavedViewConfig,
} from './saved-views.api';

interface Props {
  entity: string;
  /** What the list shows now: saved as a new view. */
  current: SavedViewConfig;
  /** Applies a view's filters, sort and columns to the list. */
  onApply: (config: SavedViewConfig) => void;
}

/** Pick, save (privately or shared) and delete named views of a list. */
export function SavedViewsBar({ entity, current, onApply }: Props) {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const [saving, setSaving] = useState(false);
  const [activeId, setActiveId] = useState<string | undefined>();
  const views = useQuery({ queryKey: [...savedViewsKey, entity], queryFn: () => listSavedViews(entity) });
  const items = views.data?.items ?? [];
  const active = items.find((v) => v.id === activeId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: savedViewsKey });

  const create = useMutation({
    mutationFn: (v: { name: string; shared: boolean }) =>
      createSavedView({ entity, name: v.name.trim(), shared: v.shared, config: current }),
    onSuccess: (view) => {
      void refresh();
      setActiveId(view.id);
      setSaving(false);
      showSuccess(t('savedViews.saved'));
    },
    onError: (error) => showError(error, form, (path) => (path[0] === 'name' ? ['name'] : null)),
  });
  const remove = useMutation({
    mutationFn: (view: SavedView) => deleteSavedView(view.id),
    onSuccess: () => {
      void refresh();
      setActiveId(undefined);
      showSuccess(t('savedViews.deleted'));
    },
    onError: (error) => showError(error),
  });

  return (
    <Space size={8} wrap>
      <Select
        allowClear
        placeholder={t('savedViews.choose')}
        style={{ width: 220 }}
        value={activeId}
        loading={views.isFetching}
        data-testid="saved-view-select"
        onChange={(id: string | undefined) => {
          setActiveId(id);
          const view = items.find((v) => v.id === id);
          if (view) onApply(view.config);
        }}
        options={[
          { label: t('savedViews.mine'), options: items.filter((v) => v.ownerId === me?.id).map(option) },
          { label: t('savedViews.shared'), options: items.filter((v) => v.ownerId !== me?.id).map(option) },
        ].filter((g) => g.options.length)}
      />
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="saved-view-save">
        {t('savedViews.save')}
      </Button>
      {active?.editable ? (
        <Popconfirm
          title={t('savedViews.deleteConfirm', { name: active.name })}
          onConfirm={() => remove.mutate(active)}
        >
          <Button
            icon={<DeleteOutlined />}
            danger
            aria-label={t('savedViews.delete')}
            data-testid="saved-view-delete"
          />
        </Popconfirm>
      ) : null}
      <Modal
        open={saving}
        title={t('savedViews.saveTitle')}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: '', shared: false }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item
            name="name"
            label={t('savedViews.name')}
            rules={[{ required: true, whitespace: true, message: t('savedViews.nameRequired') }]}
          >
            <Input maxLength={100} data-testid="saved-view-name" />
          </Form.Item>
          {can(me, 'savedViews', 'create') ? (
            <Form.Item name="shared" valuePropName="checked" extra={t('savedViews.sharedHint')}>
              <Checkbox data-testid="saved-view-shared">{t('savedViews.shareWithOrg')}</Checkbox>
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Space>
  );

  function option(v: SavedView) {
    return {
      value: v.id,
      label: (
        <Space size={4}>
          {v.name}
          {v.shared ? <Tag color="blue">{t('savedViews.sharedTag')}</Tag> : null}
        </Space>
      ),
    };
  }
}
