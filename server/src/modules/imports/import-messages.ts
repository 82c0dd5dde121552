// Pure: stored row errors → text in the reader's language, naming the import's own field labels.
import { translateRule, type Locale } from '../../i18n/messages.ts';
import type { ImportField } from './import-entity.ts';

/** 'phones[2]' → 'phones', 'customFields.size' → 'cf.size', 'ownerId' → 'owner'. */
function importFieldKey(field: string): string {
  if (field.startsWith('customFields.')) return `cf.${field.slice('customFields.'.length)}`;
  const base = field.replace(/\[\d+\]$/, '');
  return base === 'ownerId' ? 'owner' : base === 'customerId' ? 'customer' : base;
}

export function renderRowErrors(
  locale: Locale,
  errors: readonly { field: string; code: string; params?: Record<string, unknown> }[],
  fields: readonly ImportField[],
): { field: string; message: string }[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return errors.map((e) => {
    const f = byKey.get(importFieldKey(e.field));
    const params = { ...e.params, ...(f ? { labels: f.label } : {}) };
    return { field: e.field, message: translateRule(locale, e.code, e.field, params) };
  });
}
