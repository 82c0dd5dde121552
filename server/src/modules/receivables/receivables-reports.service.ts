import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { fieldError, notFound } from '../../lib/errors.ts';
import { htmlToPdf } from '../../lib/pdf.ts';
import { toXlsx } from '../../lib/xlsx.ts';
import type { Locale } from '../../i18n/messages.ts';
import { fromCents, toCents } from '../../lib/money.ts';
import { orgDay } from './credit-check.service.ts';

/** A sum from SQL ('0', '12.5') in the API's two-place form. */
const money = (s: string | null | undefined) => fromCents(toCents(s));
import { checkYmd, requireReceivables } from './invoices.service.ts';
import * as repo from './receivables.repository.ts';
import * as reports from './receivables-reports.repository.ts';
import type { AgeingQuery, StatementQuery } from './receivables.schema.ts';
import { buildStatement, type StatementCurrency } from './statement.ts';
import { statementHtml } from './statement-html.ts';

type Labels = Record<
  | 'date'
  | 'kind'
  | 'reference'
  | 'debit'
  | 'credit'
  | 'balance'
  | 'currency'
  | 'invoice'
  | 'payment'
  | 'opening'
  | 'closing'
  | 'customer'
  | 'current'
  | 'd1_30'
  | 'd31_60'
  | 'd61_90'
  | 'd90plus'
  | 'total',
  string
>;
const L: Record<Locale, Labels> = {
  en: {
    date: 'Date',
    kind: 'Type',
    reference: 'Reference',
    debit: 'Invoiced',
    credit: 'Paid',
    balance: 'Balance',
    currency: 'Currency',
    invoice: 'Invoice',
    payment: 'Payment',
    opening: 'Opening balance',
    closing: 'Closing balance',
    customer: 'Customer',
    current: 'Not yet due',
    d1_30: '1–30 days',
    d31_60: '31–60 days',
    d61_90: '61–90 days',
    d90plus: 'Over 90 days',
    total: 'Total',
  },
  'zh-CN': {
    date: '日期',
    kind: '类型',
    reference: '单号',
    debit: '应收',
    credit: '已收',
    balance: '余额',
    currency: '币种',
    invoice: '发票',
    payment: '收款',
    opening: '期初余额',
    closing: '期末余额',
    customer: '客户',
    current: '未到期',
    d1_30: '逾期1–30天',
    d31_60: '逾期31–60天',
    d61_90: '逾期61–90天',
    d90plus: '逾期90天以上',
    total: '合计',
  },
};
export const labels = (locale: Locale) => L[locale] ?? L.en;

export async function customerStatement(ctx: Ctx, customerId: string, q: StatementQuery) {
  requireReceivables(ctx, 'read');
  checkYmd('from', q.from);
  checkYmd('to', q.to);
  if (q.to < q.from) throw fieldError('to', 'beforeFrom');
  if (q.format === 'xlsx' || q.format === 'pdf') requireReceivables(ctx, 'export');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const customer = await repo.findVisibleCustomer(tx, ctx.actor, customerId);
    if (!customer) throw notFound('customer');
    const raw = await reports.statementRows(tx, ctx.actor.orgId, customerId, q.from, q.to);
    return {
      customerId,
      customerName: customer.name,
      from: q.from,
      to: q.to,
      currencies: buildStatement(raw),
    };
  });
}

export type Statement = Awaited<ReturnType<typeof customerStatement>>;

function statementSheetRows(s: Statement, l: Labels) {
  const out: unknown[][] = [];
  for (const c of s.currencies) {
    out.push([s.from, l.opening, '', '', '', c.opening, c.currency]);
    for (const x of c.lines)
      out.push([x.date, l[x.kind], x.reference ?? '', x.debit, x.credit, x.balance, c.currency]);
    out.push([s.to, l.closing, '', c.debits, c.credits, c.closing, c.currency]);
  }
  return out;
}

export async function statementFile(ctx: Ctx, s: Statement, format: 'xlsx' | 'pdf'): Promise<Buffer> {
  const l = labels(ctx.locale);
  if (format === 'pdf') return htmlToPdf(statementHtml(s, ctx.locale, l));
  const headers = [l.date, l.kind, l.reference, l.debit, l.credit, l.balance, l.currency];
  return toXlsx(
    s.customerName.slice(0, 31),
    headers.map((header, i) => ({ header, value: (r: unknown[]) => r[i] })),
    statementSheetRows(s, l),
  );
}

export async function ageing(ctx: Ctx, q: AgeingQuery) {
  requireReceivables(ctx, 'read');
  checkYmd('asOf', q.asOf);
  if (q.format === 'xlsx') requireReceivables(ctx, 'export');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { today, timeZone } = await orgDay(tx, ctx.actor.orgId, ctx.now);
    const asOf = q.asOf ?? today;
    const rows = await reports.ageingRows(tx, ctx.actor, asOf, {
      limit: q.format === 'xlsx' ? null : (q.limit ?? 200),
      issuedBy: asOf < today ? asOf : undefined,
    });
    const pick = (r: reports.AgeingRow) => ({
      current: money(r.current),
      d1_30: money(r.d1_30),
      d31_60: money(r.d31_60),
      d61_90: money(r.d61_90),
      d90plus: money(r.d90plus),
      total: money(r.total),
    });
    const totals = rows
      .filter((r) => r.kind === 't')
      .map((r) => ({ currency: r.currency, customers: r.n, ...pick(r) }))
      .sort((a, b) => a.currency.localeCompare(b.currency));
    return {
      asOf,
      timeZone,
      totals,
      customers: rows
        .filter((r) => r.kind === 'c')
        .map((r) => ({
          customerId: r.customer_id!,
          customerName: r.customer_name,
          currency: r.currency,
          ...pick(r),
        })),
      customersTotal: totals.reduce((n, t) => n + t.customers, 0),
    };
  });
}

export async function ageingFile(ctx: Ctx, a: Awaited<ReturnType<typeof ageing>>): Promise<Buffer> {
  const l = labels(ctx.locale);
  const keys = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus', 'total'] as const;
  type R = (typeof a.customers)[number];
  const rows: R[] = [
    ...a.customers,
    ...a.totals.map(({ customers: _n, ...t }) => ({ ...t, customerId: '', customerName: l.total })),
  ];
  return toXlsx(
    `${a.asOf}`,
    [
      { header: l.customer, value: (r: R) => r.customerName },
      { header: l.currency, value: (r: R) => r.currency },
      ...keys.map((k) => ({ header: l[k], value: (r: R) => r[k] })),
    ],
    rows,
  );
}

export async function customerReceivables(ctx: Ctx, customerId: string) {
  requireReceivables(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findVisibleCustomer(tx, ctx.actor, customerId))) throw notFound('customer');
    const { today, timeZone } = await orgDay(tx, ctx.actor.orgId, ctx.now);
    const s = await reports.customerSummaryRows(tx, ctx.actor.orgId, customerId, today, timeZone);
    return {
      customerId,
      currencies: s.perCurrency.map((c) => ({
        currency: c.currency,
        invoiced: money(c.invoiced),
        paid: money(c.paid),
        open: money(c.open),
        overdue: money(c.overdue),
        unallocated: money(c.unallocated),
      })),
      daysToPay: s.daysToPay === null ? null : Math.round(s.daysToPay * 10) / 10,
      paidInvoices: s.paidInvoices,
    };
  });
}

export type { StatementCurrency };
