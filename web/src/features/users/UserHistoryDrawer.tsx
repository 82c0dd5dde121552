import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACTION_COLORS, ChangeList, errorMessage, formatDateTime } from '../../ui';
import { fetchUserHistory, usersKey, type User } from './users.api';

export function UserHistoryDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: [...usersKey, 'history', user?.id],
    queryFn: () => fetchUserHistory(user?.id ?? ''),
    enabled: user !== null,
  });
  const items = history.data?.items ?? [];
  return (
    <Drawer
      open={user !== null}
      onClose={onClose}
      size={640}
      title={t('users.historyOf', { name: user?.name ?? '' })}
      destroyOnHidden
    >
      {history.isPending ? (
        <Spin />
      ) : history.isError ? (
        <Alert type="error" showIcon title={errorMessage(history.error, t('common.requestFailed'))} />
      ) : items.length === 0 ? (
        <Empty description={t('users.noHistory')} />
      ) : (
        <Timeline
          items={items.map((entry, index) => ({
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
                  <ChangeList changes={entry.changes} entity="users" action={entry.action} />
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
