// Pure: one spreadsheet row of trade statistics → a market figure, with every problem named by field.
import type { FieldError } from '../../lib/errors.ts';
import type { ImportField, MappedRow } from '../imports/index.ts';
import { parseAmount, parseNumber } from '../imports/index.ts';
import { parseRegion } from './countries.ts';

export const MARKET_IMPORT_FIELDS: ImportField[] = [
  {
    key: 'region',
    label: { 'zh-CN': '地区/国家', en: 'Region / country' },
    required: true,
    type: 'text',
    aliases: [
      '地区',
      '国家',
      '国家/地区',
      '国别',
      '市场',
      '省份',
      'Region',
      'Country',
      'Country/Region',
      'Market',
      'Partner',
    ],
  },
  {
    key: 'category',
    label: { 'zh-CN': '品类', en: 'Category' },
    required: true,
    type: 'text',
    aliases: [
      '品类',
      '类别',
      '产品类别',
      '商品类别',
      '商品',
      'Category',
      'Product category',
      'Product',
      'Commodity',
    ],
  },
  {
    key: 'year',
    label: { 'zh-CN': '年份', en: 'Year' },
    required: true,
    type: 'number',
    aliases: ['年份', '年度', '年', 'Year', 'Period'],
  },
  {
    key: 'importValue',
    label: { 'zh-CN': '进口额', en: 'Import value' },
    required: true,
    type: 'number',
    aliases: ['进口额', '进口金额', '进口值', '金额', 'Import value', 'Imports', 'Trade value', 'Value'],
  },
  {
    key: 'currency',
    label: { 'zh-CN': '币种', en: 'Currency' },
    required: false,
    type: 'text',
    aliases: ['币种', '货币', '币制', 'Currency'],
  },
  {
    key: 'source',
    label: { 'zh-CN': '来源', en: 'Source' },
    required: false,
    type: 'text',
    aliases: ['来源', '数据来源', '出处', 'Source', 'Data source'],
  },
];

export interface MarketImportValue {
  region: string;
  category: string;
  year: number;
  importValue: string;
  currency: string;
  source: string | null;
}

export const keyOf = (v: { region: string; category: string; year: number }) =>
  `${v.region}\u0000${v.category}\u0000${v.year}`;

export function marketStatFromRow(row: MappedRow): { value: MarketImportValue | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const regionText = row.get('region') ?? '';
  const region = parseRegion(regionText);
  if (!regionText) errors.push({ field: 'region', code: 'required' });
  else if (!region) errors.push({ field: 'region', code: 'unknownRegion' });
  const category = (row.get('category') ?? '').trim();
  if (!category) errors.push({ field: 'category', code: 'required' });
  else if (category.length > 100)
    errors.push({ field: 'category', code: 'maxLength', params: { limit: 100 } });
  const yearText = row.get('year') ?? '';
  const year = parseNumber(yearText.replace(/年$/, ''));
  if (!yearText) errors.push({ field: 'year', code: 'required' });
  else if (year === null || !Number.isInteger(year) || year < 1900 || year > 2100)
    errors.push({ field: 'year', code: 'yearRange' });
  const valueText = row.get('importValue') ?? '';
  const importValue = valueText ? parseAmount(valueText.replace(/\s*(USD|US\$|美元)$/i, '')) : null;
  if (!valueText) errors.push({ field: 'importValue', code: 'required' });
  else if (importValue === null || importValue.startsWith('-'))
    errors.push({ field: 'importValue', code: 'number' });
  const currency = (row.get('currency') ?? 'USD')
    .trim()
    .toUpperCase()
    .replace(/^美元$/, 'USD')
    .replace(/^人民币$|^RMB$/, 'CNY');
  if (!/^[A-Z]{3}$/.test(currency)) errors.push({ field: 'currency', code: 'invalid' });
  const source = row.get('source')?.trim().slice(0, 200) || null;
  if (errors.length) return { value: null, errors };
  return {
    value: { region: region!, category, year: year!, importValue: importValue!, currency, source },
    errors,
  };
}
