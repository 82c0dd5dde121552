import { DownloadOutlined, ImportOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader, useApiFeedback } from '../../ui';
import { can, useMe } from '../../app/session';
import { CustomerPicker } from '../customers/CustomerPicker';
import { searchProducts } from '../quotes/quotes.api';
import { DealerChart, dealerChartOption } from './DealerChart';
import {
  dealerKey,
  exportUrl,
  fetchDealerMetrics,
  listDealerReports,
  quantity,
  saveDealerGrid,
  type DealerFlag,
  type DealerReport,
} from './dealer-reports.api';

type Field = 'openingStock' | 'purchased' | 'sold' | 'closingStock' | 'categorySales';

interface GridRow {
  productId: string;
  productSku: string | null;
  productName: string | null;
  values: Record<Field, string>;
  stored?: DealerReport;
}

const FIELDS: Field[] = ['openingStock', 'purchased', 'sold', 'closingStock', 'categorySales'];
/** Which cell carries which flag. */
const FLAG_CELL: Record<DealerFlag, Field> = {
  openingMismatch: 'openingStock',
  balanceMismatch: 'closingStock',
  sellInMismatch: 'purchased',
};

const trim = (s: string | null | undefined) => (s ? quantity(s).replace(/,/g, '') : '');

function toRow(r: DealerReport): GridRow {
  return {
    productId: r.productId,
    productSku: r.productSku,
    productName: r.productName,
    values: {
      openingStock: trim(r.openingStock),
      purchased: trim(r.purchased),
      sold: trim(r.sold),
      closingStock: trim(r.closingStock),
      categorySales: trim(r.categorySales),
    },
    stored: r,
  };
}

/** 进销存: one dealer's month as a grid (a row per product), the flags explained, the trend in charts. */
export function DealerReportsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const month = params.get('month') ?? dayjs().subtract(1, 'month').format('YYYY-MM');
  const [rows, setRows] = useState<GridRow[]>([]);
  const [productSearch, setProductSearch] = useState('');
  const [chartProduct, setChartProduct] = useState<string | undefined>();
  const mayEdit = !!me && (can(me, 'dealerReports', 'create') || can(me, 'dealerReports', 'update'));

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const reports = useQuery({
    queryKey: [...dealerKey, 'month', customerId, month],
    queryFn: () => listDealerReports({ customerId, from: month, to: month, limit: 500 }),
    enabled: !!customerId,
  });
  useEffect(() => {
    setRows(
      (reports.data?.items ?? [])
        .map(toRow)
        .sort((a, b) => (a.productSku ?? '').localeCompare(b.productSku ?? '')),
    );
  }, [reports.data]);

  const metrics = useQuery({
    queryKey: [...dealerKey, 'metrics', customerId, month],
    queryFn: () => fetchDealerMetrics({ customerId: customerId!, months: 12, to: month }),
    enabled: !!customerId,
  });
  const products = useQuery({
    queryKey: ['products', 'search', productSearch],
    queryFn: () => searchProducts(productSearch),
    enabled: mayEdit && !!customerId,
  });

  const save = useMutation({
    mutationFn: () =>
      saveDealerGrid({
        customerId: customerId!,
        month,
        rows: rows.map((r) => ({
          productId: r.productId,
          ...(r.values.openingStock ? { openingStock: r.values.openingStock } : {}),
          purchased: r.values.purchased || '0',
          sold: r.values.sold || '0',
          closingStock: r.values.closingStock || '0',
          categorySales: r.values.categorySales || null,
        })),
      }),
    onSuccess: (res) => {
      const flagged = res.items.filter((i) => i.flags.length).length;
      showSuccess(flagged ? t('dealerReports.savedFlagged', { count: flagged }) : t('dealerReports.saved'));
      void queryClient.invalidateQueries({ queryKey: dealerKey });
    },
    onError: (e) => showError(e),
  });

  const edit = (productId: string, field: Field, value: string) =>
    setRows((rs) =>
      rs.map((r) => (r.productId === productId ? { ...r, values: { ...r.values, [field]: value } } : r)),
    );

  const explain = (r: DealerReport, flag: DealerFlag) =>
    t(`dealerReports.flagText.${flag}`, {
      previous: quantity(r.check.previousClosing),
      expected: quantity(r.check.expectedClosing),
      shipped: quantity(r.check.shipped),
    });

  const cell = (field: Field) => (_: unknown, r: GridRow) => {
    const flag = r.stored?.flags.find((f) => FLAG_CELL[f] === field);
    const input = (
      <Input
        value={r.values[field]}
        disabled={!mayEdit}
        inputMode="decimal"
        status={flag ? 'error' : undefined}
        placeholder={field === 'openingStock' ? t('dealerReports.openingFromPrevious') : undefined}
        onChange={(e) => edit(r.productId, field, e.target.value.trim())}
        data-testid={`cell-${r.productSku}-${field}`}
        style={{ width: 110 }}
      />
    );
    return flag && r.stored ? <Tooltip title={explain(r.stored, flag)}>{input}</Tooltip> : input;
  };

  const columns: TableProps<GridRow>['columns'] = [
    {
      title: t('dealerReports.product'),
      key: 'product',
      render: (_, r) => (
        <span>
          <Tag>{r.productSku}</Tag>
          {r.productName}
        </span>
      ),
    },
    ...FIELDS.map((f) => ({ title: t(`dealerReports.fields.${f}`), key: f, render: cell(f) })),
    {
      title: t('dealerReports.shipped'),
      key: 'shipped',
      render: (_: unknown, r: GridRow) => quantity(r.stored?.check.shipped),
    },
    {
      title: t('dealerReports.flags'),
      key: 'flags',
      render: (_: unknown, r: GridRow) =>
        r.stored?.flags.map((f) => (
          <Tooltip key={f} title={explain(r.stored!, f)}>
            <Tag color="red">{t(`dealerReports.flag.${f}`)}</Tag>
          </Tooltip>
        )),
    },
  ];

  const series = metrics.data?.series ?? [];
  const shown = series.find((s) => s.productId === chartProduct) ?? series[0];
  const option = useMemo(
    () =>
      shown
        ? dealerChartOption(shown.months, {
            purchased: t('dealerReports.fields.purchased'),
            shipped: t('dealerReports.shipped'),
            sold: t('dealerReports.fields.sold'),
            closing: t('dealerReports.fields.closingStock'),
          })
        : null,
    [shown, t],
  );
  const latest = shown?.months[shown.months.length - 1];

  return (
    <>
      <PageHeader
        title={t('dealerReports.title')}
        description={t('dealerReports.description')}
        extra={
          <Space>
            <Button onClick={() => navigate('/dealer-reports/diagnosis')}>
              {t('dealerReports.nav.diagnosis')}
            </Button>
            {me && can(me, 'dealerReports', 'export') ? (
              <Button
                icon={<DownloadOutlined />}
                href={exportUrl({ customerId, format: 'xlsx' })}
                data-testid="dealer-export"
              >
                {t('dealerReports.export')}
              </Button>
            ) : null}
            {me && can(me, 'dealerReports', 'create') ? (
              <Button icon={<ImportOutlined />} onClick={() => navigate('/imports/new?entity=dealerReports')}>
                {t('dealerReports.import')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <CustomerPicker
          style={{ width: 320 }}
          placeholder={t('dealerReports.chooseDealer')}
          value={customerId}
          currentLabel={reports.data?.items[0]?.customerName}
          onChange={(id) => set('customerId', id)}
          data-testid="dealer-picker"
        />
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d: Dayjs | null) => set('month', d ? d.format('YYYY-MM') : undefined)}
          data-testid="dealer-month"
        />
      </Space>
      {!customerId ? (
        <Empty description={t('dealerReports.chooseDealer')} />
      ) : (
        <>
          <Card
            title={t('dealerReports.gridTitle', { month })}
            extra={
              mayEdit ? (
                <Space>
                  <Select
                    showSearch
                    filterOption={false}
                    onSearch={setProductSearch}
                    placeholder={t('dealerReports.addProduct')}
                    style={{ width: 240 }}
                    value={null}
                    suffixIcon={<PlusOutlined />}
                    options={(products.data?.items ?? [])
                      .filter((p) => !rows.some((r) => r.productId === p.id))
                      .map((p) => ({ value: p.id, label: `${p.sku} ${p.name}` }))}
                    onChange={(id: string) => {
                      const p = products.data?.items.find((x) => x.id === id);
                      if (p)
                        setRows((rs) => [
                          ...rs,
                          {
                            productId: p.id,
                            productSku: p.sku,
                            productName: p.name,
                            values: {
                              openingStock: '',
                              purchased: '',
                              sold: '',
                              closingStock: '',
                              categorySales: '',
                            },
                          },
                        ]);
                    }}
                    data-testid="dealer-add-product"
                  />
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    disabled={!rows.length}
                    loading={save.isPending}
                    onClick={() => save.mutate()}
                    data-testid="dealer-save"
                  >
                    {t('dealerReports.save')}
                  </Button>
                </Space>
              ) : null
            }
          >
            {reports.data?.items.some((r) => r.flags.length) ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('dealerReports.flaggedHint')}
              />
            ) : null}
            <Table<GridRow>
              rowKey="productId"
              size="small"
              pagination={false}
              loading={reports.isLoading}
              columns={columns}
              dataSource={rows}
              scroll={{ x: true }}
            />
          </Card>
          <Card
            title={t('dealerReports.overview')}
            style={{ marginTop: 16 }}
            extra={
              <Select
                style={{ width: 240 }}
                value={shown?.productId}
                onChange={setChartProduct}
                options={series.map((s) => ({
                  value: s.productId,
                  label: `${s.productSku ?? ''} ${s.productName ?? ''}`,
                }))}
              />
            }
          >
            {option ? (
              <>
                <DealerChart option={option} />
                {latest ? (
                  <Space wrap size="large">
                    <span>
                      {t('dealerReports.metrics.sellThrough')}:{' '}
                      {latest.sellThrough === null ? '—' : `${(latest.sellThrough * 100).toFixed(1)}%`}
                    </span>
                    <span>
                      {t('dealerReports.metrics.coverDays')}: {latest.coverDays ?? '—'}
                    </span>
                    <span>
                      {t('dealerReports.metrics.turnoverDays')}: {latest.turnoverDays ?? '—'}
                    </span>
                    <span>
                      {t('dealerReports.metrics.share')}:{' '}
                      {latest.share === null ? '—' : `${(latest.share * 100).toFixed(1)}%`}
                    </span>
                    <span>
                      {t('dealerReports.metrics.trend')}:{' '}
                      {latest.soldTrend ? t(`dealerReports.trend.${latest.soldTrend}`) : '—'}
                    </span>
                  </Space>
                ) : null}
              </>
            ) : (
              <Empty description={t('dealerReports.noData')} />
            )}
          </Card>
        </>
      )}
    </>
  );
}
