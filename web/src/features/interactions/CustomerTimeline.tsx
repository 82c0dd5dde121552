import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  EditOutlined,
  MessageOutlined,
  PlusCircleOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldChange } from '../../api/types';
import { ACTION_COLORS, ChangeList, errorMessage, formatDateTime } from '../../ui';
import { AttachmentLinks } from './AttachmentLinks';
import {
  fetchTimeline,
  interactionsKey,
  type Attachment,
  type TimelineItem,
  type TimelineType,
} from './interactions.api';

const ICONS: Record<TimelineType, ReactNode> = {
  interaction: <MessageOutlined style={{ color: '#1d4ed8' }} />,
  taskCreated: <PlusCircleOutlined style={{ color: '#7c3aed' }} />,
  taskDue: <ClockCircleOutlined style={{ color: '#b45309' }} />,
  taskDone: <CheckCircleOutlined style={{ color: '#15803d' }} />,
  change: <EditOutlined style={{ color: '#8c8c8c' }} />,
};

function Body({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const d = item.detail ?? {};
  if (item.type === 'interaction')
    return (
      <>
        <Tag color="blue">{t(`interactions.channels.${String(d.channel)}`)}</Tag>
        <Typography.Text strong>{item.title ?? t('interactions.noSubject')}</Typography.Text>
        {d.content ? (
          <Typography.Paragraph style={{ margin: '4px 0' }}>{String(d.content)}</Typography.Paragraph>
        ) : null}
        {d.outcome ? (
          <div>
            <Typography.Text type="secondary">{t('interactions.fields.outcome')}: </Typography.Text>
            {String(d.outcome)}
          </div>
        ) : null}
        {d.nextStep || d.nextStepAt ? (
          <div>
            <Typography.Text type="secondary">{t('interactions.fields.nextStep')}: </Typography.Text>
            {String(d.nextStep ?? '')} {d.nextStepAt ? formatDateTime(String(d.nextStepAt)) : ''}
          </div>
        ) : null}
        {Array.isArray(d.attachments) ? <AttachmentLinks files={d.attachments as Attachment[]} /> : null}
      </>
    );
  if (item.type === 'change')
    return (
      <>
        <Tag color={ACTION_COLORS[String(d.action)] ?? 'default'}>
          {t(`audit.actions.${String(d.action)}`, { defaultValue: String(d.action) })}
        </Tag>
        <Typography.Text type="secondary">
          {t(`interactions.timeline.entities.${item.entity}`, { defaultValue: item.entity })}
        </Typography.Text>
        <div style={{ marginTop: 4 }}>
          <ChangeList
            changes={(d.changes as FieldChange[]) ?? []}
            entity={item.entity}
            action={String(d.action)}
          />
        </div>
      </>
    );
  return (
    <>
      <Tag color="purple">{t(`interactions.timeline.types.${item.type}`)}</Tag>
      <Typography.Text strong>{item.title}</Typography.Text>
      {d.dueAt ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {t('interactions.timeline.due', { at: formatDateTime(String(d.dueAt)) })}
        </Typography.Text>
      ) : null}
    </>
  );
}

/** 时间线: interactions, tasks and changes of one customer, newest first, loaded page by page. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey: [...interactionsKey, 'timeline', customerId],
    queryFn: ({ pageParam }) => fetchTimeline(customerId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (pages.isPending) return <Spin />;
  if (pages.isError)
    return <Alert type="error" showIcon title={errorMessage(pages.error, t('common.requestFailed'))} />;
  const items = pages.data.pages.flatMap((p) => p.items);
  if (!items.length) return <Empty description={t('interactions.timeline.empty')} />;
  return (
    <Flex vertical gap={8}>
      <Timeline
        data-testid="customer-timeline"
        items={items.map((item) => ({
          key: `${item.type}-${item.id}`,
          icon: ICONS[item.type],
          content: (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(item.at)}
                {item.userName ? ` · ${item.userName}` : ''}
              </Typography.Text>
              <div>
                <Body item={item} />
              </div>
            </div>
          ),
        }))}
      />
      {pages.hasNextPage ? (
        <Button
          onClick={() => void pages.fetchNextPage()}
          loading={pages.isFetchingNextPage}
          data-testid="timeline-more"
        >
          {t('interactions.timeline.loadMore')}
        </Button>
      ) : null}
    </Flex>
  );
}
