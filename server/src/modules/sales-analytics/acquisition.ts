/**
 * Pure: acquisition statistics for a period, from SQL aggregates (acquisition.repository.ts).
 *
 * - Leads created: leads created in [from, to) within the caller's scope and filters.
 * - Converted: those of them converted (status converted or a conversion time); the development
 *   success rate = converted / created.
 * - Per channel and per campaign (fair, platform): leads, converted, conversion rate
 *   (converted / leads), opportunities from those leads, won ones, win rate (won / opportunities)
 *   and the won amount per currency.
 * - New customers per month (the organisation's time zone): customers created that month within
 *   scope; growth rate = (this month − last month) / last month, null when last month had none.
 * - One-time vs repeat buyers need orders, which do not exist yet: `buyers` is null with a note.
 */
import { MoneyTotals, rate, type Money } from './money.ts';

export interface LeadGroup {
  channel: string;
  campaign: string | null;
  leads: number;
  converted: number;
}

export interface OpportunityGroup {
  channel: string;
  campaign: string | null;
  currency: string;
  opportunities: number;
  won: number;
  /** Sum of the won opportunities' amounts, a decimal string. */
  wonAmount: string;
}

export interface SourceFigures {
  channel: string;
  campaign: string | null;
  leads: number;
  converted: number;
  conversionRate: number | null;
  opportunities: number;
  won: number;
  winRate: number | null;
  wonAmount: Money;
  otherWonAmounts: Money[];
}

export interface MonthFigures {
  month: string;
  count: number;
  growthRate: number | null;
}

export interface AcquisitionFigures {
  currency: string;
  leads: { created: number; converted: number; successRate: number | null };
  channels: SourceFigures[];
  campaigns: SourceFigures[];
  newCustomers: MonthFigures[];
  buyers: null;
  buyersNote: 'availableOnceOrdersExist';
}

/** 'YYYY-MM' months from the month of `from` to the month of `toInclusive`. */
export function monthsBetween(from: string, toInclusive: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(toInclusive.slice(0, 4));
  const endM = Number(toInclusive.slice(5, 7));
  while ((y < endY || (y === endY && m <= endM)) && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function growthSeries(months: string[], counts: Map<string, number>): MonthFigures[] {
  let prev: number | null = null;
  return months.map((month) => {
    const count = counts.get(month) ?? 0;
    const growthRate =
      prev === null || prev === 0 ? null : Math.round(((count - prev) / prev) * 10_000) / 10_000;
    prev = count;
    return { month, count, growthRate };
  });
}

function sources(
  leads: LeadGroup[],
  opps: OpportunityGroup[],
  keyOf: (g: { channel: string; campaign: string | null }) => string,
  currency: string,
): SourceFigures[] {
  const acc = new Map<
    string,
    {
      channel: string;
      campaign: string | null;
      leads: number;
      converted: number;
      opportunities: number;
      won: number;
      money: MoneyTotals;
    }
  >();
  const get = (g: { channel: string; campaign: string | null }, campaign: string | null) => {
    const k = keyOf(g);
    let a = acc.get(k);
    if (!a) {
      a = {
        channel: g.channel,
        campaign,
        leads: 0,
        converted: 0,
        opportunities: 0,
        won: 0,
        money: new MoneyTotals(),
      };
      acc.set(k, a);
    }
    return a;
  };
  const perCampaign = keyOf({ channel: 'x', campaign: 'y' }) !== keyOf({ channel: 'x', campaign: 'z' });
  for (const g of leads) {
    const a = get(g, perCampaign ? g.campaign : null);
    a.leads += g.leads;
    a.converted += g.converted;
  }
  for (const g of opps) {
    const a = get(g, perCampaign ? g.campaign : null);
    a.opportunities += g.opportunities;
    a.won += g.won;
    a.money.add(g.currency, g.wonAmount);
  }
  return [...acc.values()]
    .map((a) => {
      const m = a.money.split(currency);
      return {
        channel: a.channel,
        campaign: a.campaign,
        leads: a.leads,
        converted: a.converted,
        conversionRate: rate(a.converted, a.leads),
        opportunities: a.opportunities,
        won: a.won,
        winRate: rate(a.won, a.opportunities),
        wonAmount: m.amount,
        otherWonAmounts: m.otherAmounts,
      };
    })
    .sort(
      (x, y) =>
        y.leads - x.leads ||
        x.channel.localeCompare(y.channel) ||
        (x.campaign ?? '').localeCompare(y.campaign ?? ''),
    );
}

export function assembleAcquisition(input: {
  currency: string;
  leads: LeadGroup[];
  opportunities: OpportunityGroup[];
  months: string[];
  newCustomers: { month: string; count: number }[];
}): AcquisitionFigures {
  const created = input.leads.reduce((s, g) => s + g.leads, 0);
  const converted = input.leads.reduce((s, g) => s + g.converted, 0);
  return {
    currency: input.currency,
    leads: { created, converted, successRate: rate(converted, created) },
    channels: sources(input.leads, input.opportunities, (g) => g.channel, input.currency),
    campaigns: sources(
      input.leads,
      input.opportunities,
      (g) => `${g.channel}\u0000${g.campaign ?? ''}`,
      input.currency,
    ),
    newCustomers: growthSeries(input.months, new Map(input.newCustomers.map((m) => [m.month, m.count]))),
    buyers: null,
    buyersNote: 'availableOnceOrdersExist',
  };
}
