// Pure: list query parameters `cf.<key>`, `cf.<key>.gte|lte` and sort `cf.<key>` → typed conditions.
import type { FieldError } from '../../lib/errors.ts';
import { isYmd, type FieldDef } from './custom-field-rules.ts';

/** Query parameters a list accepts besides its schema's own: custom-field filters. */
export const CF_PARAM = '^cf\\.[a-z][a-zA-Z0-9_]{0,39}(\\.(gte|lte))?$';

export type CfKind = 'text' | 'number' | 'list';

export interface CfCondition {
  key: string;
  kind: CfKind;
  op: 'eq' | 'gte' | 'lte' | 'contains';
  value: string | number;
}

export interface CfSort {
  key: string;
  kind: Exclude<CfKind, 'list'>;
  desc: boolean;
}

/** How a field's values compare in SQL: numbers numerically, dates and texts as text. */
export function cfKind(def: FieldDef): CfKind {
  if (def.type === 'number') return 'number';
  if (def.type === 'multiChoice') return 'list';
  return 'text';
}

const unknown = (param: string): FieldError => ({ field: param, code: 'unknownFilter' });

/** `cf.*` entries of a query → conditions; every parameter that names no field or misuses one → an error. */
export function parseCfFilters(
  defs: FieldDef[],
  query: Record<string, unknown>,
): { conditions: CfCondition[]; errors: FieldError[] } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const conditions: CfCondition[] = [];
  const errors: FieldError[] = [];
  for (const [param, raw] of Object.entries(query)) {
    if (!param.startsWith('cf.')) continue;
    const [, key = '', range] = param.split('.');
    const def = byKey.get(key);
    if (!def) {
      errors.push(unknown(param));
      continue;
    }
    const kind = cfKind(def);
    const op = range === 'gte' || range === 'lte' ? range : kind === 'list' ? 'contains' : 'eq';
    if (range && def.type !== 'number' && def.type !== 'date') {
      errors.push(unknown(param));
      continue;
    }
    const text = String(raw);
    if (kind === 'number') {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) errors.push({ field: param, code: 'number' });
      else conditions.push({ key, kind, op, value: n });
    } else if (def.type === 'date' && !isYmd(text)) errors.push({ field: param, code: 'date' });
    else conditions.push({ key, kind, op, value: text });
  }
  return { conditions, errors };
}

/** `cf.<key>` or `-cf.<key>` → a sort on that field; undefined for other sorts. */
export function parseCfSort(
  defs: FieldDef[],
  sort: string | undefined,
): { sort?: CfSort; error?: FieldError } {
  if (!sort) return {};
  const desc = sort.startsWith('-');
  const name = desc ? sort.slice(1) : sort;
  if (!name.startsWith('cf.')) return {};
  const def = defs.find((d) => `cf.${d.key}` === name);
  if (!def || def.type === 'multiChoice') return { error: { field: 'sort', code: 'unknownFilter' } };
  return { sort: { key: def.key, kind: def.type === 'number' ? 'number' : 'text', desc } };
}

/** The sort value of a record, as the SQL expression computes it (for the cursor). */
export function cfSortValue(s: CfSort, customFields: Record<string, unknown>): string | number | null {
  const v = customFields[s.key];
  if (s.kind === 'number') return typeof v === 'number' ? v : null;
  return typeof v === 'string' ? v : null;
}
