// Pure: one spreadsheet row of a dealer's monthly report → a report input, every problem named by field.
import type { FieldError } from '../../lib/errors.ts';
import type { ImportField, MappedRow } from '../imports/index.ts';
import { parseMonth, qty, quantityErrors, type QuantityField } from './dealer-report-rules.ts';

const field = (
  key: string,
  zh: string,
  en: string,
  required: boolean,
  type: ImportField['type'],
  aliases: string[],
): ImportField => ({ key, label: { 'zh-CN': zh, en }, required, type, aliases });

export const DEALER_IMPORT_FIELDS: ImportField[] = [
  field('customerCode', '客户编码', 'Customer code', false, 'text', [
    '客户编码',
    '客户代码',
    '经销商编码',
    'Customer code',
    'Dealer code',
    'Customer no',
  ]),
  field('customerName', '客户名称', 'Customer name', false, 'text', [
    '客户名称',
    '客户',
    '经销商',
    '经销商名称',
    'Customer name',
    'Customer',
    'Dealer',
    'Dealer name',
  ]),
  field('sku', '产品编码', 'SKU', true, 'text', [
    'SKU',
    '产品编码',
    '产品代码',
    '物料编码',
    '货号',
    'Product code',
    'Item code',
  ]),
  field('month', '月份', 'Month', true, 'text', ['月份', '月', '年月', '期间', 'Month', 'Period']),
  field('openingStock', '期初库存', 'Opening stock', false, 'number', [
    '期初库存',
    '期初',
    '上月结存',
    'Opening',
    'Opening stock',
  ]),
  field('purchased', '进货', 'Purchased', true, 'number', [
    '进货',
    '进货量',
    '本月进货',
    '采购',
    'Purchased',
    'Sell-in',
    'Sell in',
  ]),
  field('sold', '销售', 'Sold', true, 'number', [
    '销售',
    '销量',
    '本月销售',
    '出货',
    'Sold',
    'Sell-out',
    'Sell out',
    'Sales',
  ]),
  field('closingStock', '期末库存', 'Closing stock', true, 'number', [
    '期末库存',
    '期末',
    '库存',
    '结存',
    'Closing',
    'Closing stock',
    'Stock',
  ]),
  field('categorySales', '品类总销量', 'Category sales', false, 'number', [
    '品类总销量',
    '品类销量',
    '同类总销量',
    'Category sales',
    'Category total',
  ]),
];

export interface DealerImportValue {
  customerCode: string | null;
  customerName: string | null;
  sku: string;
  /** 'YYYY-MM-01' */
  month: string;
  openingStock: string | null;
  purchased: string;
  sold: string;
  closingStock: string;
  categorySales: string | null;
}

const QTY_FIELDS: QuantityField[] = ['openingStock', 'purchased', 'sold', 'closingStock', 'categorySales'];

/** "1,234.5" / "1 234" → "1234.5"; junk stays junk (the rules name it). */
const cleanQty = (s: string) => s.replace(/[,\s，]/g, '');

export function dealerReportFromRow(row: MappedRow): {
  value: DealerImportValue | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const customerCode = row.get('customerCode')?.trim() || null;
  const customerName = row.get('customerName')?.trim() || null;
  if (!customerCode && !customerName) errors.push({ field: 'customerCode', code: 'required' });
  const sku = row.get('sku')?.trim() ?? '';
  if (!sku) errors.push({ field: 'sku', code: 'required' });
  const monthText = row.get('month') ?? '';
  const month = monthText ? parseMonth(monthText) : null;
  if (!monthText) errors.push({ field: 'month', code: 'required' });
  else if (!month) errors.push({ field: 'month', code: 'invalid' });
  const values: Partial<Record<QuantityField, string>> = {};
  for (const f of QTY_FIELDS) {
    const v = row.get(f);
    if (v !== undefined && v.trim() !== '') values[f] = cleanQty(v);
    else if (f === 'purchased' || f === 'sold' || f === 'closingStock')
      errors.push({ field: f, code: 'required' });
  }
  errors.push(...quantityErrors(values));
  if (errors.length) return { value: null, errors };
  return {
    value: {
      customerCode,
      customerName,
      sku,
      month: month!,
      openingStock: values.openingStock ? qty(values.openingStock) : null,
      purchased: qty(values.purchased!),
      sold: qty(values.sold!),
      closingStock: qty(values.closingStock!),
      categorySales: values.categorySales ? qty(values.categorySales) : null,
    },
    errors,
  };
}

export function displayDealerReport(v: DealerImportValue): Record<string, string> {
  const out: Record<string, string> = {
    sku: v.sku,
    month: v.month.slice(0, 7),
    purchased: v.purchased,
    sold: v.sold,
    closingStock: v.closingStock,
  };
  if (v.customerCode) out.customerCode = v.customerCode;
  if (v.customerName) out.customerName = v.customerName;
  if (v.openingStock !== null) out.openingStock = v.openingStock;
  if (v.categorySales !== null) out.categorySales = v.categorySales;
  return out;
}
