export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

const IGNORED = new Set([
  'version',
  'updatedAt',
  'updatedBy',
  'createdAt',
  'createdBy',
  'orgId',
  'passwordHash',
  'authEpoch',
]);

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function plain(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : (v ?? null);
}

/** Field-by-field difference between two versions of a record (secrets and bookkeeping left out). */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (IGNORED.has(field)) continue;
    const o = before?.[field];
    const n = after?.[field];
    if (!same(o, n)) changes.push({ field, old: plain(o), new: plain(n) });
  }
  return changes;
}
