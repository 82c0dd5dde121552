// Pure: a file's header row → the entity's fields, by label, key or known alias, in either language.
import type { ImportField } from './import-entity.ts';
import type { ColumnMapping } from './import-types.ts';

/** Case, width, spaces, punctuation and "required" markers do not matter: 客户名称（必填）* = 客户名称. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（]\s*(必填|选填|可选|required|optional)\s*[)）]/g, '')
    .replace(/[\s*_\-.:：/\\()（）[\]【】#"'“”‘’]/g, '');
}

/** Each field is taken by the first column that names it; other columns are ignored. */
export function suggestMapping(headers: readonly string[], fields: readonly ImportField[]): ColumnMapping[] {
  const byName = new Map<string, string>();
  for (const f of fields)
    for (const name of [f.key, f.label.en, f.label['zh-CN'], ...f.aliases]) {
      const n = normaliseHeader(name);
      if (n && !byName.has(n)) byName.set(n, f.key);
    }
  // A list field (phones, emails, tags) may gather several columns: 手机 and 座机 both become phones.
  const lists = new Set(fields.filter((f) => f.type === 'list').map((f) => f.key));
  const taken = new Set<string>();
  return headers.map((header, column) => {
    const field = byName.get(normaliseHeader(header)) ?? null;
    if (!field || (taken.has(field) && !lists.has(field))) return { column, header, field: null };
    taken.add(field);
    return { column, header, field };
  });
}

/**
 * api.md's mapping form (header → field) or a saved template's pairs, applied to this file's
 * headers; headers it does not name keep the suggestion. Unknown fields are reported.
 */
export function mappingFromHeaders(
  headers: readonly string[],
  pairs: readonly { header: string; field: string | null }[],
  fields: readonly ImportField[],
): { mapping: ColumnMapping[]; unknownFields: string[] } {
  const known = new Set(fields.map((f) => f.key));
  const unknownFields = pairs.filter((p) => p.field !== null && !known.has(p.field)).map((p) => p.field!);
  const wanted = new Map(pairs.map((p) => [normaliseHeader(p.header), p.field]));
  const suggested = suggestMapping(headers, fields);
  const mapping = suggested.map((m) => {
    const n = normaliseHeader(m.header);
    return wanted.has(n) ? { ...m, field: wanted.get(n)! } : m;
  });
  return { mapping, unknownFields };
}

/** Problems of a mapping: unknown fields, a field mapped twice, a required field not mapped. */
export function checkMapping(
  mapping: readonly ColumnMapping[],
  headers: readonly string[],
  fields: readonly ImportField[],
): { field: string; code: string; params?: Record<string, unknown> }[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const errors: { field: string; code: string; params?: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  for (const m of mapping) {
    if (!Number.isInteger(m.column) || m.column < 0 || m.column >= headers.length)
      errors.push({ field: 'mapping', code: 'unknownColumn', params: { column: m.column } });
    if (m.field === null) continue;
    if (!byKey.has(m.field))
      errors.push({ field: 'mapping', code: 'unknownImportField', params: { name: m.field } });
    else if (seen.has(m.field) && byKey.get(m.field)!.type !== 'list')
      errors.push({ field: 'mapping', code: 'mappedTwice', params: { name: byKey.get(m.field)!.label } });
    seen.add(m.field);
  }
  for (const f of fields)
    if (f.required && !seen.has(f.key))
      errors.push({ field: 'mapping', code: 'requiredNotMapped', params: { name: f.label } });
  return errors;
}

/** The mapped, non-empty cells of one row. Field keys come from the entity, never from the file. */
export function mapRow(mapping: readonly ColumnMapping[], cells: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of mapping) {
    if (m.field === null) continue;
    const v = (cells[m.column] ?? '').trim();
    if (v === '') continue;
    // Only list fields can be mapped from several columns (checkMapping): their cells are joined.
    const prev = out.get(m.field);
    out.set(m.field, prev === undefined ? unneutralise(v) : `${prev};${unneutralise(v)}`);
  }
  return out;
}

/**
 * Our exports put a quote before cells a spreadsheet would run ('=SUM…); importing such a file
 * back gives the original text. A quote before anything else is kept.
 */
export function unneutralise(v: string): string {
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}
