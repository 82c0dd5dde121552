// Pure: a form's custom-field values ↔ the `customFields` of create and patch bodies.

const isBlank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && !v.length);

/** Filled custom-field values (texts trimmed); blanks are left out. For a create body. */
export function filledCustomFields(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(values ?? {}))
    if (!isBlank(v)) out[key] = typeof v === 'string' ? v.trim() : v;
  return out;
}

/** For a patch body: only the changed keys, null clearing one; undefined when nothing changed. */
export function changedCustomFields(
  stored: Record<string, unknown> | undefined,
  values: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const filled = filledCustomFields(values);
  const before = stored ?? {};
  const keys = new Set([...Object.keys(filled), ...Object.keys(values ?? {})]);
  const changed = [...keys].filter(
    (k) => JSON.stringify(filled[k] ?? null) !== JSON.stringify(isBlank(before[k]) ? null : before[k]),
  );
  return changed.length ? Object.fromEntries(changed.map((k) => [k, filled[k] ?? null])) : undefined;
}
