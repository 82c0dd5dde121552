import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, formatDateTime } from '../../ui';
import { customersKey, fetchOwnerHistory } from './customers.api';

const REASON_COLORS: Record<string, string> = {
  create: 'green',
  edit: 'blue',
  transfer: 'purple',
  merge: 'cyan',
  release: 'orange',
  reclaim: 'red',
  claim: 'geekblue',
};

/** 负责人变更: every change of owner, newest first, with who made it and why. */
export function OwnerTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const owners = useQuery({
    queryKey: [...customersKey, 'owners', customerId],
    queryFn: () => fetchOwnerHistory(customerId),
  });
  if (owners.isPending) return <Spin />;
  if (owners.isError)
    return <Alert type="error" showIcon title={errorMessage(owners.error, t('common.requestFailed'))} />;
  const items = [...owners.data.items].sort((a, b) => b.at.localeCompare(a.at));
  if (!items.length) return <Empty description={t('customers.noOwnerChanges')} />;
  const pool = <Tag>{t('customers.publicPool')}</Tag>;
  return (
    <Timeline
      data-testid="owner-timeline"
      items={items.map((entry, i) => ({
        key: `${entry.at}-${i}`,
        color: REASON_COLORS[entry.reason] ?? 'gray',
        content: (
          <div>
            <div style={{ marginBottom: 4 }}>
              <Tag color={REASON_COLORS[entry.reason]}>
                {t(`customers.ownerReasons.${entry.reason}`, { defaultValue: entry.reason })}
              </Tag>
              <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
            </div>
            <div style={{ fontSize: 15 }}>
              {entry.reason === 'create' && !entry.fromOwnerId ? null : (
                <>
                  {entry.fromOwnerId ? <Typography.Text>{entry.fromOwnerName ?? '—'}</Typography.Text> : pool}
                  <ArrowRightOutlined style={{ color: '#bfbfbf', marginInline: 10 }} />
                </>
              )}
              {entry.toOwnerId ? <Typography.Text strong>{entry.toOwnerName ?? '—'}</Typography.Text> : pool}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customers.changedBy', { name: entry.changedByName ?? t('audit.system') })}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
