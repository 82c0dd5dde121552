import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Dropdown,
  Empty,
  Row,
  Statistic,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader, errorMessage, useApiFeedback } from '../../ui';
import { can, useMe } from '../../app/session';
import { useSalesDictionaries, useStageLabel } from '../opportunities/opportunity-labels';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import { Chart } from './Chart';
import { barsOption, funnelOption } from './chart-options';
import {
  exportAnalytics,
  fetchFunnel,
  moneyLine,
  percent,
  salesAnalyticsKey,
  type AnalyticsFilters,
  type FunnelStage,
} from './sales-analytics.api';

/** 销售漏斗: the period's opportunities by stage reached, conversion, time in stage, win rate, lost reasons. */
export function FunnelPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { showError } = useApiFeedback();
  const stageLabel = useStageLabel();
  const dict = useSalesDictionaries();
  const [filters, setFilters] = useState<AnalyticsFilters>({});
  const funnel = useQuery({
    queryKey: [...salesAnalyticsKey, 'funnel', filters],
    queryFn: () => fetchFunnel(filters),
  });
  const f = funnel.data;
  const stages = f?.stages ?? [];
  const names = stages.map((s) => stageLabel(s));
  const nextName = (s: FunnelStage) =>
    s.nextStageId
      ? stageLabel(stages.find((x) => x.stageId === s.nextStageId))
      : t('salesAnalytics.funnel.won');

  const columns: TableProps<FunnelStage>['columns'] = [
    { title: t('salesAnalytics.funnel.stage'), key: 'stage', render: (_v, s) => stageLabel(s) },
    {
      title: t('salesAnalytics.funnel.reached'),
      dataIndex: 'reached',
      align: 'right',
      onCell: () => ({ 'data-col': 'reached' }) as object,
    },
    {
      title: t('salesAnalytics.funnel.amount'),
      key: 'amount',
      align: 'right',
      render: (_v, s) => moneyLine(s.amount, s.otherAmounts),
    },
    {
      title: t('salesAnalytics.funnel.conversion'),
      key: 'conversion',
      align: 'right',
      render: (_v, s) => `${percent(s.conversionRate)} → ${nextName(s)}`,
      onCell: () => ({ 'data-col': 'conversion' }) as object,
    },
    {
      title: t('salesAnalytics.funnel.avgDays'),
      dataIndex: 'avgDaysInStage',
      align: 'right',
      render: (d: number | null) => (d === null ? '—' : t('salesAnalytics.days', { count: d })),
      onCell: () => ({ 'data-col': 'avgDays' }) as object,
    },
  ];

  const onExport = (format: 'xlsx' | 'csv') =>
    exportAnalytics('funnel', filters, format).catch((e: unknown) => showError(e));

  return (
    <>
      <PageHeader
        title={t('salesAnalytics.funnel.title')}
        description={t('salesAnalytics.funnel.description')}
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
              <Button icon={<DownloadOutlined />} data-testid="funnel-export">
                {t('salesAnalytics.export')}
              </Button>
            </Dropdown>
          ) : null
        }
      />
      <AnalyticsFilterBar
        value={filters}
        onChange={setFilters}
        show={['pipeline', 'team', 'owner', 'channel']}
      />
      {funnel.error ? (
        <Alert
          type="error"
          showIcon
          message={errorMessage(funnel.error, t('common.requestFailed'))}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {f && !f.pipeline ? (
        <Empty description={t('salesAnalytics.funnel.noPipeline')} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card loading={funnel.isLoading}>
                <Statistic title={t('salesAnalytics.funnel.total')} value={f?.total ?? 0} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card loading={funnel.isLoading}>
                <Statistic
                  title={t('salesAnalytics.funnel.winRate')}
                  value={percent(f?.winRate)}
                  data-testid="win-rate"
                />
                <Typography.Text type="secondary">
                  {t('salesAnalytics.funnel.wonLost', { won: f?.won.count ?? 0, lost: f?.lost.count ?? 0 })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card loading={funnel.isLoading}>
                <Statistic
                  title={t('salesAnalytics.funnel.cycle')}
                  value={f?.salesCycleDays ?? '—'}
                  suffix={f?.salesCycleDays !== null && f ? t('salesAnalytics.daysUnit') : undefined}
                  data-testid="sales-cycle"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card loading={funnel.isLoading}>
                <Statistic
                  title={t('salesAnalytics.funnel.wonAmount')}
                  value={f ? moneyLine(f.won.amount, f.won.otherAmounts) : '—'}
                  valueStyle={{ fontSize: 18 }}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card title={t('salesAnalytics.funnel.chart')} loading={funnel.isLoading}>
                <Chart
                  testId="funnel-chart"
                  option={funnelOption(stages.map((s, i) => ({ name: names[i]!, value: s.reached })))}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('salesAnalytics.funnel.conversionChart')} loading={funnel.isLoading}>
                <Chart
                  testId="conversion-chart"
                  option={barsOption(
                    stages.map((s) => ({
                      name: `${stageLabel(s)} → ${nextName(s)}`,
                      value: s.conversionRate ?? 0,
                    })),
                    { percent: true, color: '#52c41a' },
                  )}
                />
              </Card>
            </Col>
          </Row>
          <Card style={{ marginBottom: 16 }}>
            <Table<FunnelStage>
              rowKey="stageId"
              size="middle"
              loading={funnel.isLoading}
              dataSource={stages}
              columns={columns}
              pagination={false}
              data-testid="funnel-table"
              onRow={(s) => ({ 'data-stage-key': s.key ?? s.stageId }) as object}
            />
          </Card>
          <Card title={t('salesAnalytics.funnel.lostReasons')} loading={funnel.isLoading}>
            {f && f.lostReasons.length ? (
              <Chart
                testId="lost-reasons-chart"
                style={{ height: Math.max(160, 40 * f.lostReasons.length) }}
                option={barsOption(
                  f.lostReasons.map((r) => ({
                    name:
                      r.reason === 'unspecified'
                        ? t('salesAnalytics.funnel.unspecified')
                        : dict.labelOf('opportunityLostReason', r.reason),
                    value: r.count,
                  })),
                  { horizontal: true, color: '#ff4d4f' },
                )}
              />
            ) : (
              <Empty description={t('salesAnalytics.funnel.noLost')} />
            )}
          </Card>
        </>
      )}
    </>
  );
}
