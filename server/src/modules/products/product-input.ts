// Pure: checks and normalises what a product or price-list write carries; every problem names its field.
import type { FieldError } from '../../lib/errors.ts';
import { fromCents, isDecimal, toCents } from '../../lib/money.ts';

/** "1234.5" → "1234.50"; a non-decimal, more than two places, or a negative amount → a field error. */
export function moneyField(
  field: string,
  value: string | null | undefined,
  errors: FieldError[],
  opts: { max?: string } = {},
): string | null | undefined {
  if (value === null || value === undefined) return value;
  const s = value.trim().replace(/,/g, '');
  if (!isDecimal(s, 2)) {
    errors.push({ field, code: 'decimal', params: { places: 2 } });
    return undefined;
  }
  const cents = toCents(s);
  if (cents < 0n) {
    errors.push({ field, code: 'minimum', params: { limit: 0 } });
    return undefined;
  }
  if (opts.max !== undefined && cents > toCents(opts.max)) {
    errors.push({ field, code: 'maximum', params: { limit: opts.max } });
    return undefined;
  }
  if (cents >= 10n ** 18n) {
    errors.push({ field, code: 'maximum', params: { limit: '9999999999999999.99' } });
    return undefined;
  }
  return fromCents(cents);
}

export interface ProductWrite {
  sku?: string;
  name?: string;
  nameEn?: string | null;
  unit?: string;
  listPrice?: string;
  cost?: string | null;
  currency?: string;
  taxRate?: string;
  productLine?: string | null;
  description?: string | null;
}

const blankToNull = (s: string | null | undefined) => (s === undefined ? undefined : s?.trim() || null);

/** The stored values of a product write (only the fields it carries), or its field errors. */
export function normaliseProduct(input: ProductWrite): {
  set: Record<string, unknown>;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const set: Record<string, unknown> = {};
  if (input.sku !== undefined) {
    const sku = input.sku.normalize('NFKC').trim();
    if (!sku) errors.push({ field: 'sku', code: 'required' });
    else if (/\s/.test(sku)) errors.push({ field: 'sku', code: 'pattern' });
    set.sku = sku;
  }
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (!name) errors.push({ field: 'name', code: 'required' });
    set.name = name;
  }
  if (input.nameEn !== undefined) set.nameEn = blankToNull(input.nameEn);
  if (input.unit !== undefined) {
    const unit = input.unit.trim();
    if (!unit) errors.push({ field: 'unit', code: 'required' });
    set.unit = unit;
  }
  const listPrice = moneyField('listPrice', input.listPrice, errors);
  if (listPrice !== undefined) set.listPrice = listPrice;
  if (input.cost !== undefined) {
    const cost = moneyField('cost', input.cost, errors);
    if (cost !== undefined) set.cost = cost;
  }
  const taxRate = moneyField('taxRate', input.taxRate, errors, { max: '100' });
  if (taxRate !== undefined) set.taxRate = taxRate;
  if (input.currency !== undefined) set.currency = input.currency;
  if (input.productLine !== undefined) set.productLine = blankToNull(input.productLine);
  if (input.description !== undefined) set.description = blankToNull(input.description);
  return { set, errors };
}

/** validFrom ≤ validTo when both are given; each a real calendar day. */
export function checkValidity(
  validFrom: string | null | undefined,
  validTo: string | null | undefined,
  errors: FieldError[],
): void {
  const real = (s: string) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  };
  if (validFrom && !real(validFrom)) errors.push({ field: 'validFrom', code: 'date' });
  if (validTo && !real(validTo)) errors.push({ field: 'validTo', code: 'date' });
  if (validFrom && validTo && validTo < validFrom) errors.push({ field: 'validTo', code: 'afterFrom' });
}

/** Materialised path of a category: its ancestors' ids and its own, "/root/child/". */
export const categoryPath = (parentPath: string | null, id: string) => `${parentPath ?? '/'}${id}/`;

/** A category cannot move under itself or one of its descendants. */
export const wouldCreateCycle = (movingPath: string, newParentPath: string) =>
  newParentPath.startsWith(movingPath);

/** "家电 / 厨房电器" → ["家电", "厨房电器"] (slash or ＞ / > separated, blanks dropped). */
export function splitCategoryPath(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[/>\\|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
