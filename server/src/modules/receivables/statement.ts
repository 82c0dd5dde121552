// Pure: a statement's balances from its opening balances and lines (per currency, running balance).
import { fromCents, toCents } from '../../lib/money.ts';

/** What the repository reads: opening balances per currency and the period's documents in order. */
export interface StatementRaw {
  opening: { currency: string; balance: string }[];
  lines: {
    kind: 'invoice' | 'payment';
    id: string;
    date: string;
    currency: string;
    reference: string | null;
    debit: string;
    credit: string;
  }[];
}

export interface StatementCurrency {
  currency: string;
  opening: string;
  debits: string;
  credits: string;
  closing: string;
  lines: {
    date: string;
    kind: 'invoice' | 'payment';
    id: string;
    reference: string | null;
    debit: string;
    credit: string;
    balance: string;
  }[];
}

/** Lines keep their order; each currency has its own running balance from its opening balance. */
export function buildStatement(raw: StatementRaw): StatementCurrency[] {
  const byCurrency = new Map<
    string,
    { opening: bigint; debits: bigint; credits: bigint; balance: bigint; lines: StatementCurrency['lines'] }
  >();
  const of = (currency: string) => {
    let c = byCurrency.get(currency);
    if (!c) byCurrency.set(currency, (c = { opening: 0n, debits: 0n, credits: 0n, balance: 0n, lines: [] }));
    return c;
  };
  for (const o of raw.opening) {
    const c = of(o.currency);
    c.opening = toCents(o.balance);
    c.balance = c.opening;
  }
  for (const l of raw.lines) {
    const c = of(l.currency);
    const d = toCents(l.debit);
    const k = toCents(l.credit);
    c.debits += d;
    c.credits += k;
    c.balance += d - k;
    c.lines.push({
      date: l.date,
      kind: l.kind,
      id: l.id,
      reference: l.reference,
      debit: fromCents(d),
      credit: fromCents(k),
      balance: fromCents(c.balance),
    });
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, c]) => ({
      currency,
      opening: fromCents(c.opening),
      debits: fromCents(c.debits),
      credits: fromCents(c.credits),
      closing: fromCents(c.balance),
      lines: c.lines,
    }));
}
