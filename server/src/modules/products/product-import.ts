// Pure: one spreadsheet row of the catalogue → a product, with every problem named by field.
import type { FieldError } from '../../lib/errors.ts';
import type { ImportField, MappedRow } from '../imports/index.ts';
import { parseAmount } from '../imports/index.ts';
import { splitCategoryPath } from './product-input.ts';

type ProductStatus = 'active' | 'discontinued' | 'draft';

const f = (
  key: string,
  zh: string,
  en: string,
  required: boolean,
  type: ImportField['type'],
  aliases: string[],
): ImportField => ({ key, label: { 'zh-CN': zh, en }, required, type, aliases });

export const PRODUCT_IMPORT_FIELDS: ImportField[] = [
  f('sku', '货号', 'SKU', true, 'text', [
    '货号',
    '产品编号',
    '编码',
    '型号',
    'SKU',
    'Item no',
    'Product code',
    'Code',
  ]),
  f('name', '名称', 'Name', true, 'text', ['名称', '产品名称', '品名', '中文名称', 'Name', 'Product name']),
  f('nameEn', '英文名称', 'English name', false, 'text', ['英文名称', '英文名', 'English name', 'Name (EN)']),
  f('category', '分类', 'Category', false, 'text', ['分类', '产品分类', '类别', '品类', 'Category']),
  f('unit', '单位', 'Unit', false, 'text', ['单位', '计量单位', 'Unit', 'UoM']),
  f('listPrice', '标准价', 'List price', false, 'number', [
    '标准价',
    '价格',
    '单价',
    '售价',
    '指导价',
    'List price',
    'Price',
  ]),
  f('cost', '成本', 'Cost', false, 'number', ['成本', '成本价', '进价', 'Cost']),
  f('currency', '币种', 'Currency', false, 'text', ['币种', '货币', 'Currency']),
  f('taxRate', '税率', 'Tax rate', false, 'number', ['税率', '税率%', '增值税率', 'Tax rate', 'VAT']),
  f('status', '状态', 'Status', false, 'choice', ['状态', '产品状态', 'Status']),
  f('productLine', '产品线', 'Product line', false, 'text', ['产品线', 'Product line']),
];

export interface ProductImportValue {
  sku: string;
  name: string;
  nameEn: string | null;
  /** Category names from the root ("家电/厨房电器" → ["家电", "厨房电器"]); empty: none. */
  category: string[];
  unit: string | undefined;
  listPrice: string | undefined;
  cost: string | undefined;
  currency: string | undefined;
  taxRate: string | undefined;
  status: ProductStatus | undefined;
  productLine: string | null | undefined;
}

const STATUS_WORDS: Record<string, ProductStatus> = {
  active: 'active',
  在售: 'active',
  启用: 'active',
  正常: 'active',
  discontinued: 'discontinued',
  停产: 'discontinued',
  停售: 'discontinued',
  下架: 'discontinued',
  draft: 'draft',
  草稿: 'draft',
  待上市: 'draft',
};

export interface ProductImportPrepared {
  /** productLine dictionary: key, and both labels lowercased → key. */
  productLines: Map<string, string>;
  /** The importer may not see the cost: a cost column is an error. */
  costHidden: boolean;
}

export function productFromRow(
  p: ProductImportPrepared,
  row: MappedRow,
): { value: ProductImportValue | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const sku = (row.get('sku') ?? '').normalize('NFKC').trim();
  if (!sku) errors.push({ field: 'sku', code: 'required' });
  else if (sku.length > 64) errors.push({ field: 'sku', code: 'maxLength', params: { limit: 64 } });
  else if (/\s/.test(sku)) errors.push({ field: 'sku', code: 'pattern' });
  const name = (row.get('name') ?? '').trim();
  if (!name) errors.push({ field: 'name', code: 'required' });
  else if (name.length > 200) errors.push({ field: 'name', code: 'maxLength', params: { limit: 200 } });
  const money = (key: 'listPrice' | 'cost' | 'taxRate') => {
    const text = row.get(key);
    if (!text) return undefined;
    const v = parseAmount(key === 'taxRate' ? text.replace(/%$/, '') : text);
    if (v === null) errors.push({ field: key, code: 'decimal', params: { places: 2 } });
    else if (v.startsWith('-')) errors.push({ field: key, code: 'minimum', params: { limit: 0 } });
    else if (key === 'taxRate' && Number(v) > 100)
      errors.push({ field: key, code: 'maximum', params: { limit: 100 } });
    else return v;
    return undefined;
  };
  const listPrice = money('listPrice');
  const cost = money('cost');
  if (cost !== undefined && p.costHidden) errors.push({ field: 'cost', code: 'readOnly' });
  const taxRate = money('taxRate');
  const currencyText = row.get('currency')?.trim();
  const currency = currencyText
    ?.toUpperCase()
    .replace(/^(人民币|RMB)$/, 'CNY')
    .replace(/^美元$/, 'USD')
    .replace(/^欧元$/, 'EUR');
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
    errors.push({ field: 'currency', code: 'invalid' });
  const statusText = row.get('status')?.trim();
  const status = statusText ? STATUS_WORDS[statusText.toLowerCase()] : undefined;
  if (statusText && !status)
    errors.push({ field: 'status', code: 'enum', params: { allowed: ['在售', '停产', '草稿'] } });
  const lineText = row.get('productLine')?.trim();
  const productLine = lineText ? (p.productLines.get(lineText.toLowerCase()) ?? null) : undefined;
  if (lineText && !productLine) errors.push({ field: 'productLine', code: 'notInDictionary' });
  const category = splitCategoryPath(row.get('category') ?? '');
  if (category.some((c) => c.length > 100))
    errors.push({ field: 'category', code: 'maxLength', params: { limit: 100 } });
  const unit = row.get('unit')?.trim().slice(0, 20) || undefined;
  if (errors.length) return { value: null, errors };
  return {
    value: {
      sku,
      name,
      nameEn: row.get('nameEn')?.trim().slice(0, 200) || null,
      category,
      unit,
      listPrice,
      cost,
      currency,
      taxRate,
      status,
      productLine,
    },
    errors,
  };
}
