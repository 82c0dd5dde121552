// SQL for custom-field filters and sorts on any table with a `custom_fields` jsonb column.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Cursor } from '../../lib/paging.ts';
import type { CfCondition, CfSort } from './custom-field-filters.ts';

/** A custom field's value as SQL compares it: numbers numerically, the rest as text (else null). */
export function cfValueSql(column: AnyPgColumn, key: string, kind: CfSort['kind']): SQL {
  const v = sql`${column} -> ${key}::text`;
  const text = sql`${column} ->> ${key}::text`;
  return kind === 'number'
    ? sql`(case when jsonb_typeof(${v}) = 'number' then (${text})::numeric end)`
    : sql`(case when jsonb_typeof(${v}) = 'string' then ${text} end)`;
}

/** One `cf.<key>` condition on `column` (the table's custom_fields). */
export function cfConditionSql(column: AnyPgColumn, c: CfCondition): SQL {
  if (c.kind === 'list') return sql`${column} -> ${c.key}::text @> ${JSON.stringify([c.value])}::jsonb`;
  const v = cfValueSql(column, c.key, c.kind);
  const value = c.kind === 'number' ? sql`${c.value}::numeric` : sql`${c.value}`;
  return c.op === 'gte'
    ? sql`${v} >= ${value}`
    : c.op === 'lte'
      ? sql`${v} <= ${value}`
      : sql`${v} = ${value}`;
}

/** Keyset paging on a custom field, nulls placed as PostgreSQL does (last ascending, first descending). */
export function cfKeysetSql(
  column: AnyPgColumn,
  idColumn: AnyPgColumn,
  s: CfSort,
  cursor: Cursor | undefined,
) {
  const expr = cfValueSql(column, s.key, s.kind);
  const dir = s.desc ? sql`desc` : sql`asc`;
  const orderBy = [sql`${expr} ${dir}`, s.desc ? sql`${idColumn} desc` : sql`${idColumn} asc`];
  if (!cursor) return { orderBy, after: undefined };
  const cmp = s.desc ? sql`<` : sql`>`;
  const idAfter = sql`${idColumn} ${cmp} ${cursor.id}`;
  if (cursor.v === null) {
    const after = s.desc ? sql`(${expr} is not null or ${idAfter})` : sql`(${expr} is null and ${idAfter})`;
    return { orderBy, after };
  }
  const value = s.kind === 'number' ? sql`${cursor.v}::numeric` : sql`${String(cursor.v)}`;
  const after = s.desc
    ? sql`(${expr} < ${value} or (${expr} = ${value} and ${idAfter}))`
    : sql`(${expr} > ${value} or (${expr} = ${value} and ${idAfter}) or ${expr} is null)`;
  return { orderBy, after };
}
