// lunar-javascript ships no types; these cover the calls holidays.ts makes.
declare module 'lunar-javascript' {
  export class Solar {
    static fromYmd(year: number, month: number, day: number): Solar;
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    /** 'YYYY-MM-DD' */
    toYmd(): string;
    next(days: number): Solar;
    /** Whole days from `other` to this date. */
    subtract(other: Solar): number;
    isLeapYear(): boolean;
    getLunar(): Lunar;
  }
  export class Lunar {
    /** `month` is negative for a leap month; throws when the month has no such day. */
    static fromYmd(year: number, month: number, day: number): Lunar;
    getYear(): number;
    /** Negative for a leap month. */
    getMonth(): number;
    getDay(): number;
    getSolar(): Solar;
  }
  export class LunarMonth {
    static fromYm(year: number, month: number): LunarMonth | null;
    getDayCount(): number;
  }
  export class LunarYear {
    static fromYear(year: number): LunarYear;
    /** 0 when the year has no leap month. */
    getLeapMonth(): number;
  }
}
