import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { customers } from '../customers/customers.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { invoices, payments } from './receivables.table.ts';
import type { StatementRaw } from './statement.ts';

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

// ---------------------------------------------------------------- statement

export type { StatementRaw };

/**
 * A customer's statement for [from, to]: the opening balance per currency (invoices issued minus
 * payments received before `from`; void invoices and deleted payments do not count) and the
 * documents of the period in date order, invoices before payments on the same day.
 */
export async function statementRows(
  tx: Db,
  orgId: string,
  customerId: string,
  from: string,
  to: string,
): Promise<StatementRaw> {
  const opening = rowsOf<{ currency: string; balance: string }>(
    await tx.execute(sql`
      select currency, sum(d)::text as balance from (
        select currency, amount as d from ${invoices}
          where org_id = ${orgId} and customer_id = ${customerId} and status <> 'void' and deleted_at is null
            and issue_date < ${from}::date
        union all
        select currency, -amount from ${payments}
          where org_id = ${orgId} and customer_id = ${customerId} and deleted_at is null and received_on < ${from}::date
      ) x group by currency order by currency`),
  );
  const lines = rowsOf<StatementRaw['lines'][number]>(
    await tx.execute(sql`
      select kind, id, date::text as date, currency, reference, debit::text as debit, credit::text as credit from (
        select 'invoice' as kind, 0 as k, id, issue_date as date, currency, number as reference,
          amount as debit, 0::numeric as credit, created_at from ${invoices}
          where org_id = ${orgId} and customer_id = ${customerId} and status <> 'void' and deleted_at is null
            and issue_date >= ${from}::date and issue_date <= ${to}::date
        union all
        select 'payment', 1, id, received_on, currency, reference, 0::numeric, amount, created_at from ${payments}
          where org_id = ${orgId} and customer_id = ${customerId} and deleted_at is null
            and received_on >= ${from}::date and received_on <= ${to}::date
      ) x order by date, k, created_at, id`),
  );
  return { opening, lines };
}

// ---------------------------------------------------------------- ageing

export interface AgeingRow {
  kind: 't' | 'c';
  customer_id: string | null;
  customer_name: string | null;
  currency: string;
  n: number;
  current: string;
  d1_30: string;
  d31_60: string;
  d61_90: string;
  d90plus: string;
  total: string;
}

/** The scope as a condition on invoices.customer_id; undefined for an organisation-wide scope. */
function customerScope(actor: Actor, column: SQL): SQL | undefined {
  const scope = customersVisibleTo(actor);
  if (!scope) return undefined;
  return sql`${column} in (select ${customers.id} from ${customers} where ${customers.orgId} = ${actor.orgId} and ${scope})`;
}

/**
 * The ageing of open invoices on the local date `asOf`: one set-based aggregate over the partial
 * index invoices_open_idx (open amount = amount − paid; days overdue = asOf − due date; edges as
 * ageingBucket in ageing-rules.ts). Returns the totals per currency ('t' rows) and the `limit`
 * customers with the most overdue first ('c' rows; all of them when limit is null).
 * `issuedBy`: only invoices issued on or before it (an ageing as of a past date).
 */
export async function ageingRows(
  tx: Db,
  actor: Actor,
  asOf: string,
  opts: { limit: number | null; issuedBy?: string },
): Promise<AgeingRow[]> {
  await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
  const d = sql`${asOf}::date`;
  const open = sql`(i.amount - i.paid_amount)`;
  const scope = customerScope(actor, sql`i.customer_id`);
  const where = [
    sql`i.org_id = ${actor.orgId}`,
    sql`i.status = 'open'`,
    sql`i.deleted_at is null`,
    ...(scope ? [scope] : []),
    ...(opts.issuedBy ? [sql`i.issue_date <= ${opts.issuedBy}::date`] : []),
  ];
  const limit = opts.limit === null ? sql`` : sql`limit ${opts.limit}`;
  return rowsOf<AgeingRow>(
    await tx.execute(sql`
      with agg as materialized (
        select i.customer_id, i.currency,
          coalesce(sum(${open}) filter (where i.due_date >= ${d}), 0) as current,
          coalesce(sum(${open}) filter (where i.due_date < ${d} and i.due_date >= ${d} - 30), 0) as d1_30,
          coalesce(sum(${open}) filter (where i.due_date < ${d} - 30 and i.due_date >= ${d} - 60), 0) as d31_60,
          coalesce(sum(${open}) filter (where i.due_date < ${d} - 60 and i.due_date >= ${d} - 90), 0) as d61_90,
          coalesce(sum(${open}) filter (where i.due_date < ${d} - 90), 0) as d90plus,
          sum(${open}) as total
        from ${invoices} i
        where ${sql.join(where, sql` and `)}
        group by i.customer_id, i.currency
      ),
      top as (
        select * from agg order by total - current desc, total desc, customer_id ${limit}
      )
      select 't' as kind, null::uuid as customer_id, null::text as customer_name, currency, count(*)::int as n,
        sum(current)::text as current, sum(d1_30)::text as d1_30, sum(d31_60)::text as d31_60,
        sum(d61_90)::text as d61_90, sum(d90plus)::text as d90plus, sum(total)::text as total
      from agg group by currency
      union all
      select 'c', t.customer_id, c.name, t.currency, 1, t.current::text, t.d1_30::text, t.d31_60::text,
        t.d61_90::text, t.d90plus::text, t.total::text
      from top t left join ${customers} c on c.org_id = ${actor.orgId} and c.id = t.customer_id`),
  );
}

// ---------------------------------------------------------------- one customer's summary

export async function customerSummaryRows(
  tx: Db,
  orgId: string,
  customerId: string,
  today: string,
  timeZone: string,
) {
  const perCurrency = rowsOf<{
    currency: string;
    invoiced: string;
    paid: string;
    open: string;
    overdue: string;
    unallocated: string;
  }>(
    await tx.execute(sql`
      select currency, sum(invoiced)::text as invoiced, sum(paid)::text as paid, sum(open)::text as open,
        sum(overdue)::text as overdue, sum(unallocated)::text as unallocated from (
        select currency, amount as invoiced, paid_amount as paid,
          case when status = 'open' then amount - paid_amount else 0 end as open,
          case when status = 'open' and due_date < ${today}::date then amount - paid_amount else 0 end as overdue,
          0::numeric as unallocated
        from ${invoices} where org_id = ${orgId} and customer_id = ${customerId} and status <> 'void' and deleted_at is null
        union all
        select currency, 0, 0, 0, 0, amount - allocated_amount from ${payments}
          where org_id = ${orgId} and customer_id = ${customerId} and deleted_at is null
      ) x group by currency order by currency`),
  );
  const [dtp] = rowsOf<{ days: number | null; n: number }>(
    await tx.execute(sql`
      select (sum((((paid_at at time zone ${timeZone})::date - issue_date))::numeric * amount) / nullif(sum(amount), 0))::float8 as days,
        count(*)::int as n
      from ${invoices}
      where org_id = ${orgId} and customer_id = ${customerId} and status = 'paid' and paid_at is not null
        and deleted_at is null and amount > 0`),
  );
  return { perCurrency, daysToPay: dtp?.days ?? null, paidInvoices: dtp?.n ?? 0 };
}
