// Pure: a saved view's config checked against the list it belongs to (its query schema's properties).
import type { FieldError } from '../../lib/errors.ts';

/** The parts of a JSON schema property the check reads. */
export interface ParamSchema {
  enum?: unknown[];
  type?: string;
  maxLength?: number;
  pattern?: string;
}

export interface ListShape {
  /** The list query's parameters (JSON schema properties). */
  params: Record<string, ParamSchema>;
  /** Allowed sort fields (a leading "-" sorts descending). */
  sorts: readonly string[];
  /** Column keys the list can show. */
  columns: readonly string[];
}

/** Paging is no part of a view. */
const NOT_FILTERS = new Set(['limit', 'cursor', 'sort']);

function valueOk(schema: ParamSchema, v: string): boolean {
  if (schema.enum) return schema.enum.includes(v);
  if (schema.type === 'boolean') return v === 'true' || v === 'false';
  if (schema.type === 'integer') return /^-?\d+$/.test(v);
  if (schema.maxLength !== undefined && v.length > schema.maxLength) return false;
  if (schema.pattern && !new RegExp(schema.pattern).test(v)) return false;
  return true;
}

/**
 * Filters must be parameters of the list (custom-field ones, `cf.*`, are returned for the caller to
 * check against the field definitions), the sort one the list offers, columns ones it shows.
 */
export function checkViewConfig(
  shape: ListShape,
  config: { filters: Record<string, string | string[]>; sort?: string | null; columns?: string[] },
): { errors: FieldError[]; cfFilters: Record<string, string> } {
  const errors: FieldError[] = [];
  const cfFilters: Record<string, string> = {};
  for (const [key, raw] of Object.entries(config.filters)) {
    const field = `config.filters.${key}`;
    const values = Array.isArray(raw) ? raw : [raw];
    if (key.startsWith('cf.')) {
      if (values.length !== 1) errors.push({ field, code: 'invalid' });
      else cfFilters[key] = values[0]!;
      continue;
    }
    const schema = shape.params[key];
    if (!schema || NOT_FILTERS.has(key)) errors.push({ field, code: 'unknownFilter' });
    else if (values.length !== 1 || !valueOk(schema, values[0]!)) errors.push({ field, code: 'invalid' });
  }
  if (config.sort) {
    const name = config.sort.replace(/^-/, '');
    if (!name.startsWith('cf.') && !shape.sorts.includes(name))
      errors.push({ field: 'config.sort', code: 'enum', params: { allowed: shape.sorts } });
  }
  (config.columns ?? []).forEach((c, i) => {
    if (!c.startsWith('cf.') && !shape.columns.includes(c))
      errors.push({ field: `config.columns[${i}]`, code: 'invalid' });
  });
  return { errors, cfFilters };
}
