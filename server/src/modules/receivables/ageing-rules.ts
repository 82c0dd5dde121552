// Pure: the ageing bucket of one invoice on a local date, and date arithmetic on 'YYYY-MM-DD'.

export const AGEING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

const MS_PER_DAY = 86_400_000;
const utc = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / MS_PER_DAY);
}

/** 'YYYY-MM-DD' plus n days. */
export function plusDays(ymd: string, n: number): string {
  return new Date(utc(ymd) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Days overdue on the local date `asOf`: 0 on the due date itself (not yet overdue, "current"),
 * 1–30, 31–60, 61–90, more than 90. The SQL aggregate in receivables.repository.ts uses the same edges.
 */
export function ageingBucket(dueDate: string, asOf: string): AgeingBucket {
  const days = daysFrom(dueDate, asOf);
  if (days <= 0) return 'current';
  if (days <= 30) return 'd1_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'd90plus';
}
