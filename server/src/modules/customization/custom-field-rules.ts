// Pure: custom-field definitions × submitted values → normalised values and field errors.
import type { FieldError } from '../../lib/errors.ts';

/** The same shapes as the table's (pure files take plain data, not table types). */
export interface LocalLabel {
  'zh-CN': string;
  en: string;
}
export type CustomFieldType = 'text' | 'number' | 'date' | 'choice' | 'multiChoice';
export interface CustomFieldOption {
  key: string;
  label: LocalLabel;
}

export const CUSTOM_FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const CUSTOM_FIELD_ENTITIES = ['customers', 'contacts'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

/** What the rules need to know about a definition. */
export interface FieldDef {
  key: string;
  label: LocalLabel;
  type: CustomFieldType;
  required: boolean;
  options: CustomFieldOption[];
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isYmd(v: string): boolean {
  const m = YMD.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && !v.length);

type Normalised = { ok: true; value: unknown } | { ok: false; code: string };

/** One value against its definition (empty values are handled by the caller). */
export function normaliseValue(def: FieldDef, v: unknown): Normalised {
  const keys = new Set(def.options.map((o) => o.key));
  switch (def.type) {
    case 'text':
      return typeof v === 'string' && v.length <= 2000
        ? { ok: true, value: v.trim() }
        : { ok: false, code: 'invalid' };
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, code: 'number' };
    }
    case 'date':
      return typeof v === 'string' && isYmd(v.trim())
        ? { ok: true, value: v.trim() }
        : { ok: false, code: 'date' };
    case 'choice':
      return typeof v === 'string' && keys.has(v) ? { ok: true, value: v } : { ok: false, code: 'choice' };
    case 'multiChoice': {
      const list = Array.isArray(v) ? v : [v];
      if (!list.every((x) => typeof x === 'string' && keys.has(x))) return { ok: false, code: 'choice' };
      return { ok: true, value: [...new Set(list as string[])] };
    }
  }
}

const error = (def: FieldDef | undefined, key: string, code: string): FieldError => ({
  field: `customFields.${key}`,
  code,
  params: def ? { labels: def.label } : {},
});

/**
 * Checks `values` against the entity's definitions. With `partial`, `values` is the stored
 * record merged with the patch (the caller merges), so required fields are checked on the
 * result too. Unknown keys are refused; empty values are dropped.
 */
export function validateCustomFields(
  defs: FieldDef[],
  values: Record<string, unknown>,
  opts: { partial?: boolean; stored?: Record<string, unknown> } = {},
): { values: Record<string, unknown>; errors: FieldError[] } {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  // On a patch, stored values of fields deleted since are kept untouched (they are not the caller's).
  const base = opts.partial ? (opts.stored ?? {}) : {};
  for (const [key, v] of Object.entries(base)) if (!byKey.has(key)) out[key] = v;
  const merged = { ...base, ...values };
  for (const key of Object.keys(values))
    if (!byKey.has(key)) errors.push(error(undefined, key, 'unknownField'));
  for (const def of defs) {
    const v = merged[def.key];
    if (isEmpty(v)) {
      if (def.required) errors.push(error(def, def.key, 'required'));
      continue;
    }
    if (opts.partial && !(def.key in values)) {
      out[def.key] = v; // unchanged stored value
      continue;
    }
    const r = normaliseValue(def, v);
    if (r.ok) out[def.key] = r.value;
    else errors.push(error(def, def.key, r.code));
  }
  return { values: out, errors };
}

/** The value a custom field shows in a spreadsheet, in the reader's language. */
export function displayValue(def: FieldDef, v: unknown, locale: keyof LocalLabel): string {
  if (v === undefined || v === null) return '';
  const label = (k: unknown) => def.options.find((o) => o.key === k)?.label[locale] ?? String(k);
  if (def.type === 'choice') return label(v);
  if (def.type === 'multiChoice' && Array.isArray(v)) return v.map(label).join(', ');
  return String(v);
}
