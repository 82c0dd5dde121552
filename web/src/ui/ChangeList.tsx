import { ArrowRightOutlined } from '@ant-design/icons';
import { Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldChange } from '../api/types';
import { formatValue } from './format';

/** field: old → new, as a compact table. */
export function ChangeList({
  changes,
  entity,
  action,
  format,
}: {
  changes: FieldChange[];
  entity?: string;
  action?: string;
  /** How a value of a field reads (money, choices, lists); plain text otherwise. */
  format?: (field: string, value: unknown) => ReactNode;
}) {
  const { t } = useTranslation();
  const show = (field: string, value: unknown) =>
    format && value !== null && value !== undefined ? format(field, value) : formatValue(value);
  const label = (field: string) => t(`fields.${entity ?? 'common'}.${field}`, { defaultValue: field });
  // A reveal changes nothing: it records which fields were looked at.
  if (action === 'reveal') {
    return (
      <Typography.Text type="secondary">
        {t('audit.revealedFields', { fields: changes.map((c) => label(c.field)).join(', ') })}
      </Typography.Text>
    );
  }
  if (!changes.length) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={changes}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'field',
          width: 180,
          render: label,
        },
        {
          title: t('audit.oldValue'),
          dataIndex: 'old',
          render: (value: unknown, change) => (
            <Typography.Text delete type="secondary">
              {show(change.field, value)}
            </Typography.Text>
          ),
        },
        { key: 'arrow', width: 32, render: () => <ArrowRightOutlined style={{ color: '#bfbfbf' }} /> },
        {
          title: t('audit.newValue'),
          dataIndex: 'new',
          render: (value: unknown, change) => <Typography.Text>{show(change.field, value)}</Typography.Text>,
        },
      ]}
    />
  );
}
