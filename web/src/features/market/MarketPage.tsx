import { DeleteOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Table,
  Tag,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader, errorMessage, useApiFeedback } from '../../ui';
import { can, useMe } from '../../app/session';
import { useSalesDictionaries } from '../opportunities/opportunity-labels';
import { Chart } from '../sales-analytics/Chart';
import { linesOption } from '../sales-analytics/chart-options';
import { percent } from '../sales-analytics/sales-analytics.api';
import {
  amount,
  createMarketStat,
  deleteMarketStat,
  fetchPotential,
  listMarketStats,
  marketKey,
  type MarketStat,
  type RegionPotential,
} from './market.api';

const TOP = 8;

/** 市场潜力: yearly import statistics per region, their 3-year trend, next to our customers and leads. */
export function MarketPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const dict = useSalesDictionaries();
  const [category, setCategory] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const potential = useQuery({
    queryKey: [...marketKey, 'potential', category],
    queryFn: () => fetchPotential({ category }),
  });
  const p = potential.data;
  const current = category ?? p?.category ?? undefined;
  const figures = useQuery({
    queryKey: [...marketKey, 'list', current],
    queryFn: () => listMarketStats({ category: current }),
    enabled: !!current,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: marketKey });
  const create = useMutation({
    mutationFn: createMarketStat,
    onSuccess: () => {
      setAdding(false);
      form.resetFields();
      showSuccess(t('market.saved'));
      void refresh();
    },
    onError: (e) => showError(e, form, ['region', 'category', 'year', 'importValue', 'currency', 'source']),
  });
  const remove = useMutation({
    mutationFn: deleteMarketStat,
    onSuccess: refresh,
    onError: (e) => showError(e),
  });
  const mayEdit = !!me && can(me, 'marketStats', 'create');
  const years = p?.years ?? [];
  const regions = p?.regions ?? [];
  const withData = regions.filter((r) => r.values.some((v) => v !== null));
  const top = withData.slice(0, TOP);

  const columns: TableProps<RegionPotential>['columns'] = [
    { title: t('market.region'), key: 'region', render: (_v, r) => `${r.name} (${r.region})`, fixed: 'left' },
    ...years.map((y, i) => ({
      title: String(y),
      key: `y${y}`,
      align: 'right' as const,
      render: (_v: unknown, r: RegionPotential) => amount(r.values[i]),
    })),
    { title: t('market.currency'), dataIndex: 'currency', render: (c: string | null) => c ?? '—' },
    {
      title: t('market.change'),
      dataIndex: 'change',
      align: 'right',
      render: (v: string | null) => amount(v),
    },
    {
      title: t('market.changePct'),
      dataIndex: 'changePct',
      align: 'right',
      render: (v: number | null) =>
        v === null ? '—' : <Tag color={v >= 0 ? 'green' : 'red'}>{percent(v)}</Tag>,
    },
    { title: t('market.cagr'), dataIndex: 'cagr', align: 'right', render: (v: number | null) => percent(v) },
    { title: t('market.customers'), dataIndex: 'customers', align: 'right' },
    { title: t('market.leads'), dataIndex: 'leads', align: 'right' },
  ];

  const figureColumns: TableProps<MarketStat>['columns'] = [
    { title: t('market.region'), key: 'region', render: (_v, r) => `${r.regionName} (${r.region})` },
    { title: t('market.year'), dataIndex: 'year' },
    {
      title: t('market.importValue'),
      key: 'value',
      align: 'right',
      render: (_v, r) => `${amount(r.importValue)} ${r.currency}`,
    },
    { title: t('market.source'), dataIndex: 'source', render: (s: string | null) => s ?? '—' },
    ...(me && can(me, 'marketStats', 'delete')
      ? [
          {
            key: 'actions',
            width: 60,
            render: (_v: unknown, r: MarketStat) => (
              <Popconfirm title={t('market.confirmDelete')} onConfirm={() => remove.mutate(r.id)}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('market.delete')} />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('market.title')}
        description={t('market.description')}
        extra={
          mayEdit ? (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('market.add')}
              </Button>
              <Button
                type="primary"
                icon={<ImportOutlined />}
                onClick={() => navigate('/imports/new?entity=marketStats')}
                data-testid="market-import"
              >
                {t('market.import')}
              </Button>
            </>
          ) : null
        }
      />
      <Select
        style={{ width: 260, marginBottom: 16 }}
        placeholder={t('market.category')}
        value={current}
        onChange={setCategory}
        // Categories named after product lines read as the dictionary's label; others as stored.
        options={(p?.categories ?? []).map((c) => ({ value: c, label: dict.labelOf('productLine', c) }))}
        data-testid="market-category"
      />
      {potential.error ? (
        <Alert type="error" showIcon message={errorMessage(potential.error, t('common.requestFailed'))} />
      ) : null}
      {p && !p.categories.length ? (
        <Empty description={t('market.empty')} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card title={t('market.trend', { count: top.length })} loading={potential.isLoading}>
                <Chart
                  testId="market-trend-chart"
                  option={linesOption(
                    years.map(String),
                    top.map((r) => ({
                      name: r.name,
                      data: r.values.map((v) => (v === null ? null : Number(v))),
                    })),
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('market.presence')} loading={potential.isLoading}>
                <Chart
                  testId="market-presence-chart"
                  option={linesOption(
                    top.map((r) => r.name),
                    [
                      {
                        name: t('market.latestValue'),
                        type: 'bar',
                        data: top.map((r) => (r.latest === null ? null : Number(r.latest))),
                      },
                      {
                        name: t('market.customers'),
                        type: 'bar',
                        yAxisIndex: 1,
                        data: top.map((r) => r.customers),
                      },
                      { name: t('market.leads'), type: 'bar', yAxisIndex: 1, data: top.map((r) => r.leads) },
                    ],
                    { percentAxis: false },
                  )}
                />
              </Card>
            </Col>
          </Row>
          <Card style={{ marginBottom: 16 }}>
            <Table<RegionPotential>
              rowKey="region"
              size="middle"
              loading={potential.isLoading}
              dataSource={regions}
              columns={columns}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="market-table"
            />
          </Card>
          <Card title={t('market.figures')}>
            <Table<MarketStat>
              rowKey="id"
              size="small"
              loading={figures.isLoading}
              dataSource={figures.data?.items ?? []}
              columns={figureColumns}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
            />
          </Card>
        </>
      )}
      <Modal
        open={adding}
        title={t('market.add')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ category: current, currency: 'USD', year: new Date().getFullYear() - 1 }}
          onFinish={(v: {
            region: string;
            category: string;
            year: number;
            importValue: number | string;
            currency: string;
            source?: string;
          }) => create.mutate({ ...v, importValue: String(v.importValue), source: v.source || null })}
        >
          <Form.Item
            name="region"
            label={t('market.region')}
            rules={[{ required: true }]}
            extra={t('market.regionHint')}
          >
            <Input />
          </Form.Item>
          <Form.Item name="category" label={t('market.category')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="year" label={t('market.year')} rules={[{ required: true }]}>
            <InputNumber min={1900} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="importValue" label={t('market.importValue')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} stringMode style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="currency"
            label={t('market.currency')}
            rules={[{ required: true, pattern: /^[A-Z]{3}$/ }]}
          >
            <Input maxLength={3} />
          </Form.Item>
          <Form.Item name="source" label={t('market.source')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
