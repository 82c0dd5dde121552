/**
 * Pure: market potential per region from yearly import statistics of one product category.
 * For the three years ending with `toYear`: the value of each year (null when missing); `latest`
 * = the value of `toYear`; `change` = latest − the earliest value of the window, `changePct` =
 * change / earliest, `cagr` = (latest / earliest)^(1 / years between) − 1 — all null when the
 * latest or an earlier value is missing, the earliest is zero, or the years' currencies differ.
 * Next to it, how many of our customers and leads are in the region. Sorted by the latest value,
 * largest first; regions without a latest value follow, then regions we only have customers in.
 */
import { compareDecimals, decimalRatio, subtractDecimals } from '../sales-analytics/index.ts';
import { regionName } from './countries.ts';

export interface StatPoint {
  region: string;
  year: number;
  importValue: string;
  currency: string;
}

export interface RegionPotential {
  region: string;
  name: string;
  currency: string | null;
  values: (string | null)[];
  latest: string | null;
  change: string | null;
  changePct: number | null;
  cagr: number | null;
  customers: number;
  leads: number;
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export function assemblePotential(input: {
  toYear: number;
  stats: StatPoint[];
  customers: Map<string, number>;
  leads: Map<string, number>;
  locale: 'zh-CN' | 'en';
}): { years: number[]; regions: RegionPotential[] } {
  const years = [input.toYear - 2, input.toYear - 1, input.toYear];
  const byRegion = new Map<string, Map<number, StatPoint>>();
  for (const s of input.stats) {
    if (!years.includes(s.year)) continue;
    if (!byRegion.has(s.region)) byRegion.set(s.region, new Map());
    byRegion.get(s.region)!.set(s.year, s);
  }
  for (const r of [...input.customers.keys(), ...input.leads.keys()])
    if (!byRegion.has(r)) byRegion.set(r, new Map());

  const regions = [...byRegion].map(([region, points]): RegionPotential => {
    const values = years.map((y) => points.get(y)?.importValue ?? null);
    const last = points.get(input.toYear);
    const firstYear = years.find((y) => y < input.toYear && points.has(y));
    const first = firstYear === undefined ? undefined : points.get(firstYear);
    let change: string | null = null;
    let changePct: number | null = null;
    let cagr: number | null = null;
    if (last && first && first.currency === last.currency) {
      change = subtractDecimals(last.importValue, first.importValue);
      const ratio = decimalRatio(last.importValue, first.importValue);
      if (ratio !== null && ratio >= 0) {
        changePct = round4(ratio - 1);
        cagr = round4(Math.pow(ratio, 1 / (input.toYear - firstYear!)) - 1);
      }
    }
    return {
      region,
      name: regionName(region, input.locale),
      currency: (last ?? [...points.values()].pop())?.currency ?? null,
      values,
      latest: last?.importValue ?? null,
      change,
      changePct,
      cagr,
      customers: input.customers.get(region) ?? 0,
      leads: input.leads.get(region) ?? 0,
    };
  });
  const rank = (r: RegionPotential) => (r.latest !== null ? 0 : r.values.some((v) => v !== null) ? 1 : 2);
  regions.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareDecimals(b.latest, a.latest) ||
      b.customers - a.customers ||
      a.region.localeCompare(b.region),
  );
  return { years, regions };
}
