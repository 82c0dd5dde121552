// Pure: the editor's lines as typed, and which of them the server can price.
import type { QuoteLine, QuoteLineInput } from './quotes.api';

/** One editable row: a catalogue product or a free-text item, with decimal strings as typed. */
export interface EditLine {
  key: string;
  productId: string | null;
  productLabel: string | null;
  name: string;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxRate: string;
}

let seq = 0;
export const newLine = (patch: Partial<EditLine> = {}): EditLine => ({
  key: `l${++seq}`,
  productId: null,
  productLabel: null,
  name: '',
  quantity: '1',
  unitPrice: '',
  discountPct: '',
  taxRate: '',
  ...patch,
});

export const fromQuoteLine = (l: QuoteLine): EditLine =>
  newLine({
    productId: l.productId,
    productLabel: l.productId ? `${l.sku ?? ''} ${l.name}`.trim() : null,
    name: l.productId ? '' : l.name,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discountPct: l.discountPct,
    taxRate: l.taxRate,
  });

const QTY = /^\d{1,15}(\.\d{1,3})?$/;
const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const PCT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** The lines the server can price: complete and well-formed; the rest wait for more typing. */
export function toInput(lines: EditLine[]): { input: QuoteLineInput[]; complete: boolean } {
  const input: QuoteLineInput[] = [];
  for (const l of lines) {
    const ok =
      QTY.test(l.quantity) &&
      (!l.unitPrice || MONEY.test(l.unitPrice)) &&
      (!l.discountPct || PCT.test(l.discountPct)) &&
      (!l.taxRate || PCT.test(l.taxRate)) &&
      (l.productId || (l.name.trim() && l.unitPrice));
    if (!ok) continue;
    input.push({
      productId: l.productId,
      name: l.productId ? null : l.name.trim(),
      quantity: l.quantity,
      unitPrice: l.unitPrice || null,
      discountPct: l.discountPct || null,
      taxRate: l.taxRate || null,
    });
  }
  return { input, complete: input.length === lines.length && lines.length > 0 };
}
