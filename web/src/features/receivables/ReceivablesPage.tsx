import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { CursorPager, PageHeader, useApiFeedback, useCursorPages } from '../../ui';
import { CustomerPicker } from '../customers/CustomerPicker';
import {
  createInvoice,
  createPayment,
  deletePayment,
  listInvoices,
  listPayments,
  money,
  PAYMENT_METHODS,
  receivablesKey,
  voidInvoice,
  type Invoice,
  type Payment,
} from './receivables.api';

type Pages = ReturnType<typeof useCursorPages>;
function Pager(props: {
  pages: Pages;
  data?: { total: number; nextCursor: string | null };
  size: number;
  setSize: (n: number) => void;
}) {
  return (
    <CursorPager
      total={props.data?.total}
      page={props.pages.page}
      hasPrev={props.pages.hasPrev}
      nextCursor={props.data?.nextCursor}
      onPrev={props.pages.prev}
      onNext={props.pages.next}
      pageSize={props.size}
      onPageSize={props.setSize}
    />
  );
}

const STATUS_COLORS = { open: 'orange', paid: 'green', void: 'default' } as const;

function InvoicesTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { showError } = useApiFeedback();
  const [status, setStatus] = useState<string | undefined>('open');
  const [size, setSize] = useState(20);
  const pages = useCursorPages(JSON.stringify({ status, size }));
  const list = useQuery({
    queryKey: [...receivablesKey, 'invoices', status, pages.cursor, size],
    queryFn: () => listInvoices({ status, cursor: pages.cursor, limit: size }),
    placeholderData: keepPreviousData,
  });
  const voidIt = useMutation({
    mutationFn: voidInvoice,
    onSuccess: () => qc.invalidateQueries({ queryKey: receivablesKey }),
    onError: (e) => showError(e),
  });
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ minWidth: 160 }}
          value={status}
          onChange={setStatus}
          placeholder={t('receivables.fields.status')}
          options={(['open', 'paid', 'void'] as const).map((s) => ({
            value: s,
            label: t(`receivables.status.${s}`),
          }))}
        />
      </Flex>
      <Table<Invoice>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        data-testid="invoices-table"
        columns={[
          { key: 'number', title: t('receivables.fields.number'), dataIndex: 'number' },
          {
            key: 'customer',
            title: t('receivables.fields.customer'),
            render: (_, i) => <Link to={`/customers/${i.customerId}/statement`}>{i.customerName}</Link>,
          },
          {
            key: 'order',
            title: t('receivables.fields.order'),
            render: (_, i) => (i.orderId ? <Link to={`/orders/${i.orderId}`}>{i.orderNumber}</Link> : '—'),
          },
          { key: 'issueDate', title: t('receivables.fields.issueDate'), dataIndex: 'issueDate' },
          { key: 'dueDate', title: t('receivables.fields.dueDate'), dataIndex: 'dueDate' },
          {
            key: 'amount',
            title: t('receivables.fields.amount'),
            align: 'right',
            render: (_, i) => money(i.amount, i.currency),
          },
          {
            key: 'open',
            title: t('receivables.fields.openAmount'),
            align: 'right',
            render: (_, i) => money(i.openAmount, i.currency),
          },
          {
            key: 'status',
            title: t('receivables.fields.status'),
            render: (_, i) => (
              <Tag color={STATUS_COLORS[i.status]}>{t(`receivables.status.${i.status}`)}</Tag>
            ),
          },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, i: Invoice) =>
                    i.status === 'open' && i.paidAmount === '0.00' ? (
                      <Popconfirm
                        title={t('receivables.invoices.voidConfirm')}
                        onConfirm={() => voidIt.mutate(i.id)}
                      >
                        <Button size="small" danger>
                          {t('receivables.invoices.void')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Pager pages={pages} data={list.data} size={size} setSize={setSize} />
    </>
  );
}

function PaymentsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { showError } = useApiFeedback();
  const [size, setSize] = useState(20);
  const pages = useCursorPages(`payments-${size}`);
  const list = useQuery({
    queryKey: [...receivablesKey, 'payments', pages.cursor, size],
    queryFn: () => listPayments({ cursor: pages.cursor, limit: size }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: deletePayment,
    onSuccess: () => qc.invalidateQueries({ queryKey: receivablesKey }),
    onError: (e) => showError(e),
  });
  return (
    <>
      <Table<Payment>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={false}
        data-testid="payments-table"
        columns={[
          { key: 'receivedOn', title: t('receivables.fields.receivedOn'), dataIndex: 'receivedOn' },
          { key: 'customer', title: t('receivables.fields.customer'), dataIndex: 'customerName' },
          {
            key: 'method',
            title: t('receivables.fields.method'),
            render: (_, p) => t(`receivables.methods.${p.method}`),
          },
          {
            key: 'reference',
            title: t('receivables.fields.reference'),
            render: (_, p) => p.reference ?? '—',
          },
          {
            key: 'amount',
            title: t('receivables.fields.amount'),
            align: 'right',
            render: (_, p) => money(p.amount, p.currency),
          },
          {
            key: 'unallocated',
            title: t('receivables.fields.unallocated'),
            align: 'right',
            render: (_, p) => money(p.unallocatedAmount, p.currency),
          },
          ...(canWrite
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, p: Payment) => (
                    <Popconfirm
                      title={t('receivables.payments.deleteConfirm')}
                      onConfirm={() => remove.mutate(p.id)}
                    >
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Pager pages={pages} data={list.data} size={size} setSize={setSize} />
    </>
  );
}

interface PaymentForm {
  customerId: string;
  currency: string;
  amount: number;
  receivedOn: dayjs.Dayjs;
  method: string;
  reference?: string;
  allocations?: Record<string, number | null>;
}

/** Record a payment: the customer's open invoices in the payment's currency, each with an amount to allocate. */
function PaymentDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { showError } = useApiFeedback();
  const [form] = Form.useForm<PaymentForm>();
  const customerId = Form.useWatch('customerId', form);
  const currency = Form.useWatch('currency', form);
  const openInvoices = useQuery({
    queryKey: [...receivablesKey, 'open', customerId],
    queryFn: () => listInvoices({ customerId, status: 'open', sort: 'dueDate', limit: 200 }),
    enabled: !!customerId,
  });
  const save = useMutation({
    mutationFn: (v: PaymentForm) =>
      createPayment({
        customerId: v.customerId,
        currency: v.currency,
        amount: v.amount.toFixed(2),
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        method: v.method,
        reference: v.reference || null,
        allocations: Object.entries(v.allocations ?? {})
          .filter(([, a]) => a)
          .map(([invoiceId, a]) => ({ invoiceId, amount: (a as number).toFixed(2) })),
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: receivablesKey });
      form.resetFields();
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  const invoices = (openInvoices.data?.items ?? []).filter((i) => i.currency === currency);
  return (
    <Modal
      open={open}
      title={t('receivables.payments.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<PaymentForm>
        form={form}
        layout="vertical"
        initialValues={{ currency: 'CNY', method: 'bankTransfer', receivedOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="customerId" label={t('receivables.fields.customer')} rules={[{ required: true }]}>
          <CustomerPicker />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="currency" label={t('receivables.fields.currency')} rules={[{ required: true }]}>
            <Select
              style={{ width: 100 }}
              options={['CNY', 'USD', 'EUR', 'HKD', 'JPY'].map((c) => ({ value: c }))}
            />
          </Form.Item>
          <Form.Item name="amount" label={t('receivables.fields.amount')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} style={{ width: 160 }} data-testid="payment-amount" />
          </Form.Item>
          <Form.Item
            name="receivedOn"
            label={t('receivables.fields.receivedOn')}
            rules={[{ required: true }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="method" label={t('receivables.fields.method')}>
            <Select
              style={{ width: 140 }}
              options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`receivables.methods.${m}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="reference" label={t('receivables.fields.reference')}>
          <Input maxLength={200} />
        </Form.Item>
        {customerId && (
          <Table<Invoice>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={invoices}
            locale={{ emptyText: t('receivables.payments.noOpenInvoices') }}
            columns={[
              { key: 'number', title: t('receivables.fields.number'), dataIndex: 'number' },
              { key: 'dueDate', title: t('receivables.fields.dueDate'), dataIndex: 'dueDate' },
              {
                key: 'open',
                title: t('receivables.fields.openAmount'),
                align: 'right',
                render: (_, i) => money(i.openAmount),
              },
              {
                key: 'allocate',
                title: t('receivables.payments.allocate'),
                render: (_, i) => (
                  <Form.Item name={['allocations', i.id]} noStyle>
                    <InputNumber min={0} max={Number(i.openAmount)} precision={2} />
                  </Form.Item>
                ),
              },
            ]}
          />
        )}
      </Form>
    </Modal>
  );
}

interface InvoiceForm {
  customerId: string;
  currency: string;
  amount: number;
  issueDate: dayjs.Dayjs;
  dueDate?: dayjs.Dayjs;
}

function InvoiceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { showError } = useApiFeedback();
  const [form] = Form.useForm<InvoiceForm>();
  const save = useMutation({
    mutationFn: (v: InvoiceForm) =>
      createInvoice({
        customerId: v.customerId,
        currency: v.currency,
        amount: v.amount.toFixed(2),
        issueDate: v.issueDate.format('YYYY-MM-DD'),
        ...(v.dueDate ? { dueDate: v.dueDate.format('YYYY-MM-DD') } : {}),
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: receivablesKey });
      form.resetFields();
      onClose();
    },
    onError: (e) => showError(e, form),
  });
  return (
    <Modal
      open={open}
      title={t('receivables.invoices.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<InvoiceForm>
        form={form}
        layout="vertical"
        initialValues={{ currency: 'CNY', issueDate: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="customerId" label={t('receivables.fields.customer')} rules={[{ required: true }]}>
          <CustomerPicker />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="currency" label={t('receivables.fields.currency')}>
            <Select
              style={{ width: 100 }}
              options={['CNY', 'USD', 'EUR', 'HKD', 'JPY'].map((c) => ({ value: c }))}
            />
          </Form.Item>
          <Form.Item name="amount" label={t('receivables.fields.amount')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        <Flex gap={8}>
          <Form.Item name="issueDate" label={t('receivables.fields.issueDate')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="dueDate" label={t('receivables.fields.dueDate')}>
            <DatePicker />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

/** 应收账款: invoices and payments, recording a payment with its allocations. */
export function ReceivablesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const canWrite = can(me, 'receivables', 'create');
  const [dialog, setDialog] = useState<'payment' | 'invoice' | null>(null);
  return (
    <>
      <PageHeader
        title={t('receivables.title')}
        extra={
          <Flex gap={8}>
            <Link to="/receivables/ageing">
              <Button>{t('receivables.nav.ageing')}</Button>
            </Link>
            {canWrite && (
              <Button onClick={() => setDialog('invoice')}>{t('receivables.invoices.new')}</Button>
            )}
            {canWrite && (
              <Button type="primary" onClick={() => setDialog('payment')} data-testid="record-payment">
                {t('receivables.payments.record')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'invoices',
              label: t('receivables.invoices.title'),
              children: <InvoicesTab canWrite={canWrite} />,
            },
            {
              key: 'payments',
              label: t('receivables.payments.title'),
              children: <PaymentsTab canWrite={canWrite} />,
            },
          ]}
        />
      </Card>
      <PaymentDialog open={dialog === 'payment'} onClose={() => setDialog(null)} />
      <InvoiceDialog open={dialog === 'invoice'} onClose={() => setDialog(null)} />
    </>
  );
}
