import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table, Tag, type TableProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { CursorPager, PageHeader, formatDateTime, useCursorPages, useDebouncedValue } from '../../ui';
import { moneyText, STATUS_COLOR } from './quote-format';
import {
  listQuotes,
  QUOTE_STATUSES,
  quotesKey,
  type Quote,
  type QuoteFilters,
  type QuoteStatus,
} from './quotes.api';

function useQuoteColumns(): TableProps<Quote>['columns'] {
  const { t } = useTranslation();
  return [
    {
      key: 'number',
      title: t('quotes.fields.number'),
      render: (_, q) => <Link to={`/quotes/${q.id}`}>{q.number}</Link>,
    },
    { key: 'customer', title: t('quotes.fields.customer'), render: (_, q) => q.customerName ?? '—' },
    {
      key: 'status',
      title: t('quotes.fields.status'),
      render: (_, q) => <Tag color={STATUS_COLOR[q.status]}>{t(`quotes.status.${q.status}`)}</Tag>,
    },
    {
      key: 'total',
      title: t('quotes.fields.total'),
      align: 'right',
      render: (_, q) => moneyText(q.total, q.currency),
    },
    {
      key: 'maxDiscountPct',
      title: t('quotes.fields.maxDiscount'),
      align: 'right',
      render: (_, q) => `${q.maxDiscountPct}%`,
    },
    { key: 'validUntil', title: t('quotes.fields.validUntil'), render: (_, q) => q.validUntil ?? '—' },
    { key: 'owner', title: t('quotes.fields.owner'), render: (_, q) => q.ownerName ?? '—' },
    { key: 'updatedAt', title: t('quotes.fields.updatedAt'), render: (_, q) => formatDateTime(q.updatedAt) },
  ];
}

function QuoteTable({ filters, title, extra }: { filters: QuoteFilters; title: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  const [pageSize, setPageSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ filters, pageSize }));
  const list = useQuery({
    queryKey: [...quotesKey, 'list', filters, pages.cursor, pageSize],
    queryFn: () => listQuotes({ ...filters, cursor: pages.cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={title} extra={extra} />
      <Card>
        <Table
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={useQuoteColumns()}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('quotes.list.empty') }}
          data-testid="quotes-table"
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

/** 报价单列表: the quotes the user may see, by status and search. */
export function QuotesListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const [status, setStatus] = useState<QuoteStatus | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  return (
    <QuoteTable
      title={t('quotes.list.title')}
      filters={{ status, q: q || undefined }}
      extra={
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('quotes.list.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('quotes.fields.status')}
            value={status}
            options={QUOTE_STATUSES.map((s) => ({ value: s, label: t(`quotes.status.${s}`) }))}
            onChange={(v) => setStatus(v || undefined)}
          />
          {can(me, 'quoteApproval', 'update') ? (
            <Button onClick={() => navigate('/quotes/approvals')}>{t('quotes.approvals.title')}</Button>
          ) : null}
          {can(me, 'quotes', 'create') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/quotes/new')}
              data-testid="quote-new"
            >
              {t('quotes.new')}
            </Button>
          ) : null}
        </Flex>
      }
    />
  );
}

/** 报价审批: quotes waiting for the user's approval (over-authority discounts of others). */
export function QuoteApprovalsPage() {
  const { t } = useTranslation();
  return <QuoteTable title={t('quotes.approvals.title')} filters={{ awaitingMe: true }} />;
}
