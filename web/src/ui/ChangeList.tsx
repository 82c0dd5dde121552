import { ArrowRightOutlined } from '@ant-design/icons';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldChange } from '../api/types';
import { formatValue } from './format';

/** field: old → new, as a compact table. */
export function ChangeList({
  changes,
  entity,
  action,
}: {
  changes: FieldChange[];
  entity?: string;
  action?: string;
}) {
  const { t } = useTranslation();
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
          render: (value: unknown) => (
            <Typography.Text delete type="secondary">
              {formatValue(value)}
            </Typography.Text>
          ),
        },
        { key: 'arrow', width: 32, render: () => <ArrowRightOutlined style={{ color: '#bfbfbf' }} /> },
        {
          title: t('audit.newValue'),
          dataIndex: 'new',
          render: (value: unknown) => <Typography.Text>{formatValue(value)}</Typography.Text>,
        },
      ]}
    />
  );
}
