import type { FieldError } from '../../lib/errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An interaction may be logged up to a day ahead (time zones, a call booked tonight), no further. */
export function checkInteractionTimes(
  t: { occurredAt?: Date | null; nextStepAt?: Date | null },
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  if (t.occurredAt && t.occurredAt.getTime() > now.getTime() + DAY_MS)
    errors.push({ field: 'occurredAt', code: 'tooFarInFuture' });
  if (t.occurredAt && t.nextStepAt && t.nextStepAt.getTime() < t.occurredAt.getTime())
    errors.push({ field: 'nextStepAt', code: 'beforeOccurredAt' });
  return errors;
}

export interface ChannelLast {
  channel: string;
  at: Date;
}

export interface ContactSummary {
  lastContactAt: Date | null;
  lastContactChannel: string | null;
  lastByChannel: Record<string, string>;
}

/** customer_activity's contact columns from the latest interaction per channel (deleted ones excluded by the caller). */
export function summariseContacts(lastPerChannel: readonly ChannelLast[]): ContactSummary {
  const lastByChannel: Record<string, string> = {};
  let last: ChannelLast | null = null;
  for (const c of [...lastPerChannel].sort((a, b) => a.channel.localeCompare(b.channel))) {
    lastByChannel[c.channel] = c.at.toISOString();
    if (!last || c.at > last.at) last = c;
  }
  return { lastContactAt: last?.at ?? null, lastContactChannel: last?.channel ?? null, lastByChannel };
}
