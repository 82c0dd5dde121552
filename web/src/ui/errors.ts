// Turning API errors into form field errors and user-facing messages.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** "body/email", "/email", "body.email" → ["email"]; "phones[0]" → ["phones", 0]. */
export function fieldPath(field: string): (string | number)[] {
  const cleaned = field.replace(/^\/+/, '').replace(/^body[./]/, '');
  return cleaned
    .split(/[./]|\[(\d+)\]/)
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Where a server field lands on a form: a list of top-level field names (an issue on
 * `phones[1]` goes to `phones`), or a function from the issue's path to the form's name path
 * (null when the form has no such field).
 */
export type FieldTargets = string[] | ((path: (string | number)[]) => (string | number)[] | null);

function targetOf(path: (string | number)[], targets: FieldTargets): (string | number)[] | null {
  if (typeof targets === 'function') return targets(path);
  const head = path[0];
  return typeof head === 'string' && targets.includes(head) ? [head] : null;
}

/**
 * Puts the server's per-field validation messages on the matching form fields.
 * Returns the issues that matched no field, so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, knownFields: FieldTargets): string[] {
  if (!(error instanceof ApiError)) return [];
  const unmatched: string[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of error.fieldIssues) {
    const message = issue.message ?? issue.code;
    const name = targetOf(fieldPath(issue.field), knownFields);
    if (!name) {
      unmatched.push(message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}

export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message || fallback;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'VERSION_CONFLICT';
}

/**
 * Server errors stay on a field until something clears them; once the user edits a field, its
 * old message is wrong. Call from a form's onValuesChange with the changed values.
 */
export function clearEditedErrors(form: FormInstance, changed: object): void {
  const edited = new Set(Object.keys(changed));
  const stale = form
    .getFieldsError()
    .filter((f) => f.errors.length > 0 && edited.has(String(f.name[0])))
    .map((f) => ({ name: f.name, errors: [] }));
  if (stale.length) form.setFields(stale);
}
