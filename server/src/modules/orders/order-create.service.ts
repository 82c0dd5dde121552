// PLACEHOLDER written by the lead engineer so the quotes module compiles; the ORDERS helper
// replaces this file.
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';

export interface OrderLineInput {
  productId?: string | null;
  name?: string | null;
  quantity: string;
  unitPrice?: string | null;
  discountPct?: string | null;
  taxRate?: string | null;
}

export interface OrderCreateInput {
  customerId: string;
  currency: string;
  lines: OrderLineInput[];
  prepaymentPct?: string | null;
  creditDays?: number | null;
  deliveryAddress?: string | null;
  quoteId?: string | null;
  opportunityId?: string | null;
  source?: 'rep' | 'quote' | 'import' | 'api' | 'portal';
  notes?: string | null;
}

export async function createOrderInTx(
  _tx: Db,
  _who: { actor: Actor; ip: string; now: Date },
  _input: OrderCreateInput,
): Promise<{ id: string; number: string } & Record<string, unknown>> {
  throw new Error('createOrderInTx: not written yet');
}
