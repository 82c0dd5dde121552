import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order, OrderStatus } from './orders.api';

export const STATUS_COLOR: Record<OrderStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'cyan',
  inProduction: 'purple',
  shipped: 'geekblue',
  delivered: 'lime',
  completed: 'green',
  cancelled: 'red',
};

/** "1234.5" in CNY → "¥1,234.50"; the string is never turned into a float for arithmetic. */
export function moneyText(amount: string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return '—';
  const [whole = '0', frac = ''] = amount.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = amount.startsWith('-') ? '-' : '';
  const symbol =
    currency === 'CNY' ? '¥' : currency === 'USD' ? '$' : currency === 'EUR' ? '€' : `${currency} `;
  return `${sign}${symbol}${grouped}.${frac.padEnd(2, '0').slice(0, 2)}`;
}

export function StatusTag({ order, testId }: { order: Pick<Order, 'status' | 'onHold'>; testId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATUS_COLOR[order.status]} data-testid={testId}>
        {t(`orders.status.${order.status}`)}
      </Tag>
      {order.onHold ? (
        <Tag color="orange" data-testid="order-on-hold">
          {t('orders.onHold')}
        </Tag>
      ) : null}
    </>
  );
}
