/** Delay before retry n (1-based): 2^n seconds with ±20% jitter, capped at an hour. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2 ** attempt * 1000, 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
