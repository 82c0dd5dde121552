import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { PageHeader, useApiFeedback } from '../../ui';
import { CreditPanel } from './CreditPanel';
import { getStatement, money, receivablesKey, saveDownload, type StatementLine } from './receivables.api';

/** 对账单: a customer's statement for a period (opening, lines, closing per currency), with its credit panel. */
export function StatementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const { showError } = useApiFeedback();
  const [range, setRange] = useState<[string, string]>([
    dayjs().startOf('year').format('YYYY-MM-DD'),
    dayjs().format('YYYY-MM-DD'),
  ]);
  const q = useQuery({
    queryKey: [...receivablesKey, 'statement', id, range],
    queryFn: () => getStatement(id, { from: range[0], to: range[1] }),
  });
  const s = q.data;
  const file = (format: 'xlsx' | 'pdf') =>
    saveDownload(
      `/customers/${id}/statement`,
      { from: range[0], to: range[1], format },
      `statement.${format}`,
    ).catch((e) => showError(e));
  return (
    <>
      <PageHeader
        title={
          s ? t('receivables.statement.titleOf', { name: s.customerName }) : t('receivables.statement.title')
        }
        extra={
          <Flex gap={8}>
            <DatePicker.RangePicker
              value={[dayjs(range[0]), dayjs(range[1])]}
              onChange={(v) =>
                v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])
              }
              allowClear={false}
            />
            {can(me, 'receivables', 'export') && (
              <>
                <Button onClick={() => void file('xlsx')}>{t('receivables.statement.xlsx')}</Button>
                <Button onClick={() => void file('pdf')}>{t('receivables.statement.pdf')}</Button>
              </>
            )}
            <Link to={`/customers/${id}`}>
              <Button>{t('receivables.statement.customer')}</Button>
            </Link>
          </Flex>
        }
      />
      <CreditPanel customerId={id} />
      {s?.currencies.length === 0 && (
        <Card>
          <Typography.Text type="secondary">{t('receivables.statement.empty')}</Typography.Text>
        </Card>
      )}
      {s?.currencies.map((c) => (
        <Card
          key={c.currency}
          title={c.currency}
          style={{ marginBottom: 16 }}
          data-testid={`statement-${c.currency}`}
        >
          <Flex gap={32} style={{ marginBottom: 12 }}>
            <Statistic title={t('receivables.statement.opening')} value={money(c.opening)} />
            <Statistic title={t('receivables.statement.debits')} value={money(c.debits)} />
            <Statistic title={t('receivables.statement.credits')} value={money(c.credits)} />
            <Statistic title={t('receivables.statement.closing')} value={money(c.closing)} />
          </Flex>
          <Table<StatementLine>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.lines}
            columns={[
              { key: 'date', title: t('receivables.statement.date'), dataIndex: 'date' },
              {
                key: 'kind',
                title: t('receivables.statement.kind'),
                render: (_, l) => t(`receivables.statement.${l.kind}`),
              },
              {
                key: 'reference',
                title: t('receivables.fields.reference'),
                render: (_, l) => l.reference ?? '—',
              },
              {
                key: 'debit',
                title: t('receivables.statement.debit'),
                align: 'right',
                render: (_, l) => (l.debit === '0.00' ? '' : money(l.debit)),
              },
              {
                key: 'credit',
                title: t('receivables.statement.credit'),
                align: 'right',
                render: (_, l) => (l.credit === '0.00' ? '' : money(l.credit)),
              },
              {
                key: 'balance',
                title: t('receivables.statement.balance'),
                align: 'right',
                render: (_, l) => money(l.balance),
              },
            ]}
          />
        </Card>
      ))}
    </>
  );
}
