import { Form, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { testId } from '../../ui';
import type { Order, OrderStatus, TransitionInput } from './orders.api';

interface Props {
  order: Order;
  to: OrderStatus;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (input: Omit<TransitionInput, 'version' | 'to'>) => void;
}

/** What a step needs: a reason to cancel; carrier, tracking number and quantities to ship; a note otherwise. */
export function OrderStepDialog({ order, to, loading, onCancel, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const open = (order.lines ?? []).map((l) => ({
    ...l,
    remaining: (Number(l.quantity) - Number(l.shippedQuantity)).toFixed(3),
  }));
  const [quantities, setQuantities] = useState<Record<string, string>>(
    Object.fromEntries(open.map((l) => [l.id, l.remaining])),
  );
  const submit = async () => {
    const v = await form.validateFields();
    const lines =
      to === 'shipped'
        ? open
            .filter((l) => Number(quantities[l.id] ?? '0') > 0)
            .map((l) => ({ orderLineId: l.id, quantity: quantities[l.id]! }))
        : undefined;
    onSubmit({ ...v, lines });
  };
  return (
    <Modal
      open
      title={t(`orders.steps.${to}`)}
      onCancel={onCancel}
      onOk={submit}
      confirmLoading={loading}
      okButtonProps={testId('order-step-confirm')}
      width={to === 'shipped' ? 720 : 480}
    >
      <Form form={form} layout="vertical">
        {to === 'cancelled' ? (
          <Form.Item
            name="reason"
            label={t('orders.fields.cancelReason')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="order-cancel-reason" />
          </Form.Item>
        ) : null}
        {to === 'shipped' ? (
          <>
            <Form.Item
              name="carrier"
              label={t('orders.fields.carrier')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} data-testid="order-ship-carrier" />
            </Form.Item>
            <Form.Item
              name="trackingNumber"
              label={t('orders.fields.trackingNumber')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} data-testid="order-ship-tracking" />
            </Form.Item>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={open}
              columns={[
                {
                  key: 'name',
                  title: t('orders.lines.product'),
                  render: (_, l) => `${l.sku ?? ''} ${l.name}`,
                },
                { key: 'quantity', title: t('orders.lines.quantity'), dataIndex: 'quantity' },
                { key: 'shipped', title: t('orders.lines.shipped'), dataIndex: 'shippedQuantity' },
                {
                  key: 'now',
                  title: t('orders.lines.shipNow'),
                  render: (_, l) => (
                    <Input
                      inputMode="decimal"
                      value={quantities[l.id]}
                      data-testid={`order-ship-qty-${l.position}`}
                      onChange={(e) => setQuantities({ ...quantities, [l.id]: e.target.value.trim() })}
                    />
                  ),
                },
              ]}
            />
          </>
        ) : null}
        <Form.Item name="note" label={t('orders.fields.note')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
