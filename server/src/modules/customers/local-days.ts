/**
 * Calendar days in an organisation's time zone.
 *
 * Reminders, pool reclaim and contact targets count whole local days
 * (architecture.md: "each organisation has a time zone used for days"), so a
 * follow-up logged at 23:30 in Shanghai counts for that Shanghai day even
 * though it is already the next day in UTC. Dates are plain 'YYYY-MM-DD'
 * strings; arithmetic on them is done in UTC where every day has 24 hours.
 */

export type YmdString = string;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a caller passing
    // a bad organisation setting should see.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Parses 'YYYY-MM-DD' into numbers, rejecting impossible dates such as 2025-02-29. */
export function parseYmd(ymd: YmdString): { year: number; month: number; day: number } | null {
  const m = YMD.exec(ymd);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const t = new Date(Date.UTC(year, month - 1, day));
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

export function formatYmd(year: number, month: number, day: number): YmdString {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function ymdToUtcMs(ymd: YmdString): number {
  const p = parseYmd(ymd);
  if (!p) throw new RangeError(`not a date: ${ymd}`);
  return Date.UTC(p.year, p.month - 1, p.day);
}

/** The calendar date of `instant` on a wall clock in `timeZone`. */
export function localDate(instant: Date, timeZone: string): YmdString {
  const w = wallClock(instant, timeZone);
  return formatYmd(w.year, w.month, w.day);
}

export function addDays(ymd: YmdString, days: number): YmdString {
  const t = new Date(ymdToUtcMs(ymd) + days * MS_PER_DAY);
  return formatYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: YmdString, to: YmdString): number {
  return Math.round((ymdToUtcMs(to) - ymdToUtcMs(from)) / MS_PER_DAY);
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Shanghai: +8 h). */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which local day `ymd` begins in `timeZone`. Where a DST jump
 * skips midnight the day begins at the first wall-clock time that exists.
 */
export function startOfLocalDay(ymd: YmdString, timeZone: string): Date {
  const midnightUtc = ymdToUtcMs(ymd);
  // Two passes settle the offset even when midnight sits next to a DST change.
  let guess = midnightUtc - offsetMs(new Date(midnightUtc), timeZone);
  guess = midnightUtc - offsetMs(new Date(guess), timeZone);
  if (localDate(new Date(guess), timeZone) !== ymd) {
    // Midnight does not exist that day: step forward to the first hour that does.
    for (let h = 1; h <= 3; h++) {
      const t = guess + h * 3_600_000;
      if (localDate(new Date(t), timeZone) === ymd) return new Date(t);
    }
  }
  return new Date(guess);
}
