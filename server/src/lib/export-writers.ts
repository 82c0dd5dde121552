// Streaming spreadsheet writers: rows in, bytes out to a Writable, with backpressure. No database, no HTTP.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { neutraliseCell } from './export-cells.ts';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportEncoding = 'utf-8' | 'gbk';

export interface SheetWriter {
  /** Writes rows (every cell neutralised); resolves once the destination wants more. */
  write(rows: unknown[][]): Promise<void>;
  /** Finishes the file (the xlsx central directory); resolves when everything is flushed. */
  end(): Promise<void>;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text with CRLF line ends, every cell neutralised. */
export function csvLines(rows: unknown[][]): string {
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      if (i) line += ',';
      line += csvField(neutraliseCell(row[i]));
    }
    out += `${line}\r\n`;
  }
  return out;
}

/** Waits for 'drain' when the destination's buffer is full; rejects if it closes first. */
async function flushed(out: Writable, ok: boolean): Promise<void> {
  if (ok || out.destroyed) return;
  const ac = new AbortController();
  await Promise.race([
    once(out, 'drain', { signal: ac.signal }),
    once(out, 'close', { signal: ac.signal }).then(() => {
      throw new Error('export destination closed');
    }),
  ]).finally(() => ac.abort());
}

/**
 * CSV in UTF-8 with a BOM (Excel then reads Chinese right), or GBK for older Excel (iconv-lite:
 * a character GBK lacks becomes '?'). Each batch of rows is one string and one encode.
 */
export function csvWriter(out: Writable, headers: string[], encoding: ExportEncoding = 'utf-8'): SheetWriter {
  const encode = (s: string) => (encoding === 'gbk' ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  let pending: string | null = `${encoding === 'gbk' ? '' : '\uFEFF'}${csvLines([headers])}`;
  return {
    async write(rows) {
      const text = (pending ?? '') + csvLines(rows);
      pending = null;
      await flushed(out, out.write(encode(text)));
    },
    async end() {
      if (pending !== null) out.write(encode(pending));
      out.end();
      if (!out.writableFinished) await once(out, 'finish');
    },
  };
}

/**
 * .xlsx through ExcelJS's streaming writer: rows are committed as they come (no shared strings, no
 * styles, so nothing grows with the row count) and the zip is written to `out` as it fills.
 */
export function xlsxWriter(out: Writable, headers: string[], sheetName: string): SheetWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers).commit();
  return {
    async write(rows) {
      for (const row of rows) ws.addRow(row.map(neutraliseCell)).commit();
      await flushed(out, !out.writableNeedDrain);
    },
    async end() {
      ws.commit();
      await wb.commit();
    },
  };
}

export function sheetWriter(
  format: ExportFormat,
  out: Writable,
  headers: string[],
  opts: { encoding?: ExportEncoding; sheetName: string },
): SheetWriter {
  return format === 'csv' ? csvWriter(out, headers, opts.encoding) : xlsxWriter(out, headers, opts.sheetName);
}
