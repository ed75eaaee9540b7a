import { parseDayIso } from '../../shared/bank-time';
import type { MetricRow } from '../../shared/contract';
import { convertMinor, rateOn, type RateTable } from './fx';

/**
 * A customer's cash in one bank day, from the `cash_volume` metric split by customer, direction and
 * day: cash in and cash out totalled apart (never netted, never added together), each currency
 * converted into the reporting currency at that day's rate; a currency with no rate that day is kept
 * apart in `unconverted` and does not count towards the threshold.
 */
export interface CashDay {
  customerId: number;
  day: number;
  cashIn: number;
  cashOut: number;
  unconverted: { currency: string; cashIn: number; cashOut: number }[];
}

export function cashDays(rows: readonly MetricRow[], reportingCurrency: string, rates: RateTable): Map<string, CashDay> {
  const out = new Map<string, CashDay>();
  // Every customer shares the window's few days: each period text is parsed once.
  const days = new Map<string, number | null>();
  for (const r of rows) {
    const customerId = Number(r.dims.customer);
    let day: number | null = null;
    if (r.period !== null) {
      const known = days.get(r.period);
      if (known === undefined) days.set(r.period, (day = parseDayIso(r.period)));
      else day = known;
    }
    if (!Number.isSafeInteger(customerId) || customerId <= 0 || day === null || r.currency === null || r.value === 0) continue;
    const key = `${customerId}|${day}`;
    let cd = out.get(key);
    if (!cd) out.set(key, (cd = { customerId, day, cashIn: 0, cashOut: 0, unconverted: [] }));
    const inbound = r.dims.direction === 'in';
    const converted = convertMinor(r.value, r.currency, reportingCurrency, rateOn(rates, r.currency, day));
    if (converted === null) {
      let u = cd.unconverted.find((x) => x.currency === r.currency);
      if (!u) cd.unconverted.push((u = { currency: r.currency as string, cashIn: 0, cashOut: 0 }));
      if (inbound) u.cashIn += r.value;
      else u.cashOut += r.value;
    } else if (inbound) cd.cashIn += converted;
    else cd.cashOut += converted;
  }
  return out;
}

/** Reportable: cash in, or cash out, of MORE than the threshold; exactly the threshold is not. */
export function isReportable(cd: Pick<CashDay, 'cashIn' | 'cashOut'>, threshold: number): boolean {
  return cd.cashIn > threshold || cd.cashOut > threshold;
}

/** Just under the threshold: from this share of it up to and including the threshold itself. */
export const STRUCTURING_FLOOR = 0.9;
/** Two such days no more than this many days apart (within 3 bank days). */
export const STRUCTURING_SPAN_DAYS = 2;

/**
 * Structuring hits: for each customer and direction, pairs of days each with a total just under the
 * threshold (none reportable alone) within 3 bank days. Returns, per customer, the days on which a
 * pattern completed (the later day of each pair).
 */
export function structuringHits(days: Iterable<CashDay>, threshold: number): Map<number, number[]> {
  const floor = Math.ceil(threshold * STRUCTURING_FLOOR);
  const near = new Map<string, number[]>();
  for (const cd of days) {
    for (const [dir, v] of [
      ['in', cd.cashIn],
      ['out', cd.cashOut],
    ] as const) {
      if (v >= floor && v <= threshold) {
        const k = `${cd.customerId}|${dir}`;
        const list = near.get(k) ?? [];
        list.push(cd.day);
        near.set(k, list);
      }
    }
  }
  const hits = new Map<number, number[]>();
  for (const [k, list] of near) {
    list.sort((a, b) => a - b);
    const customerId = Number(k.split('|')[0]);
    for (let i = 1; i < list.length; i++) {
      const cur = list[i] as number;
      const prev = list[i - 1] as number;
      if (cur - prev <= STRUCTURING_SPAN_DAYS) {
        const h = hits.get(customerId) ?? [];
        h.push(cur);
        hits.set(customerId, h);
      }
    }
  }
  return hits;
}

/** Customers with a structuring pattern completed in the 30 bank days up to and including `day`. */
export function structuringCount(hits: Map<number, number[]>, day: number, windowDays = 30): number {
  let n = 0;
  for (const days of hits.values()) if (days.some((d) => d <= day && d > day - windowDays)) n++;
  return n;
}
