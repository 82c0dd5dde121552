// What a notification says: its kind picks the sentence, its params fill it (in the reader's language).
import type { Notification } from './notifications.api';

export const KNOWN_KINDS = [
  'taskAssigned',
  'taskDue',
  'taskOverdue',
  'poolWarning',
  'poolReclaimed',
  'greeting',
  'opportunityStageChanged',
  'leadsAssigned',
  'leadsReassigned',
  'leadsEscalated',
  'leadsSleeping',
  'orderStep',
  'orderCreditHold',
  'orderHoldReleased',
  'orderNote',
  'quoteApprovalRequested',
  'quoteApproved',
  'quoteRejected',
];

/** The translation key and its values; dates become local 'YYYY-MM-DD HH:mm'. */
export function notificationMessage(n: Pick<Notification, 'kind' | 'params'>): {
  key: string;
  values: Record<string, string | number>;
} {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(n.params)) {
    if (v === null || v === undefined) values[k] = '';
    else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) values[k] = formatLocal(v);
    else values[k] = v;
  }
  const kind = KNOWN_KINDS.includes(n.kind) ? n.kind : 'unknown';
  return { key: `notifications.kinds.${kind}`, values: { kind: n.kind, ...values } };
}

function formatLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
