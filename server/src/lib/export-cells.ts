// Pure helpers for spreadsheet exports.

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading quote. */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s =
    typeof value === 'string'
      ? value
      : value instanceof Date
        ? value.toISOString()
        : Array.isArray(value)
          ? value.join(', ')
          : String(value);
  // One character code test per cell: exports write millions of them.
  const c = s.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${s}` : s;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/** CSV with a UTF-8 BOM, so Excel opens Chinese text correctly. */
export function toCsv<T>(columns: ExportColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(neutraliseCell(c.value(row)))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * An entity's rows for a streaming export (customers, contacts, …): the headers in the caller's
 * language, the number of rows the export will hold, and the rows in chunks until null.
 */
export interface ExportReader {
  entity: string;
  headers: string[];
  total: number;
  next(): Promise<unknown[][] | null>;
}

/** Which columns of an entity an export holds, by key, in the caller's language. */
export interface ExportColumnDef<T> {
  key: string;
  header: string;
  value: (row: T) => unknown;
}

/**
 * The columns a caller asked for (`columns=a,b,c`, the list's visible columns) in that order, the
 * always-present ones first; keys the entity does not have are returned in `unknown`.
 */
export function pickColumns<T>(
  all: ExportColumnDef<T>[],
  wanted: string[] | undefined,
  always: string[],
): { columns: ExportColumnDef<T>[]; unknown: string[] } {
  if (!wanted?.length) return { columns: all, unknown: [] };
  const byKey = new Map(all.map((c) => [c.key, c]));
  const keys = [...new Set([...always, ...wanted])];
  const unknown = keys.filter((k) => !byKey.has(k));
  return { columns: keys.filter((k) => byKey.has(k)).map((k) => byKey.get(k)!), unknown };
}

/**
 * Chunks one after another, the next one already being read while the caller writes the current
 * one (the database and the writer work at the same time). `fetch` gets the previous chunk's cursor.
 */
export function prefetching<C, R>(
  fetch: (cursor: C | undefined) => Promise<{ rows: R[]; cursor: C | null }>,
): () => Promise<R[] | null> {
  let ahead: Promise<{ rows: R[]; cursor: C | null }> | null = fetch(undefined);
  // A chunk read ahead for a reader that stopped must not become an unhandled rejection.
  ahead.catch(() => {});
  return async () => {
    if (!ahead) return null;
    const { rows, cursor } = await ahead;
    ahead = cursor === null ? null : fetch(cursor);
    ahead?.catch(() => {});
    return rows.length || ahead ? rows : null;
  };
}
