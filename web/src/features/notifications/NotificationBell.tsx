import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dropdown, Empty, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDateTime, useApiFeedback } from '../../ui';
import { notificationMessage } from './notification-text';
import {
  listNotifications,
  markAllRead,
  markRead,
  notificationsKey,
  unreadCount,
  type Notification,
} from './notifications.api';

/** The header bell: unread count, the latest notices, mark read, click to follow the link. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: [...notificationsKey, 'count'],
    queryFn: unreadCount,
    refetchInterval: 60_000,
  });
  const latest = useQuery({
    queryKey: [...notificationsKey, 'latest'],
    queryFn: () => listNotifications({ limit: 10 }),
    enabled: open,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });
  const read = useMutation({ mutationFn: markRead, onSuccess: refresh, onError: (e) => showError(e) });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: refresh, onError: (e) => showError(e) });

  const follow = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
    setOpen(false);
    if (n.link) navigate(n.link);
  };

  const panel = (
    <div
      style={{ width: 360, background: '#fff', borderRadius: 8, boxShadow: '0 6px 16px rgba(0,0,0,0.12)' }}
      data-testid="notification-panel"
    >
      <Flex
        justify="space-between"
        align="center"
        style={{ padding: '8px 12px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" onClick={() => readAll.mutate()} disabled={!count.data?.count}>
          {t('notifications.readAll')}
        </Button>
      </Flex>
      {latest.data && latest.data.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('notifications.empty')}
          style={{ padding: 16 }}
        />
      ) : (
        <List<Notification>
          loading={latest.isPending}
          dataSource={latest.data?.items ?? []}
          style={{ maxHeight: 420, overflow: 'auto' }}
          renderItem={(n) => {
            const m = notificationMessage(n);
            return (
              <List.Item
                style={{
                  padding: '8px 12px',
                  cursor: 'pointer',
                  background: n.readAt ? undefined : '#f0f7ff',
                }}
                onClick={() => follow(n)}
                actions={
                  n.readAt
                    ? []
                    : [
                        <Button
                          key="read"
                          type="link"
                          size="small"
                          onClick={(e) => {
                            e.stopPropagation();
                            read.mutate(n.id);
                          }}
                        >
                          {t('notifications.markRead')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={<Typography.Text style={{ fontSize: 13 }}>{t(m.key, m.values)}</Typography.Text>}
                  description={<span style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</span>}
                />
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} popupRender={() => panel}>
      <Badge count={count.data?.count ?? 0} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.title')}
          data-testid="notification-bell"
        />
      </Badge>
    </Dropdown>
  );
}
