import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { testId, useApiFeedback } from '../../ui';
import { applyTemplate, missingRequired, repeatedFields, sampleValues, toTemplate } from './import-wizard';
import {
  createMappingTemplate,
  deleteMappingTemplate,
  importTemplatesKey,
  listMappingTemplates,
  type ColumnMapping,
  type ImportEntity,
  type ImportField,
  type PreviewRow,
} from './imports.api';

const IGNORE = '__ignore__';

interface Props {
  entity: ImportEntity;
  fields: ImportField[];
  rows: PreviewRow[];
  mapping: ColumnMapping[];
  onChange: (mapping: ColumnMapping[]) => void;
}

/** Step 3: which field each column feeds; required fields left unmapped block the step. */
export function MappingStep({ entity, fields, rows, mapping, onChange }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [templateId, setTemplateId] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');

  const templates = useQuery({
    queryKey: [...importTemplatesKey, entity],
    queryFn: () => listMappingTemplates(entity),
  });
  const items = templates.data?.items ?? [];
  const knownFields = useMemo(() => new Set(fields.map((f) => f.key)), [fields]);
  const missing = missingRequired(fields, mapping);
  const repeated = repeatedFields(fields, mapping);

  const save = useMutation({
    mutationFn: () => createMappingTemplate({ entity, name: name.trim(), mapping: toTemplate(mapping) }),
    onSuccess: (created) => {
      showSuccess(t('imports.mapping.templateSaved', { name: created.name }));
      setSaving(false);
      setName('');
      setTemplateId(created.id);
      void queryClient.invalidateQueries({ queryKey: importTemplatesKey });
    },
    onError: (error) => showError(error),
  });

  const remove = useMutation({
    mutationFn: (id: string) => deleteMappingTemplate(id),
    onSuccess: () => {
      setTemplateId(undefined);
      void queryClient.invalidateQueries({ queryKey: importTemplatesKey });
    },
    onError: (error) => showError(error),
  });

  const apply = (id: string) => {
    setTemplateId(id);
    const template = items.find((i) => i.id === id);
    if (!template) return;
    const result = applyTemplate(mapping, template.mapping, knownFields);
    onChange(result.mapping);
    showSuccess(t('imports.mapping.templateApplied', { count: result.matched }));
  };

  const setField = (column: number, field: string) =>
    onChange(
      mapping.map((m) => (m.column === column ? { ...m, field: field === IGNORE ? null : field } : m)),
    );

  const fieldOptions = [
    {
      value: IGNORE,
      label: <Typography.Text type="secondary">{t('imports.mapping.ignore')}</Typography.Text>,
    },
    ...fields.map((f) => ({
      value: f.key,
      label: f.required ? `${f.label} *` : f.label,
    })),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('imports.mapping.hint')}</Typography.Text>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('imports.mapping.applyTemplate')}
            style={{ width: 220 }}
            value={templateId}
            loading={templates.isPending}
            onChange={(id?: string) => (id ? apply(id) : setTemplateId(undefined))}
            options={items.map((i) => ({ value: i.id, label: i.name }))}
            notFoundContent={t('imports.mapping.noTemplates')}
            data-testid="import-template-select"
          />
          {templateId ? (
            <Popconfirm
              title={t('imports.mapping.deleteTemplateConfirm')}
              onConfirm={() => remove.mutate(templateId)}
            >
              <Button
                icon={<DeleteOutlined />}
                loading={remove.isPending}
                aria-label={t('imports.mapping.deleteTemplate')}
              />
            </Popconfirm>
          ) : null}
          <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="import-save-template">
            {t('imports.mapping.saveTemplate')}
          </Button>
        </Space>
      </Flex>
      {missing.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="import-missing-required"
          title={t('imports.mapping.missingRequired', { fields: missing.map((f) => f.label).join('、') })}
        />
      ) : null}
      {repeated.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('imports.mapping.repeated', { fields: repeated.map((f) => f.label).join('、') })}
        />
      ) : null}
      <Table<ColumnMapping>
        size="small"
        rowKey="column"
        pagination={false}
        data-testid="import-mapping-table"
        dataSource={mapping}
        columns={[
          {
            key: 'header',
            title: t('imports.mapping.column'),
            width: 220,
            render: (_, m) => (
              <span data-testid={`mapping-header-${m.column}`}>
                {m.header || (
                  <Typography.Text type="secondary">{t('imports.mapping.noHeader')}</Typography.Text>
                )}
              </span>
            ),
          },
          {
            key: 'samples',
            title: t('imports.mapping.samples'),
            render: (_, m) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>
                {sampleValues(rows, m.column).join(' · ') || '—'}
              </Typography.Text>
            ),
          },
          {
            key: 'field',
            title: t('imports.mapping.field'),
            width: 260,
            render: (_, m) => (
              <Space>
                <Select
                  showSearch={{ optionFilterProp: 'title' }}
                  style={{ width: 200 }}
                  value={m.field ?? IGNORE}
                  onChange={(v: string) => setField(m.column, v)}
                  options={fieldOptions.map((o) => ({
                    ...o,
                    title: typeof o.label === 'string' ? o.label : t('imports.mapping.ignore'),
                  }))}
                  data-testid={`mapping-select-${m.column}`}
                />
                {m.field && repeated.some((f) => f.key === m.field) ? (
                  <Tag color="error">{t('imports.mapping.repeatedTag')}</Tag>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('imports.mapping.mappedCount', {
          count: mapping.filter((m) => m.field).length,
          total: mapping.length,
        })}
      </Typography.Paragraph>
      <Modal
        open={saving}
        title={t('imports.mapping.saveTemplate')}
        onCancel={() => setSaving(false)}
        onOk={() => save.mutate()}
        okButtonProps={{ disabled: !name.trim(), loading: save.isPending, ...testId('import-template-save') }}
        destroyOnHidden
      >
        <Input
          autoFocus
          value={name}
          maxLength={100}
          placeholder={t('imports.mapping.templateName')}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => name.trim() && save.mutate()}
          data-testid="import-template-name"
        />
      </Modal>
    </>
  );
}
