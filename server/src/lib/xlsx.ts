import ExcelJS from 'exceljs';
import { neutraliseCell, toCsv, type ExportColumn } from './export-cells.ts';

/** An .xlsx workbook of one sheet, every cell written as text after formula neutralising. */
export async function toXlsx<T>(sheet: string, columns: ExportColumn<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of rows) ws.addRow(columns.map((c) => neutraliseCell(c.value(row))));
  ws.columns.forEach((col) => (col.width = 20));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An export in the format the caller asked for. */
export function toSpreadsheet<T>(
  format: 'csv' | 'xlsx',
  sheet: string,
  columns: ExportColumn<T>[],
  rows: T[],
): string | Promise<Buffer> {
  return format === 'csv' ? toCsv(columns, rows) : toXlsx(sheet, columns, rows);
}
