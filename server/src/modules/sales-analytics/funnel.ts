/**
 * Pure: the sales funnel of a cohort, assembled from a few SQL aggregates (funnel.repository.ts).
 * Definitions (docs/decisions/0009-funnel-definitions.md):
 *
 * - Cohort: the opportunities of one pipeline created in the period [from, to), not deleted,
 *   within the caller's data scope and the filters (owner, team, channel, campaign).
 * - Entries of an opportunity: every `opportunity_stage_changes.to_stage_id` (the first row, with
 *   from_stage_id null, is the stage it was created in) plus its current stage.
 * - Reached open stage S: the opportunity entered S or any later open stage (by position), or is
 *   won. A lost opportunity reached the open stages up to the furthest one it entered.
 * - Per open stage: reached count, and the sum of the *current* amounts of those opportunities
 *   per currency (the organisation's currency, the others listed apart — never converted).
 * - Stage-to-next conversion rate = reached(next open stage) / reached(S); for the last open
 *   stage the next is "won": won / reached(S). Null when reached(S) is 0.
 * - Won / lost: count and current amounts of the cohort's opportunities in a won / lost stage.
 * - Win rate = won / (won + lost), among the cohort's closed opportunities; null when none closed.
 * - Average time in stage S = mean over the cohort's history entries into S that were left of
 *   (next entry time − entry time), in days with one decimal; null when no entry into S was left
 *   (computed from sums, without ordering the history: stageTimesOf).
 * - Sales cycle = mean (closed_at − created_at) of the cohort's won opportunities, days, one decimal.
 * - Lost reasons = the cohort's lost opportunities counted per lost_reason (null → "unspecified").
 * Rates are ratios 0…1 rounded to four places.
 */
import { days, MoneyTotals, rate, type Money } from './money.ts';

export interface FunnelStageDef {
  id: string;
  key: string | null;
  name: string;
  kind: 'open' | 'won' | 'lost';
  position: number;
}

/** One group of the cohort: opportunities alike in status, currency, lost reason and furthest open stage. */
export interface ReachGroup {
  status: 'open' | 'won' | 'lost';
  /** Position of the furthest open stage entered; null when none was. */
  maxOpenPosition: number | null;
  currency: string;
  lostReason: string | null;
  count: number;
  /** Sum of current amounts, a decimal string. */
  amount: string;
  /** Sum of (closed_at − created_at) in seconds over the group's won opportunities. */
  cycleSeconds: number;
  /** How many of them had both dates (won with closed_at). */
  cycleCount: number;
}

/** History entries into a stage that were left, and the total seconds spent. */
export interface StageTime {
  stageId: string;
  left: number;
  seconds: number;
}

/** History entries from one stage to another (from null: the creation entry), and the sum of their times. */
export interface Transition {
  fromStageId: string | null;
  toStageId: string;
  count: number;
  /** Sum of the entries' times, in seconds from any fixed reference. */
  seconds: number;
}

/** The last history entries of the opportunities now in a stage (same time reference). */
export interface LastEntries {
  stageId: string;
  count: number;
  seconds: number;
}

/**
 * Time in stage without ordering the history: an entry into S is left by the next entry, whose
 * from_stage_id is S. So over S's left entries, Σ(next − entry) = Σ times of entries from S −
 * Σ times of entries into S + Σ times of the last entries of opportunities still in S (those
 * entries were not left). Exact when every entry's from_stage_id is the stage of the entry before
 * it and the last entry is into the current stage — which is how stage changes are recorded.
 */
export function stageTimesOf(transitions: Transition[], lastEntries: LastEntries[]): StageTime[] {
  const acc = new Map<string, StageTime>();
  const get = (id: string) => {
    let t = acc.get(id);
    if (!t) acc.set(id, (t = { stageId: id, left: 0, seconds: 0 }));
    return t;
  };
  for (const x of transitions) {
    if (x.fromStageId !== null) {
      get(x.fromStageId).left += x.count;
      get(x.fromStageId).seconds += x.seconds;
    }
    get(x.toStageId).seconds -= x.seconds;
  }
  for (const l of lastEntries) get(l.stageId).seconds += l.seconds;
  return [...acc.values()].map((t) => (t.left === 0 ? { ...t, seconds: 0 } : t));
}

export interface FunnelStageFigures {
  stageId: string;
  key: string | null;
  name: string;
  position: number;
  reached: number;
  amount: Money;
  otherAmounts: Money[];
  /** The stage the conversion rate leads to: the next open stage, or null for "won". */
  nextStageId: string | null;
  conversionRate: number | null;
  avgDaysInStage: number | null;
  /** Entries into the stage that were left (the average's sample size). */
  leftEntries: number;
}

export interface OutcomeFigures {
  count: number;
  amount: Money;
  otherAmounts: Money[];
}

export interface FunnelFigures {
  currency: string;
  total: number;
  stages: FunnelStageFigures[];
  open: OutcomeFigures;
  won: OutcomeFigures;
  lost: OutcomeFigures;
  winRate: number | null;
  salesCycleDays: number | null;
  lostReasons: { reason: string; count: number }[];
}

export const UNSPECIFIED_REASON = 'unspecified';

export function assembleFunnel(input: {
  stages: FunnelStageDef[];
  groups: ReachGroup[];
  stageTimes: StageTime[];
  currency: string;
}): FunnelFigures {
  const { currency } = input;
  const open = [...input.stages].filter((s) => s.kind === 'open').sort((a, b) => a.position - b.position);
  const reached = open.map(() => ({ count: 0, money: new MoneyTotals() }));
  const outcome = { open: new Outcome(), won: new Outcome(), lost: new Outcome() };
  const reasons = new Map<string, number>();
  let cycleSeconds = 0;
  let cycleCount = 0;
  let total = 0;

  for (const g of input.groups) {
    total += g.count;
    outcome[g.status].add(g);
    open.forEach((s, i) => {
      if (g.status === 'won' || (g.maxOpenPosition !== null && g.maxOpenPosition >= s.position)) {
        reached[i]!.count += g.count;
        reached[i]!.money.add(g.currency, g.amount);
      }
    });
    if (g.status === 'won') {
      cycleSeconds += g.cycleSeconds;
      cycleCount += g.cycleCount;
    }
    if (g.status === 'lost') {
      const r = g.lostReason ?? UNSPECIFIED_REASON;
      reasons.set(r, (reasons.get(r) ?? 0) + g.count);
    }
  }

  const times = new Map(input.stageTimes.map((t) => [t.stageId, t]));
  const won = outcome.won.figures(currency);
  const lost = outcome.lost.figures(currency);
  return {
    currency,
    total,
    stages: open.map((s, i) => {
      const next = open[i + 1];
      const t = times.get(s.id);
      return {
        stageId: s.id,
        key: s.key,
        name: s.name,
        position: s.position,
        reached: reached[i]!.count,
        ...reached[i]!.money.split(currency),
        nextStageId: next?.id ?? null,
        conversionRate: rate(next ? reached[i + 1]!.count : won.count, reached[i]!.count),
        avgDaysInStage: t && t.left > 0 ? days(t.seconds / t.left) : null,
        leftEntries: t?.left ?? 0,
      };
    }),
    open: outcome.open.figures(currency),
    won,
    lost,
    winRate: rate(won.count, won.count + lost.count),
    salesCycleDays: cycleCount > 0 ? days(cycleSeconds / cycleCount) : null,
    lostReasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}

class Outcome {
  count = 0;
  money = new MoneyTotals();
  add(g: ReachGroup): void {
    this.count += g.count;
    this.money.add(g.currency, g.amount);
  }
  figures(currency: string): OutcomeFigures {
    return { count: this.count, ...this.money.split(currency) };
  }
}

/** The funnel of an organisation without any pipeline yet. */
export function emptyFunnel(currency: string): FunnelFigures {
  return assembleFunnel({ stages: [], groups: [], stageTimes: [], currency });
}
