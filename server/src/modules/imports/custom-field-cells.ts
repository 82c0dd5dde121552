// Pure: the administrator's custom fields in an import — their columns and their cells' values.
import type { FieldError } from '../../lib/errors.ts';
import { validateCustomFields, type FieldDef } from '../customization/index.ts';
import { parseDate, parseNumber, splitList } from './cells.ts';
import type { ImportField, MappedRow } from './import-entity.ts';

/** One import field per definition, `cf.<key>`, labelled as the administrator labelled it. */
export function customImportFields(defs: readonly FieldDef[]): ImportField[] {
  return defs.map((d) => ({
    key: `cf.${d.key}`,
    required: d.required,
    type: d.type === 'multiChoice' ? 'list' : d.type === 'choice' ? 'choice' : d.type,
    label: d.label,
    aliases: [d.key],
  }));
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** A cell as the definition's type: numbers, dates in the usual spellings, options by key or either label. */
function cellValue(def: FieldDef, raw: string): { value?: unknown; code?: string } {
  const option = (s: string) =>
    def.options.find((o) => o.key === s || norm(o.label['zh-CN']) === norm(s) || norm(o.label.en) === norm(s))
      ?.key;
  switch (def.type) {
    case 'number': {
      const n = parseNumber(raw);
      return n === null ? { code: 'number' } : { value: n };
    }
    case 'date': {
      const d = parseDate(raw);
      return d === null ? { code: 'date' } : { value: d };
    }
    case 'choice': {
      const k = option(raw);
      return k === undefined ? { code: 'choice' } : { value: k };
    }
    case 'multiChoice': {
      const keys = splitList(raw).map(option);
      return keys.some((k) => k === undefined) ? { code: 'choice' } : { value: keys };
    }
    default:
      return { value: raw };
  }
}

/**
 * The row's custom-field values checked against their definitions. `partial` (upsert): required
 * fields are checked later, when a row turns out to create. `values` is undefined when the row
 * gives none and nothing is required of it.
 */
export function customFieldsFromRow(
  defs: readonly FieldDef[],
  row: MappedRow,
  partial: boolean,
): { values: Record<string, unknown> | undefined; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const given: Record<string, unknown> = {};
  for (const def of defs) {
    const raw = row.get(`cf.${def.key}`);
    if (raw === undefined) continue;
    const r = cellValue(def, raw);
    if (r.code)
      errors.push({ field: `customFields.${def.key}`, code: r.code, params: { labels: def.label } });
    else given[def.key] = r.value;
  }
  const checked = validateCustomFields(defs as FieldDef[], given, { partial, stored: {} });
  const named = new Set(errors.map((e) => e.field));
  errors.push(...checked.errors.filter((e) => !named.has(e.field)));
  return { values: Object.keys(given).length || !partial ? checked.values : undefined, errors };
}

/** A built-in field as entities list it: key, required, type, then the Chinese and English labels and aliases. */
export type BuiltinField = readonly [
  key: string,
  required: boolean,
  type: ImportField['type'],
  labels: readonly [zh: string, en: string, ...aliases: string[]],
];

/** An entity's import fields: its built-in ones, then one per custom-field definition. */
export function importFields(builtin: readonly BuiltinField[], defs: readonly FieldDef[]): ImportField[] {
  return [
    ...builtin.map(([key, required, type, [zh, en, ...aliases]]) => ({
      key,
      required,
      type,
      label: { 'zh-CN': zh, en },
      aliases,
    })),
    ...customImportFields(defs),
  ];
}
