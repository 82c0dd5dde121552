import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { PageHeader, useApiFeedback } from '../../ui';
import { Chart } from '../sales-analytics/Chart';
import { BUCKETS, getAgeing, money, receivablesKey, saveDownload, type Ageing } from './receivables.api';

const COLORS = ['#52c41a', '#faad14', '#fa8c16', '#f5222d', '#a8071a'];

/** The stacked bar: one bar per currency, one segment per bucket. */
export function ageingOption(a: Ageing, currency: string, label: (b: string) => string) {
  const rows = a.customers.filter((c) => c.currency === currency).slice(0, 15);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: BUCKETS.map(label) },
    grid: { left: 8, right: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.customerName ?? r.customerId.slice(0, 8)),
    },
    series: BUCKETS.map((b, i) => ({
      name: label(b),
      type: 'bar',
      stack: 'ageing',
      itemStyle: { color: COLORS[i] },
      data: rows.map((r) => Number(r[b])),
    })),
  };
}

/** 账龄分析: open receivables by days overdue on a local date, per customer and in total. */
export function AgeingPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { showError } = useApiFeedback();
  const [asOf, setAsOf] = useState<string | undefined>();
  const [currency, setCurrency] = useState<string | undefined>();
  const q = useQuery({ queryKey: [...receivablesKey, 'ageing', asOf], queryFn: () => getAgeing({ asOf }) });
  const a = q.data;
  const cur = currency ?? a?.totals[0]?.currency ?? 'CNY';
  const label = (b: string) => t(`receivables.buckets.${b}`);
  const bucketColumns = [...BUCKETS, 'total' as const].map((b) => ({
    key: b,
    title: b === 'total' ? t('receivables.fields.total') : label(b),
    align: 'right' as const,
    render: (_: unknown, r: Record<string, string>) => money(r[b]),
  }));
  return (
    <>
      <PageHeader
        title={t('receivables.ageing.title')}
        description={a ? t('receivables.ageing.asOfNote', { asOf: a.asOf, timeZone: a.timeZone }) : undefined}
        extra={
          <Flex gap={8}>
            <DatePicker
              value={asOf ? dayjs(asOf) : null}
              onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
            />
            {a && a.totals.length > 1 && (
              <Select
                value={cur}
                onChange={setCurrency}
                options={a.totals.map((x) => ({ value: x.currency }))}
              />
            )}
            {can(me, 'receivables', 'export') && (
              <Button
                onClick={() =>
                  saveDownload(
                    '/receivables/ageing',
                    { asOf, format: 'xlsx' },
                    `ageing-${a?.asOf ?? ''}.xlsx`,
                  ).catch((e) => showError(e))
                }
              >
                {t('receivables.export')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card loading={q.isLoading} style={{ marginBottom: 16 }}>
        <Table
          rowKey="currency"
          size="small"
          pagination={false}
          dataSource={(a?.totals ?? []) as unknown as Record<string, string>[]}
          data-testid="ageing-totals"
          columns={[
            { key: 'currency', title: t('receivables.fields.currency'), dataIndex: 'currency' },
            ...bucketColumns,
          ]}
        />
      </Card>
      {a && a.customers.length > 0 && (
        <Card style={{ marginBottom: 16 }}>
          <Chart testId="ageing-chart" option={ageingOption(a, cur, label)} style={{ height: 420 }} />
        </Card>
      )}
      <Card>
        <Typography.Text type="secondary">
          {t('receivables.ageing.customers', { n: a?.customersTotal ?? 0 })}
        </Typography.Text>
        <Table
          rowKey={(r) => `${r.customerId}-${r.currency}`}
          size="small"
          dataSource={(a?.customers ?? []) as unknown as Record<string, string>[]}
          columns={[
            {
              key: 'customer',
              title: t('receivables.fields.customer'),
              render: (_, r) => <Link to={`/customers/${r.customerId}/statement`}>{r.customerName}</Link>,
            },
            { key: 'currency', title: t('receivables.fields.currency'), dataIndex: 'currency' },
            ...bucketColumns,
          ]}
        />
      </Card>
    </>
  );
}
