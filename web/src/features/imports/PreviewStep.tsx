import { CopyOutlined } from '@ant-design/icons';
import { Alert, Space, Spin, Table, Tag, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ui';
import { previewTally } from './import-wizard';
import type { ColumnMapping, ImportField, PreviewRow, RowOutcome } from './imports.api';

const OUTCOME_COLORS: Record<RowOutcome, string> = {
  created: 'success',
  updated: 'processing',
  skipped: 'default',
  failed: 'error',
};

interface Props {
  fields: ImportField[];
  mapping: ColumnMapping[];
  rows: PreviewRow[] | undefined;
  loading: boolean;
  error: unknown;
}

/** Step 4: the first rows as they will be stored; failing rows in red, duplicates flagged. */
export function PreviewStep({ fields, mapping, rows, loading, error }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const mapped = fields.filter((f) => mapping.some((m) => m.field === f.key));
  const columnOf = new Map(mapping.filter((m) => m.field).map((m) => [m.field, m.column]));
  // Errors name a field, or an item of one ('phones[1]').
  const baseField = (key: string) => key.replace(/(\[\d+\]|\..*)$/, '');
  const tally = previewTally(rows ?? []);

  if (error) return <Alert type="error" showIcon title={errorMessage(error, t('common.requestFailed'))} />;

  return (
    <Spin spinning={loading}>
      {rows ? (
        <Typography.Paragraph type="secondary" data-testid="import-preview-summary">
          {t('imports.preview.summary', {
            rows: rows.length,
            errors: tally.errors,
            duplicates: tally.duplicates,
          })}
        </Typography.Paragraph>
      ) : null}
      <Table<PreviewRow>
        size="small"
        bordered
        rowKey="rowNo"
        pagination={false}
        data-testid="import-preview-table"
        dataSource={rows ?? []}
        scroll={{ x: 80 + mapped.length * 150 + 280 }}
        onRow={(row) => ({
          'data-testid': `preview-row-${row.rowNo}`,
          style: row.outcome === 'failed' ? { background: token.colorErrorBg } : undefined,
        })}
        columns={[
          { key: 'rowNo', title: t('imports.preview.rowNo'), dataIndex: 'rowNo', width: 64, fixed: 'left' },
          ...mapped.map((field) => ({
            key: field.key,
            title: field.required ? `${field.label} *` : field.label,
            width: 150,
            render: (_: unknown, row: PreviewRow) => {
              // A failing row has no stored value: show what the file says.
              const column = columnOf.get(field.key);
              const value = row.values[field.key] ?? (column === undefined ? '' : (row.cells[column] ?? ''));
              const problems = row.errors.filter((e) => baseField(e.field) === field.key);
              if (!problems.length) return value;
              return (
                <Tooltip title={problems.map((p) => p.message).join('; ')}>
                  <Typography.Text type={row.outcome === 'failed' ? 'danger' : 'warning'}>
                    {value || '—'}
                  </Typography.Text>
                </Tooltip>
              );
            },
          })),
          {
            key: 'check',
            title: t('imports.preview.check'),
            width: 280,
            render: (_: unknown, row: PreviewRow) => {
              // The server's messages name their field already.
              if (row.outcome === 'failed')
                return (
                  <div data-testid="preview-errors">
                    {row.errors.map((e, i) => (
                      <div key={i}>
                        <Typography.Text type="danger">{e.message}</Typography.Text>
                      </div>
                    ))}
                  </div>
                );
              // Why a row is skipped (or updates a record) comes translated from the server.
              const reasons = row.errors.map((e) => e.message).join('; ');
              return (
                <Space size={4} wrap>
                  <Tag color={OUTCOME_COLORS[row.outcome]} data-testid="preview-outcome">
                    {t(`imports.preview.outcomes.${row.outcome}`)}
                  </Tag>
                  {row.duplicate ? (
                    <Tag color="warning" icon={<CopyOutlined />} data-testid="preview-duplicate">
                      {t('imports.preview.duplicate')}
                    </Tag>
                  ) : null}
                  {reasons ? <Typography.Text type="secondary">{reasons}</Typography.Text> : null}
                </Space>
              );
            },
          },
        ]}
      />
    </Spin>
  );
}
