// Pure: an order's money from its lines, on decimal strings through lib/money.ts — never floats.
// Prices are net of tax: a line's amount is quantity × unit price less its discount; tax is added
// on that amount at the line's rate; profit is the total net of tax less the cost.
import { addDecimals, lineGross, lineNet, percentOf, subtractDecimals, times } from '../../lib/money.ts';

export interface PricedLine {
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxRate: string;
  /** Unit cost at the time of the order; unknown → no cost counted. */
  unitCost: string | null;
}

export interface LineAmounts {
  gross: string;
  discount: string;
  /** After discount, before tax (order_lines.line_total). */
  net: string;
  tax: string;
  cost: string;
}

export interface OrderTotals {
  /** Σ quantity × unit price (before discounts). */
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  /** subtotal − discounts + tax. */
  total: string;
  costTotal: string;
  /** total − tax − cost. */
  profit: string;
}

export function lineAmounts(l: PricedLine): LineAmounts {
  const gross = lineGross(l.quantity, l.unitPrice);
  const net = lineNet(l.quantity, l.unitPrice, l.discountPct);
  return {
    gross,
    net,
    discount: subtractDecimals(gross, net),
    tax: percentOf(net, l.taxRate),
    cost: l.unitCost === null ? '0.00' : times(l.quantity, l.unitCost),
  };
}

export function orderTotals(lines: PricedLine[]): { lines: LineAmounts[]; totals: OrderTotals } {
  const amounts = lines.map(lineAmounts);
  const sum = (k: keyof LineAmounts) => addDecimals('0', ...amounts.map((a) => a[k]));
  const subtotal = sum('gross');
  const discountTotal = sum('discount');
  const taxTotal = sum('tax');
  const net = sum('net');
  const costTotal = sum('cost');
  return {
    lines: amounts,
    totals: {
      subtotal,
      discountTotal,
      taxTotal,
      total: addDecimals(net, taxTotal),
      costTotal,
      profit: subtractDecimals(net, costTotal),
    },
  };
}
