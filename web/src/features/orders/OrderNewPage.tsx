import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { PageHeader, useApiFeedback, useDebouncedValue } from '../../ui';
import { CustomerPicker } from '../customers/CustomerPicker';
import {
  createOrder,
  ordersKey,
  previewOrder,
  searchCatalogue,
  type CatalogueItem,
  type OrderLineInput,
} from './orders.api';
import { moneyText } from './order-labels';

interface EditLine {
  key: number;
  productId?: string;
  productLabel?: string;
  name?: string;
  quantity: string;
  unitPrice?: string;
  discountPct?: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;
let seq = 0;
const blankLine = (): EditLine => ({ key: ++seq, quantity: '1' });

function ProductSelect({ line, onPick }: { line: EditLine; onPick: (p: CatalogueItem | undefined) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['products', 'order-picker', q],
    queryFn: () => searchCatalogue(q),
    staleTime: 15_000,
  });
  const items = found.data?.items ?? [];
  const options = items.map((p) => ({ value: p.id, label: `${p.sku} ${p.name}` }));
  if (line.productId && !options.some((o) => o.value === line.productId))
    options.unshift({ value: line.productId, label: line.productLabel ?? line.productId });
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      style={{ width: '100%' }}
      placeholder={t('orders.lines.pickProduct')}
      value={line.productId}
      options={options}
      onSearch={setSearch}
      onChange={(id) => onPick(items.find((p) => p.id === id))}
      data-testid="order-line-product"
    />
  );
}

/** The lines the server can price: a product or a name with a price, and a decimal quantity. */
function toInput(lines: EditLine[]): OrderLineInput[] | null {
  const out: OrderLineInput[] = [];
  for (const l of lines) {
    if (!DECIMAL.test(l.quantity)) return null;
    if (!l.productId && (!l.name?.trim() || !l.unitPrice)) return null;
    out.push({
      productId: l.productId ?? null,
      name: l.productId ? null : l.name?.trim(),
      quantity: l.quantity,
      unitPrice: l.unitPrice || null,
      discountPct: l.discountPct || null,
    });
  }
  return out;
}

/** 新建订单: customer, lines from the catalogue, terms; totals computed by the server as the order will be. */
export function OrderNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const [form] = Form.useForm();
  const [customerId, setCustomerId] = useState<string>();
  const [currency, setCurrency] = useState('CNY');
  const [lines, setLines] = useState<EditLine[]>([blankLine()]);
  const input = toInput(lines);
  const ask = useDebouncedValue(JSON.stringify({ customerId, currency, lines: input }), 300);
  const preview = useQuery({
    queryKey: [...ordersKey, 'preview', ask],
    queryFn: () => previewOrder(JSON.parse(ask)),
    enabled: input !== null && input.length > 0,
    retry: false,
  });
  const save = useMutation({
    mutationFn: () => {
      const v = form.getFieldsValue();
      return createOrder({
        customerId: customerId!,
        currency,
        lines: input ?? [],
        prepaymentPct:
          v.prepaymentPct === undefined || v.prepaymentPct === null ? null : String(v.prepaymentPct),
        creditDays: v.creditDays ?? null,
        deliveryAddress: v.deliveryAddress || null,
        notes: v.notes || null,
      });
    },
    onSuccess: async (o) => {
      await queryClient.invalidateQueries({ queryKey: ordersKey });
      navigate(`/orders/${o.id}`);
    },
    onError: (e) => showError(e),
  });
  const set = (key: number, patch: Partial<EditLine>) =>
    setLines(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const priced = preview.data?.lines;
  const text = (l: EditLine, field: 'quantity' | 'unitPrice' | 'discountPct', placeholder?: string) => (
    <Input
      value={l[field]}
      placeholder={placeholder}
      inputMode="decimal"
      data-testid={`order-line-${field}`}
      onChange={(e) => set(l.key, { [field]: e.target.value.trim() })}
    />
  );
  const columns: TableProps<EditLine>['columns'] = [
    {
      key: 'product',
      title: t('orders.lines.product'),
      width: 280,
      render: (_, l) => (
        <Flex vertical gap={4}>
          <ProductSelect
            line={l}
            onPick={(p) =>
              set(l.key, { productId: p?.id, productLabel: p ? `${p.sku} ${p.name}` : undefined })
            }
          />
          {!l.productId ? (
            <Input
              placeholder={t('orders.lines.name')}
              value={l.name}
              onChange={(e) => set(l.key, { name: e.target.value })}
            />
          ) : null}
        </Flex>
      ),
    },
    { key: 'quantity', title: t('orders.lines.quantity'), width: 110, render: (_, l) => text(l, 'quantity') },
    {
      key: 'unitPrice',
      title: t('orders.lines.unitPrice'),
      width: 130,
      render: (_, l, i) => text(l, 'unitPrice', priced?.[i]?.unitPrice ?? t('orders.lines.listPrice')),
    },
    {
      key: 'discountPct',
      title: t('orders.lines.discountPct'),
      width: 100,
      render: (_, l) => text(l, 'discountPct', '0'),
    },
    {
      key: 'net',
      title: t('orders.lines.net'),
      align: 'right',
      render: (_, _l, i) => (priced?.[i] ? moneyText(priced[i].net, currency) : '—'),
    },
    {
      key: 'remove',
      width: 48,
      render: (_, l) => (
        <Button
          type="text"
          icon={<DeleteOutlined />}
          disabled={lines.length === 1}
          onClick={() => setLines(lines.filter((x) => x.key !== l.key))}
          aria-label={t('common.delete')}
        />
      ),
    },
  ];
  const previewError = preview.error instanceof ApiError ? preview.error : null;
  return (
    <>
      <PageHeader
        title={t('orders.new')}
        extra={
          <Button
            type="primary"
            loading={save.isPending}
            disabled={!customerId || !input?.length}
            onClick={() => save.mutate()}
            data-testid="order-save"
          >
            {t('orders.saveDraft')}
          </Button>
        }
      />
      <Card>
        <Form form={form} layout="vertical">
          <Flex gap={16} wrap>
            <Form.Item label={t('orders.fields.customer')} required style={{ minWidth: 320 }}>
              <CustomerPicker
                value={customerId}
                onChange={(id) => setCustomerId(id)}
                data-testid="order-customer"
              />
            </Form.Item>
            <Form.Item label={t('orders.fields.currency')}>
              <Select
                style={{ width: 110 }}
                value={currency}
                onChange={setCurrency}
                options={['CNY', 'USD', 'EUR', 'HKD', 'JPY'].map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
            <Form.Item name="prepaymentPct" label={t('orders.fields.prepaymentPct')}>
              <InputNumber min={0} max={100} precision={2} addonAfter="%" />
            </Form.Item>
            <Form.Item name="creditDays" label={t('orders.fields.creditDays')}>
              <InputNumber min={0} max={3650} precision={0} />
            </Form.Item>
          </Flex>
          <Form.Item name="deliveryAddress" label={t('orders.fields.deliveryAddress')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="notes" label={t('orders.fields.notes')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
        </Form>
        <Table<EditLine> rowKey="key" columns={columns} dataSource={lines} pagination={false} size="small" />
        <Button
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => setLines([...lines, blankLine()])}
        >
          {t('orders.lines.add')}
        </Button>
        {previewError ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            message={previewError.message}
            description={previewError.fieldIssues.map((f) => f.message ?? f.field).join(' ')}
          />
        ) : null}
        {preview.data ? (
          <Descriptions size="small" column={3} style={{ marginTop: 16 }} data-testid="order-preview-totals">
            <Descriptions.Item label={t('orders.fields.subtotal')}>
              {moneyText(preview.data.subtotal, currency)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.discountTotal')}>
              {moneyText(preview.data.discountTotal, currency)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.taxTotal')}>
              {moneyText(preview.data.taxTotal, currency)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.total')}>
              <strong data-testid="order-preview-total">{moneyText(preview.data.total, currency)}</strong>
            </Descriptions.Item>
            {preview.data.profit !== null ? (
              <Descriptions.Item label={t('orders.fields.profit')}>
                {moneyText(preview.data.profit, currency)}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        ) : null}
      </Card>
    </>
  );
}
