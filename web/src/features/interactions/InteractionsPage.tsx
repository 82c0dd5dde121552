import { DeleteOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { CursorPager, PageHeader, formatDateTime, useApiFeedback, useCursorPages } from '../../ui';
import { AttachmentLinks } from './AttachmentLinks';
import {
  CHANNELS,
  deleteInteraction,
  interactionsKey,
  listInteractions,
  type Interaction,
  type InteractionFilters,
} from './interactions.api';

/** 跟进记录: every interaction the user may see (their customers' visibility), with filters. */
export function InteractionsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [filters, setFilters] = useState<InteractionFilters>({});
  const [search, setSearch] = useState('');
  const [pageSize, setPageSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ filters, pageSize }));
  const list = useQuery({
    queryKey: [...interactionsKey, 'list', filters, pages.cursor, pageSize],
    queryFn: () => listInteractions({ ...filters, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (i: Interaction) => deleteInteraction(i.id),
    onSuccess: () => {
      showSuccess(t('common.movedToBin'));
      void queryClient.invalidateQueries({ queryKey: interactionsKey });
    },
    onError: (error) => showError(error),
  });
  const canDelete = can(me, 'interactions', 'delete');

  return (
    <>
      <PageHeader title={t('interactions.title')} description={t('interactions.description')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            enterButton
            placeholder={t('interactions.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) setFilters((old) => ({ ...old, q: undefined }));
            }}
            onSearch={(value) => setFilters((old) => ({ ...old, q: value.trim() || undefined }))}
            style={{ width: 300 }}
            data-testid="interactions-search"
          />
          <Select
            allowClear
            placeholder={t('interactions.fields.channel')}
            style={{ width: 160 }}
            value={filters.channel}
            onChange={(channel) => setFilters((old) => ({ ...old, channel }))}
            options={CHANNELS.map((c) => ({ value: c, label: t(`interactions.channels.${c}`) }))}
          />
          <DatePicker.RangePicker
            onChange={(range) =>
              setFilters((old) => ({
                ...old,
                from: range?.[0]?.startOf('day').toISOString(),
                to: range?.[1]?.endOf('day').toISOString(),
              }))
            }
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('interactions.fields.user')}
            value={filters.userId}
            onChange={(userId) => setFilters((old) => ({ ...old, userId }))}
            options={me ? [{ value: me.id, label: t('interactions.mine') }] : []}
          />
        </Flex>
        <Table<Interaction>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="interactions-table"
          columns={[
            {
              key: 'occurredAt',
              title: t('interactions.fields.occurredAt'),
              width: 160,
              render: (_, i) => formatDateTime(i.occurredAt),
            },
            {
              key: 'customer',
              title: t('interactions.fields.customer'),
              render: (_, i) => <Link to={`/customers/${i.customerId}?tab=timeline`}>{i.customerName}</Link>,
            },
            {
              key: 'channel',
              title: t('interactions.fields.channel'),
              width: 110,
              render: (_, i) => <Tag color="blue">{t(`interactions.channels.${i.channel}`)}</Tag>,
            },
            { key: 'subject', title: t('interactions.fields.subject'), render: (_, i) => i.subject ?? '—' },
            {
              key: 'contact',
              title: t('interactions.fields.contact'),
              render: (_, i) => i.contactName ?? '—',
            },
            { key: 'user', title: t('interactions.fields.user'), render: (_, i) => i.userName ?? '—' },
            {
              key: 'nextStep',
              title: t('interactions.fields.nextStep'),
              render: (_, i) =>
                i.nextStep || i.nextStepAt
                  ? `${i.nextStep ?? ''} ${i.nextStepAt ? formatDateTime(i.nextStepAt) : ''}`
                  : '—',
            },
            {
              key: 'attachments',
              title: t('interactions.attachments.title'),
              render: (_, i) => <AttachmentLinks files={i.attachments} />,
            },
            ...(canDelete
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    width: 80,
                    render: (_: unknown, i: Interaction) => (
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() =>
                          modal.confirm({
                            title: t('interactions.deleteConfirm'),
                            okButtonProps: { danger: true },
                            okText: t('common.delete'),
                            onOk: () => remove.mutateAsync(i),
                          })
                        }
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
        <CursorPager
          total={list.data?.total}
          page={pages.page}
          hasPrev={pages.hasPrev}
          nextCursor={list.data?.nextCursor}
          onPrev={pages.prev}
          onNext={pages.next}
          pageSize={pageSize}
          onPageSize={setPageSize}
          loading={list.isFetching}
        />
      </Card>
    </>
  );
}
