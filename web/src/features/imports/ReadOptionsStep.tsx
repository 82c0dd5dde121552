import { Alert, Descriptions, Select, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DELIMITERS,
  canonicalEncoding,
  delimiterName,
  encodingLabel,
  encodingOptions,
  type DelimiterName,
} from './import-wizard';
import type { ReadOptions, UploadAnalysis } from './imports.api';

interface Props {
  analysis: UploadAnalysis;
  /** What the server detected on upload, kept while the user tries other readings. */
  detected: { encoding: string | null; delimiter: string | null };
  options: ReadOptions;
  onChange: (options: ReadOptions) => void;
  loading: boolean;
}

/** Step 2: the detected encoding and delimiter, with overrides; the file re-read on every change. */
export function ReadOptionsStep({ analysis, detected, options, onChange, loading }: Props) {
  const { t } = useTranslation();
  const isText = analysis.format !== 'xlsx';
  const isCsv = analysis.format === 'csv';
  const delimiterLabel = (d: string | null) => {
    const name: DelimiterName | null = d === null ? null : delimiterName(d);
    return name ? t(`imports.read.delimiters.${name}`) : (d ?? '—');
  };
  const rows = analysis.preview.slice(0, 10);

  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'file',
            label: t('imports.read.file'),
            children: (
              <span data-testid="import-file-name">
                {analysis.fileName} <Tag>{analysis.format.toUpperCase()}</Tag>
              </span>
            ),
          },
          {
            key: 'columns',
            label: t('imports.read.columns'),
            children: analysis.headers.length,
          },
          ...(analysis.total !== null
            ? [{ key: 'rows', label: t('imports.read.rows'), children: analysis.total.toLocaleString() }]
            : []),
          ...(isText
            ? [
                {
                  key: 'encoding',
                  label: t('imports.read.encoding'),
                  children: (
                    <>
                      <Select
                        value={options.encoding}
                        onChange={(encoding: string) => onChange({ ...options, encoding })}
                        style={{ width: 160 }}
                        data-testid="import-encoding"
                        options={encodingOptions(detected.encoding).map((value) => ({
                          value,
                          label: encodingLabel(value),
                        }))}
                      />{' '}
                      <Typography.Text type="secondary" data-testid="import-detected-encoding">
                        {t('imports.read.detected', {
                          value: detected.encoding
                            ? encodingLabel(canonicalEncoding(detected.encoding) ?? '')
                            : '—',
                        })}
                      </Typography.Text>
                    </>
                  ),
                },
              ]
            : []),
          ...(isCsv
            ? [
                {
                  key: 'delimiter',
                  label: t('imports.read.delimiter'),
                  children: (
                    <>
                      <Select
                        value={options.delimiter}
                        onChange={(delimiter: string) => onChange({ ...options, delimiter })}
                        style={{ width: 160 }}
                        data-testid="import-delimiter"
                        options={DELIMITERS.map((value) => ({ value, label: delimiterLabel(value) }))}
                      />{' '}
                      <Typography.Text type="secondary" data-testid="import-detected-delimiter">
                        {t('imports.read.detected', { value: delimiterLabel(detected.delimiter) })}
                      </Typography.Text>
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
      {!isText ? (
        <Alert type="info" showIcon title={t('imports.read.xlsxNote')} style={{ marginBottom: 16 }} />
      ) : (
        <Typography.Paragraph type="secondary">{t('imports.read.hint')}</Typography.Paragraph>
      )}
      <Spin spinning={loading}>
        <Table
          size="small"
          bordered
          pagination={false}
          data-testid="import-raw-table"
          rowKey="rowNo"
          scroll={{ x: Math.max(600, analysis.headers.length * 140) }}
          dataSource={rows}
          columns={[
            { key: 'rowNo', title: '#', dataIndex: 'rowNo', width: 56, fixed: 'left' },
            ...analysis.headers.map((header, index) => ({
              key: String(index),
              title: <span data-testid={`import-header-${index}`}>{header}</span>,
              width: 140,
              ellipsis: true,
              render: (_: unknown, row: UploadAnalysis['preview'][number]) => row.cells[index] ?? '',
            })),
          ]}
        />
      </Spin>
    </>
  );
}
