/**
 * Public pool (公海) rules, mission A6 / issue 3 §5.
 *
 * A customer goes back to the pool when its owner has not followed up for N
 * days, or (optionally) has neither opened an opportunity nor closed a deal
 * for M days. Days are calendar days in the organisation's time zone: a
 * follow-up logged at 23:50 on 1 March in Shanghai starts the clock on 1
 * March, and with N = 30 the customer is reclaimed when 31 March begins there
 * (it has then gone 30 whole days without one). The owner is warned from
 * `warnDaysBefore` days before that.
 *
 * The clocks start no earlier than the assignment, so a customer just taken
 * from the pool gets the full period. A customer with an owner but no dates at
 * all is kept: better to miss one reclaim than to empty a rep's book because a
 * migration left the dates blank.
 */
import { addDays, daysBetween, localDate, startOfLocalDay } from './local-days.ts';

export interface PoolCustomer {
  ownerId: string | null;
  grade: string | null;
  status: string | null;
  lastFollowUpAt: Date | null;
  lastOpportunityAt: Date | null;
  lastDealAt: Date | null;
  assignedAt: Date | null;
}

export interface PoolRule {
  /** Applies to this grade only; omitted = every grade. */
  grade?: string | null;
  /** Applies to this lifecycle status only; omitted = every status. */
  status?: string | null;
  noFollowUpDays: number;
  /** No opportunity opened and no deal closed for this many days. */
  noDealDays?: number | null;
  warnDaysBefore: number;
}

export type PoolAction = 'keep' | 'warn' | 'reclaim';
export type PoolReason = 'IN_POOL' | 'NO_RULE' | 'NO_CLOCK' | 'WITHIN_LIMIT' | 'NO_FOLLOW_UP' | 'NO_DEAL';

export interface PoolDecision {
  action: PoolAction;
  reason: PoolReason;
  /** When the customer is (or was) due back in the pool; null when no clock runs. */
  dueAt: Date | null;
  rule: PoolRule | null;
  /** For the message: the rule's day count, and whole days left (0 on the due day, negative after). */
  params: { days: number | null; daysLeft: number | null };
}

function latest(...dates: (Date | null)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
}

/**
 * The rule for a customer: the most specific one that matches (grade and
 * status beat grade or status, which beat neither); on a tie the first listed.
 */
export function pickPoolRule(
  customer: Pick<PoolCustomer, 'grade' | 'status'>,
  rules: readonly PoolRule[],
): PoolRule | null {
  let best: PoolRule | null = null;
  let bestScore = -1;
  for (const r of rules) {
    if (r.grade != null && r.grade !== customer.grade) continue;
    if (r.status != null && r.status !== customer.status) continue;
    const score = (r.grade != null ? 1 : 0) + (r.status != null ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

export function evaluatePoolRules(
  customer: PoolCustomer,
  rules: readonly PoolRule[],
  now: Date,
  timeZone = 'Asia/Shanghai',
): PoolDecision {
  const none = { days: null, daysLeft: null };
  if (customer.ownerId === null)
    return { action: 'keep', reason: 'IN_POOL', dueAt: null, rule: null, params: none };
  const rule = pickPoolRule(customer, rules);
  if (!rule) return { action: 'keep', reason: 'NO_RULE', dueAt: null, rule: null, params: none };

  const clocks: { reason: 'NO_FOLLOW_UP' | 'NO_DEAL'; since: Date | null; days: number }[] = [
    {
      reason: 'NO_FOLLOW_UP',
      since: latest(customer.lastFollowUpAt, customer.assignedAt),
      days: rule.noFollowUpDays,
    },
  ];
  if (rule.noDealDays != null) {
    clocks.push({
      reason: 'NO_DEAL',
      since: latest(customer.lastDealAt, customer.lastOpportunityAt, customer.assignedAt),
      days: rule.noDealDays,
    });
  }

  const today = localDate(now, timeZone);
  let first: { reason: 'NO_FOLLOW_UP' | 'NO_DEAL'; dueDay: string; days: number } | null = null;
  for (const c of clocks) {
    if (!c.since) continue;
    const dueDay = addDays(localDate(c.since, timeZone), c.days);
    if (!first || dueDay < first.dueDay) first = { reason: c.reason, dueDay, days: c.days };
  }
  if (!first) return { action: 'keep', reason: 'NO_CLOCK', dueAt: null, rule, params: none };

  const dueAt = startOfLocalDay(first.dueDay, timeZone);
  const daysLeft = daysBetween(today, first.dueDay);
  const params = { days: first.days, daysLeft };
  if (now >= dueAt) return { action: 'reclaim', reason: first.reason, dueAt, rule, params };
  if (rule.warnDaysBefore > 0 && daysLeft <= rule.warnDaysBefore) {
    return { action: 'warn', reason: first.reason, dueAt, rule, params };
  }
  return { action: 'keep', reason: 'WITHIN_LIMIT', dueAt, rule, params };
}

export type ClaimRefusal = 'POOL_NOT_CONFIGURED' | 'NOT_IN_POOL' | 'CAP_REACHED' | 'COOL_DOWN';
export type ClaimDecision =
  { ok: true } | { ok: false; reason: ClaimRefusal; params: Record<string, string | number | null> };

export interface ClaimInput {
  rep: { id: string };
  customer: { ownerId: string | null };
  /** Customers the rep owns now. */
  ownedCount: number;
  /** Most customers one rep may own; null = no cap. */
  cap: number | null;
  /** When this rep last released this customer (or had it reclaimed); null = never. */
  lastReleasedByRepAt: Date | null;
  coolDownDays: number;
  poolConfigured: boolean;
  now: Date;
  timeZone?: string;
}

/**
 * May this rep take this customer from the pool? Every refusal says why, with
 * what the message needs. The cool-down keeps a rep from releasing a customer
 * (dodging the reclaim clock) and taking it straight back: it ends when local
 * day (release day + coolDownDays) begins.
 */
export function canClaim(input: ClaimInput): ClaimDecision {
  if (!input.poolConfigured) return { ok: false, reason: 'POOL_NOT_CONFIGURED', params: {} };
  if (input.customer.ownerId !== null) {
    return { ok: false, reason: 'NOT_IN_POOL', params: { ownerId: input.customer.ownerId } };
  }
  if (input.cap !== null && input.ownedCount >= input.cap) {
    return { ok: false, reason: 'CAP_REACHED', params: { cap: input.cap, ownedCount: input.ownedCount } };
  }
  if (input.lastReleasedByRepAt && input.coolDownDays > 0) {
    const tz = input.timeZone ?? 'Asia/Shanghai';
    const availableAt = startOfLocalDay(
      addDays(localDate(input.lastReleasedByRepAt, tz), input.coolDownDays),
      tz,
    );
    if (input.now < availableAt) {
      return {
        ok: false,
        reason: 'COOL_DOWN',
        params: { coolDownDays: input.coolDownDays, availableAt: availableAt.toISOString() },
      };
    }
  }
  return { ok: true };
}
