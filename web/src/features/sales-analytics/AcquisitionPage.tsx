import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Dropdown,
  Row,
  Segmented,
  Statistic,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader, errorMessage, useApiFeedback } from '../../ui';
import { can, useMe } from '../../app/session';
import { useSalesDictionaries } from '../opportunities/opportunity-labels';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import { Chart } from './Chart';
import { linesOption, sourcesOption } from './chart-options';
import {
  exportAnalytics,
  fetchAcquisition,
  moneyLine,
  percent,
  salesAnalyticsKey,
  type AnalyticsFilters,
  type SourceFigures,
} from './sales-analytics.api';

/** 获客分析: leads by channel and by fair/platform with their conversion, new customers per month. */
export function AcquisitionPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { showError } = useApiFeedback();
  const dict = useSalesDictionaries();
  const [filters, setFilters] = useState<AnalyticsFilters>({});
  const [by, setBy] = useState<'channel' | 'campaign'>('campaign');
  const data = useQuery({
    queryKey: [...salesAnalyticsKey, 'acquisition', filters],
    queryFn: () => fetchAcquisition(filters),
  });
  const a = data.data;
  const channelName = (key: string) => dict.labelOf('leadChannel', key) || key;
  const sourceName = (s: SourceFigures) =>
    by === 'channel'
      ? channelName(s.channel)
      : (s.campaign ?? `${channelName(s.channel)} · ${t('salesAnalytics.acquisition.noCampaign')}`);
  const rows = (by === 'channel' ? a?.channels : a?.campaigns) ?? [];

  const columns: TableProps<SourceFigures>['columns'] = [
    ...(by === 'campaign'
      ? [
          {
            title: t('salesAnalytics.acquisition.campaign'),
            key: 'campaign',
            render: (_v: unknown, s: SourceFigures) => s.campaign ?? '—',
          },
        ]
      : []),
    {
      title: t('salesAnalytics.acquisition.channel'),
      key: 'channel',
      render: (_v, s) => channelName(s.channel),
    },
    { title: t('salesAnalytics.acquisition.leads'), dataIndex: 'leads', align: 'right' },
    { title: t('salesAnalytics.acquisition.converted'), dataIndex: 'converted', align: 'right' },
    {
      title: t('salesAnalytics.acquisition.conversionRate'),
      dataIndex: 'conversionRate',
      align: 'right',
      render: percent,
    },
    { title: t('salesAnalytics.acquisition.opportunities'), dataIndex: 'opportunities', align: 'right' },
    { title: t('salesAnalytics.acquisition.won'), dataIndex: 'won', align: 'right' },
    { title: t('salesAnalytics.acquisition.winRate'), dataIndex: 'winRate', align: 'right', render: percent },
    {
      title: t('salesAnalytics.acquisition.wonAmount'),
      key: 'wonAmount',
      align: 'right',
      render: (_v, s) => moneyLine(s.wonAmount, s.otherWonAmounts),
    },
  ];

  const onExport = (format: 'xlsx' | 'csv') =>
    exportAnalytics('acquisition', filters, format).catch((e: unknown) => showError(e));
  const months = a?.newCustomers ?? [];

  return (
    <>
      <PageHeader
        title={t('salesAnalytics.acquisition.title')}
        description={t('salesAnalytics.acquisition.description')}
        extra={
          me && can(me, 'salesAnalytics', 'export') ? (
            <Dropdown
              menu={{
                items: [
                  { key: 'xlsx', label: 'Excel (.xlsx)' },
                  { key: 'csv', label: 'CSV (UTF-8)' },
                ],
                onClick: ({ key }) => void onExport(key as 'xlsx' | 'csv'),
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('salesAnalytics.export')}</Button>
            </Dropdown>
          ) : null
        }
      />
      <AnalyticsFilterBar value={filters} onChange={setFilters} show={['team', 'owner', 'channel']} />
      {data.error ? (
        <Alert
          type="error"
          showIcon
          message={errorMessage(data.error, t('common.requestFailed'))}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card loading={data.isLoading}>
            <Statistic title={t('salesAnalytics.acquisition.leadsCreated')} value={a?.leads.created ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={data.isLoading}>
            <Statistic
              title={t('salesAnalytics.acquisition.leadsConverted')}
              value={a?.leads.converted ?? 0}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={data.isLoading}>
            <Statistic
              title={t('salesAnalytics.acquisition.successRate')}
              value={percent(a?.leads.successRate)}
              data-testid="success-rate"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={data.isLoading}>
            <Statistic title={t('salesAnalytics.acquisition.buyers')} value="—" />
            <Typography.Text type="secondary">{t('salesAnalytics.acquisition.buyersNote')}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card
        title={t('salesAnalytics.acquisition.sources')}
        extra={
          <Segmented
            value={by}
            onChange={(v) => setBy(v as 'channel' | 'campaign')}
            options={[
              { value: 'campaign', label: t('salesAnalytics.acquisition.byCampaign') },
              { value: 'channel', label: t('salesAnalytics.acquisition.byChannel') },
            ]}
          />
        }
        style={{ marginBottom: 16 }}
      >
        <Chart
          testId="sources-chart"
          option={sourcesOption(
            rows.slice(0, 15).map((s) => ({
              name: sourceName(s),
              leads: s.leads,
              converted: s.converted,
              rate: s.conversionRate,
            })),
            {
              leads: t('salesAnalytics.acquisition.leads'),
              converted: t('salesAnalytics.acquisition.converted'),
              rate: t('salesAnalytics.acquisition.conversionRate'),
            },
          )}
        />
        <Table<SourceFigures>
          rowKey={(s) => `${s.channel}|${s.campaign ?? ''}`}
          size="middle"
          loading={data.isLoading}
          dataSource={rows}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="sources-table"
        />
      </Card>
      <Card title={t('salesAnalytics.acquisition.newCustomers')}>
        <Chart
          testId="new-customers-chart"
          option={linesOption(
            months.map((m) => m.month),
            [
              {
                name: t('salesAnalytics.acquisition.newCustomersCount'),
                data: months.map((m) => m.count),
                type: 'bar',
              },
              {
                name: t('salesAnalytics.acquisition.growthRate'),
                data: months.map((m) =>
                  m.growthRate === null ? null : Math.round(m.growthRate * 1000) / 10,
                ),
                yAxisIndex: 1,
              },
            ],
            { percentAxis: true },
          )}
        />
      </Card>
    </>
  );
}
