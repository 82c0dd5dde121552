import { FileRefused, type ReadLimits } from './source.ts';

/** A row with nothing but blanks carries no data (Excel exports trailing ",,,," lines). */
export function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.length > 0 && cell.trim().length > 0) return false;
  return true;
}

/** Header cells trimmed; trailing empty headers (formatted but unused columns) dropped. */
export function toHeaders(cells: readonly string[]): string[] {
  const headers = cells.map((cell) => cell.trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return headers;
}

/** Pads a row to the header width with ''; longer rows keep their cells, minus trailing empty ones. */
export function shapeRow(cells: string[], width: number): string[] {
  if (cells.length < width) {
    for (let i = cells.length; i < width; i++) cells.push('');
    return cells;
  }
  let end = cells.length;
  while (end > width && cells[end - 1] === '') end--;
  if (end < cells.length) cells.length = end;
  return cells;
}

/**
 * The rows of a source from its raw records: the first non-blank record is the header row, blank records
 * are skipped, more than limits.maxRows data rows is refused while streaming.
 */
export async function splitHeader(
  records: AsyncIterator<string[][]>,
  limits: ReadLimits,
): Promise<{ headers: string[]; rows: AsyncIterable<string[]> }> {
  let batch: string[][] = [];
  let index = 0;
  let headers: string[] | null = null;
  while (headers === null) {
    if (index >= batch.length) {
      const next = await records.next();
      if (next.done) throw new FileRefused('empty', {});
      batch = next.value;
      index = 0;
      continue;
    }
    const record = batch[index++]!;
    if (!isBlankRow(record)) headers = toHeaders(record);
  }
  const width = headers.length;
  const rest = batch.slice(index);
  async function* rows(): AsyncGenerator<string[]> {
    let count = 0;
    let current = rest;
    try {
      for (;;) {
        for (const record of current) {
          if (isBlankRow(record)) continue;
          if (++count > limits.maxRows) throw new FileRefused('tooManyRows', { limit: limits.maxRows });
          yield shapeRow(record, width);
        }
        const next = await records.next();
        if (next.done) return;
        current = next.value;
      }
    } finally {
      await records.return?.();
    }
  }
  return { headers, rows: rows() };
}
