// Pure: how quotes show money and status in the UI.
import type { QuoteStatus } from './quotes.api';

/** "1234567.5" → "1,234,567.50" without turning the decimal string into a float. */
export function formatAmount(amount: string): string {
  const neg = amount.startsWith('-');
  const [int = '0', frac = ''] = (neg ? amount.slice(1) : amount).split('.');
  return `${neg ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(frac + '00').slice(0, 2)}`;
}

export const moneyText = (amount: string, currency: string) => `${currency} ${formatAmount(amount)}`;

export const STATUS_COLOR: Record<QuoteStatus, string> = {
  draft: 'default',
  pendingApproval: 'orange',
  approved: 'blue',
  sent: 'cyan',
  accepted: 'green',
  rejected: 'red',
  expired: 'default',
};
