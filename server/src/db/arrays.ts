/**
 * A PostgreSQL array literal for one bound parameter ('{"a","b"}'), cast in SQL (::text[], ::uuid[]).
 * Drizzle would spread a JS array into one parameter per element; a literal keeps it one, whatever the size.
 */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
