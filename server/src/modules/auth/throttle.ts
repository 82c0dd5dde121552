// Sign-in throttling, pure. Failures are counted per IP and per (account, IP) pair,
// never per account alone: an attacker elsewhere cannot lock the real user out.

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  blockedUntil: Date | null;
}

export interface ThrottleRule {
  /** Failures allowed inside the window before blocking. */
  limit: number;
  windowMs: number;
  /** First block; doubles with every further failure, up to maxBlockMs. */
  blockMs: number;
  maxBlockMs: number;
}

export const THROTTLE_RULES = {
  accountIp: { limit: 5, windowMs: 15 * 60_000, blockMs: 60_000, maxBlockMs: 30 * 60_000 },
  ip: { limit: 50, windowMs: 15 * 60_000, blockMs: 5 * 60_000, maxBlockMs: 60 * 60_000 },
} satisfies Record<string, ThrottleRule>;

/** Seconds until the key may try again, or 0. */
export function retryAfterSeconds(state: ThrottleState | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0;
  const ms = state.blockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export function registerFailure(
  state: ThrottleState | undefined,
  rule: ThrottleRule,
  now: Date,
): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStart.getTime() > rule.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  if (failures < rule.limit) return { failures, windowStart, blockedUntil: null };
  const over = failures - rule.limit;
  const block = Math.min(rule.blockMs * 2 ** over, rule.maxBlockMs);
  return { failures, windowStart, blockedUntil: new Date(now.getTime() + block) };
}
