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
 * Puts the server's per-field validation messages on the matching form fields.
 * Returns the issues that matched no field, so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, knownFields: string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const issue of error.fieldIssues) {
    const path = fieldPath(issue.field);
    const head = path[0];
    const message = issue.message ?? issue.code;
    if (typeof head === 'string' && knownFields.includes(head)) {
      byField.set(head, [...(byField.get(head) ?? []), message]);
    } else {
      unmatched.push(message);
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
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
