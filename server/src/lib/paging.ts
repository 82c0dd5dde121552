import { AppError } from './errors.ts';

export interface SortSpec {
  field: string;
  desc: boolean;
}

/** "name" or "-createdAt", restricted to the fields a list allows. */
export function parseSort(
  sort: string | undefined,
  allowed: readonly string[],
  fallback: SortSpec,
): SortSpec {
  if (!sort) return fallback;
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  if (!allowed.includes(field))
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'sort', code: 'enum', params: { allowed } }]);
  return { field, desc };
}

export interface Cursor {
  /** The sort value of the last row seen (ISO string for dates). */
  v: string | number | boolean | null;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c !== 'object' || c === null || typeof c.id !== 'string') throw new Error('bad cursor');
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', code: 'invalid' }]);
  }
}

/** Cuts the extra row a query fetched to know whether another page exists. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null };
}

/** pageOf for a list sorted by one field: the cursor carries that field's value and the id. */
export function pageBySort<T extends { id: string }>(rows: T[], limit: number, field: string) {
  return pageOf(rows, limit, (r) => {
    const v = (r as Record<string, unknown>)[field];
    return { v: v instanceof Date ? v.toISOString() : ((v as Cursor['v'] | undefined) ?? null), id: r.id };
  });
}
