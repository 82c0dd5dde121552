import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Row,
  Space,
  Spin,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { PageHeader, formatDateTime, useApiFeedback } from '../../ui';
import {
  addOrderNote,
  fetchOrder,
  fetchTimeline,
  ordersKey,
  transitionOrder,
  type OrderEvent,
  type OrderLine,
  type OrderStatus,
} from './orders.api';
import { moneyText, StatusTag, STATUS_COLOR } from './order-labels';
import { OrderStepDialog } from './OrderStepDialog';

function eventText(t: (k: string, o?: Record<string, unknown>) => string, e: OrderEvent): string {
  const status = (s: string | null) => (s ? t(`orders.status.${s}`) : '');
  switch (e.kind) {
    case 'shipment':
      return t(e.data.complete ? 'orders.timeline.shippedAll' : 'orders.timeline.shippedPart', {
        carrier: e.data.carrier,
        trackingNumber: e.data.trackingNumber,
      });
    case 'hold':
      return t('orders.timeline.hold', { reason: t(`orders.holdReasons.${String(e.data.reason)}`) });
    case 'release':
      return t('orders.timeline.release');
    case 'note':
      return t('orders.timeline.note');
    default:
      return e.fromStatus
        ? t('orders.timeline.moved', { from: status(e.fromStatus), to: status(e.toStatus) })
        : t('orders.timeline.created');
  }
}

/** 订单详情: lines and money, the next step for my role, and the timeline every department writes on. */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const { showError } = useApiFeedback();
  const [step, setStep] = useState<OrderStatus | null>(null);
  const [note, setNote] = useState('');
  const order = useQuery({ queryKey: [...ordersKey, id], queryFn: () => fetchOrder(id) });
  const timeline = useQuery({ queryKey: [...ordersKey, id, 'timeline'], queryFn: () => fetchTimeline(id) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ordersKey });
  const move = useMutation({
    mutationFn: (input: Parameters<typeof transitionOrder>[1]) => transitionOrder(id, input),
    onSuccess: async () => {
      setStep(null);
      await refresh();
    },
    onError: (e) => showError(e),
  });
  const writeNote = useMutation({
    mutationFn: () => addOrderNote(id, note.trim()),
    onSuccess: async () => {
      setNote('');
      await refresh();
    },
    onError: (e) => showError(e),
  });
  if (order.isLoading) return <Spin />;
  const o = order.data;
  if (!o) return <Empty />;
  const needsDialog = (to: OrderStatus) => to === 'cancelled' || to === 'shipped';
  const lineColumns = [
    { key: 'sku', title: 'SKU', render: (_: unknown, l: OrderLine) => l.sku ?? '—' },
    { key: 'name', title: t('orders.lines.product'), dataIndex: 'name' },
    {
      key: 'quantity',
      title: t('orders.lines.quantity'),
      render: (_: unknown, l: OrderLine) => `${l.quantity} ${l.unit ?? ''}`,
    },
    {
      key: 'unitPrice',
      title: t('orders.lines.unitPrice'),
      align: 'right' as const,
      render: (_: unknown, l: OrderLine) => moneyText(l.unitPrice, o.currency),
    },
    {
      key: 'discountPct',
      title: t('orders.lines.discountPct'),
      render: (_: unknown, l: OrderLine) => `${l.discountPct}%`,
    },
    {
      key: 'taxRate',
      title: t('orders.lines.taxRate'),
      render: (_: unknown, l: OrderLine) => `${l.taxRate}%`,
    },
    {
      key: 'net',
      title: t('orders.lines.net'),
      align: 'right' as const,
      render: (_: unknown, l: OrderLine) => moneyText(l.lineTotal, o.currency),
    },
    {
      key: 'shipped',
      title: t('orders.lines.shipped'),
      render: (_: unknown, l: OrderLine) => l.shippedQuantity,
    },
  ];
  return (
    <>
      <PageHeader
        title={
          <Space>
            {o.number}
            <StatusTag order={o} testId="order-status" />
          </Space>
        }
        extra={
          <Space wrap>
            {o.nextSteps.map((to) => (
              <Button
                key={to}
                danger={to === 'cancelled'}
                type={to === 'cancelled' ? 'default' : 'primary'}
                data-testid={`order-step-${to}`}
                loading={move.isPending && !step}
                onClick={() => (needsDialog(to) ? setStep(to) : move.mutate({ to, version: o.version }))}
              >
                {t(`orders.steps.${to}`)}
              </Button>
            ))}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('orders.fields.customer')}>
                <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.owner')}>{o.ownerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.prepaymentPct')}>
                {o.prepaymentPct}%
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.creditDays')}>{o.creditDays}</Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.deliveryAddress')} span={2}>
                {o.deliveryAddress ?? '—'}
              </Descriptions.Item>
              {o.cancelReason ? (
                <Descriptions.Item label={t('orders.fields.cancelReason')} span={2}>
                  {o.cancelReason}
                </Descriptions.Item>
              ) : null}
              {o.onHold ? (
                <Descriptions.Item label={t('orders.onHold')} span={2}>
                  {t(`orders.holdReasons.${o.creditHold}`)}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Table<OrderLine>
              rowKey="id"
              size="small"
              pagination={false}
              columns={lineColumns}
              dataSource={o.lines ?? []}
            />
            <Descriptions size="small" column={3} style={{ marginTop: 16 }}>
              <Descriptions.Item label={t('orders.fields.subtotal')}>
                {moneyText(o.subtotal, o.currency)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.discountTotal')}>
                {moneyText(o.discountTotal, o.currency)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.taxTotal')}>
                {moneyText(o.taxTotal, o.currency)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.total')}>
                <strong data-testid="order-total">{moneyText(o.total, o.currency)}</strong>
              </Descriptions.Item>
              {o.costTotal !== null ? (
                <Descriptions.Item label={t('orders.fields.costTotal')}>
                  {moneyText(o.costTotal, o.currency)}
                </Descriptions.Item>
              ) : null}
              {o.profit !== null ? (
                <Descriptions.Item label={t('orders.fields.profit')}>
                  {moneyText(o.profit, o.currency)}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('orders.timeline.title')}>
            <Timeline
              data-testid="order-timeline"
              items={(timeline.data?.items ?? []).map((e) => ({
                color: e.kind === 'hold' ? 'orange' : e.toStatus ? STATUS_COLOR[e.toStatus] : 'gray',
                children: (
                  <div data-testid={`order-event-${e.kind}`}>
                    <Typography.Text strong>{eventText(t, e)}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary">
                        {formatDateTime(e.at)} · {e.byName ?? t('orders.timeline.system')}
                        {e.department
                          ? ` · ${t(`orders.departments.${e.department}`, { defaultValue: e.department })}`
                          : ''}
                      </Typography.Text>
                    </div>
                    {e.note ? <div>{e.note}</div> : null}
                  </div>
                ),
              }))}
            />
            {can(me, 'orders', 'update') ? (
              <Flex gap={8}>
                <Input.TextArea
                  rows={2}
                  value={note}
                  maxLength={5000}
                  placeholder={t('orders.timeline.notePlaceholder')}
                  onChange={(e) => setNote(e.target.value)}
                  data-testid="order-note-input"
                />
                <Button
                  disabled={!note.trim()}
                  loading={writeNote.isPending}
                  onClick={() => writeNote.mutate()}
                  data-testid="order-note-add"
                >
                  {t('orders.timeline.addNote')}
                </Button>
              </Flex>
            ) : null}
          </Card>
        </Col>
      </Row>
      {step ? (
        <OrderStepDialog
          order={o}
          to={step}
          loading={move.isPending}
          onCancel={() => setStep(null)}
          onSubmit={(input) => move.mutate({ ...input, to: step, version: o.version })}
        />
      ) : null}
    </>
  );
}
