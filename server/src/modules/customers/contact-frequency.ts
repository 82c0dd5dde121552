/**
 * Contact-frequency targets by customer grade (mission B3): by default A
 * every 30 days, B every 90, C every 365; an organisation may change them or
 * add grades.
 *
 * Counted in calendar days in the organisation's time zone. A target of 30
 * days means: contacted on 1 March, the next contact is due by 31 March; on 1
 * April the customer is 1 day overdue. A customer never contacted is measured
 * from when it was created (it is overdue once a whole period has passed with
 * no contact); without that date it is below target with unknown overdue days.
 */
import { addDays, daysBetween, localDate, type YmdString } from './local-days.ts';

export type ContactTargets = Readonly<Record<string, number>>;

export const DEFAULT_CONTACT_TARGETS: ContactTargets = { A: 30, B: 90, C: 365 };

export interface ContactStatus {
  /** True when the customer is overdue for contact. */
  below: boolean;
  /** The grade's target in days; null when the grade has none (no grade, or D …). */
  targetDays: number | null;
  /** Days since the last contact (or since creation when never contacted); null when unknown. */
  daysSince: number | null;
  /** Days past the due date, 0 when not overdue; null when unknown. */
  daysOverdue: number | null;
  /** Last day on which a contact keeps the customer on target. */
  dueDate: YmdString | null;
}

export function contactTargetDays(
  grade: string | null | undefined,
  targets: ContactTargets = DEFAULT_CONTACT_TARGETS,
): number | null {
  if (!grade) return null;
  const days = targets[grade];
  return typeof days === 'number' && days > 0 ? days : null;
}

export function belowTarget(
  customer: { grade: string | null; createdAt?: Date | null },
  lastContactAt: Date | null,
  now: Date,
  options: { targets?: ContactTargets; timeZone?: string } = {},
): ContactStatus {
  const targetDays = contactTargetDays(customer.grade, options.targets);
  if (targetDays === null)
    return { below: false, targetDays: null, daysSince: null, daysOverdue: null, dueDate: null };
  const tz = options.timeZone ?? 'Asia/Shanghai';
  const since = lastContactAt ?? customer.createdAt ?? null;
  if (!since) return { below: true, targetDays, daysSince: null, daysOverdue: null, dueDate: null };

  const today = localDate(now, tz);
  const from = localDate(since, tz);
  const dueDate = addDays(from, targetDays);
  const daysSince = daysBetween(from, today);
  const daysOverdue = Math.max(0, daysBetween(dueDate, today));
  return { below: daysOverdue > 0, targetDays, daysSince, daysOverdue, dueDate };
}
