import { Alert, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../api/types';
import { ACTION_COLORS } from './action-colors';
import { ChangeList } from './ChangeList';
import { errorMessage } from './errors';
import { formatDateTime } from './format';

const isEmpty = (v: unknown): boolean =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(isEmpty));

/** A record's change history: who did what and when, each change as field: old → new. */
export function HistoryTimeline({
  items,
  loading,
  error,
  entity,
  format,
  testId,
}: {
  items: HistoryEntry[] | undefined;
  loading: boolean;
  error: unknown;
  entity: string;
  format?: (field: string, value: unknown) => ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (loading) return <Spin />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error, t('common.requestFailed'))} />;
  if (!items?.length) return <Empty description={t('common.noHistory')} />;
  return (
    <Timeline
      data-testid={testId}
      items={items.map((raw, index) => {
        // A creation lists every field; the empty ones say nothing.
        const entry = { ...raw, changes: raw.changes.filter((c) => !(isEmpty(c.old) && isEmpty(c.new))) };
        return {
          key: `${entry.at}-${index}`,
          color: ACTION_COLORS[entry.action] ?? 'gray',
          content: (
            <div>
              <div style={{ marginBottom: 8 }}>
                <Tag color={ACTION_COLORS[entry.action]}>
                  {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}
                </Tag>
                <Typography.Text strong>{entry.byName ?? entry.by ?? t('audit.system')}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {formatDateTime(entry.at)}
                </Typography.Text>
              </div>
              {entry.changes.length ? (
                <ChangeList changes={entry.changes} entity={entity} action={entry.action} format={format} />
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
