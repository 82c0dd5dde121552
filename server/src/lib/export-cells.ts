// Pure helpers for spreadsheet exports.

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading quote. */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s =
    value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(', ') : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
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
