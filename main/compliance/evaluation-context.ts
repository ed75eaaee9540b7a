import { dayIso, parseDayIso } from '../../shared/bank-time';
import type { MetricId, MetricQuery, MetricResult, MetricRow, MonitorResult } from '../../shared/contract';
import type { IncrementalQueries, MetricRunner, MetricStore } from '../metrics';
import { convertMinor, rateOn } from './fx';
import type { Settings } from './settings';

/** What every monitor's computation sees: the evaluation's day and window, settings, and one shared way to ask the metric layer. */

export const TREND_DAYS = 90;

export interface EvalDeps {
  store: MetricStore;
  runner: MetricRunner;
  signal?: AbortSignal;
}

export type Series = { day: number; value: number | null }[];

export interface Ctx extends EvalDeps {
  at: number;
  /** First day of the trend asked for. */
  first: number;
  /** First day of the full trend window: the CTR cash scan keeps it whatever the trend length, so a shorter trend never forgets an older unfiled large-cash day. */
  windowFirst: number;
  settings: Settings;
  cache: Map<string, Promise<MetricResult>>;
  /** Daily answers kept from the last evaluation on this cache: only the days a sync changed are asked again. */
  memo: IncrementalQueries;
}

export function query(ctx: Ctx, metric: MetricId, from: number, opts: Partial<Pick<MetricQuery, 'by' | 'filters' | 'grain'>> = {}): Promise<MetricResult> {
  const q: MetricQuery = {
    metric,
    from: dayIso(from),
    to: dayIso(ctx.at + 1),
    grain: opts.grain === undefined ? 'day' : opts.grain,
    by: opts.by ?? [],
    filters: opts.filters ?? [],
    compare: 'none',
  };
  const key = JSON.stringify(q);
  let p = ctx.cache.get(key);
  if (!p) ctx.cache.set(key, (p = ctx.memo.query(q, ctx.signal)));
  return p;
}

export function days(ctx: Ctx): number[] {
  const out: number[] = [];
  for (let d = ctx.first; d <= ctx.at; d++) out.push(d);
  return out;
}

export function rowDay(r: MetricRow): number | null {
  return r.period === null ? null : parseDayIso(r.period);
}

/**
 * Each dated money row converted into the reporting currency on its own day; a row with no rate that
 * day is left out and, on the latest day, listed apart.
 */
export function eachConverted(ctx: Ctx, rows: readonly MetricRow[], use: (day: number, value: number, row: MetricRow) => void): MonitorResult['unconverted'] {
  const unconverted: MonitorResult['unconverted'] = [];
  for (const r of rows) {
    const day = rowDay(r);
    if (day === null || r.currency === null) continue;
    const v = convertMinor(Math.round(r.value), r.currency, ctx.settings.reportingCurrency, rateOn(ctx.settings.rates, r.currency, day));
    if (v !== null) use(day, v, r);
    else if (day === ctx.at && r.value !== 0) unconverted.push({ currency: r.currency, amount: Math.round(r.value), day: dayIso(day) });
  }
  return unconverted;
}

/** Money per day converted into the reporting currency. */
export function convertedByDay(ctx: Ctx, rows: readonly MetricRow[]): { byDay: Map<number, number>; unconverted: MonitorResult['unconverted'] } {
  const byDay = new Map<number, number>();
  const unconverted = eachConverted(ctx, rows, (day, v) => byDay.set(day, (byDay.get(day) ?? 0) + v));
  return { byDay, unconverted };
}

export function countsByDay(rows: readonly MetricRow[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of rows) {
    const d = rowDay(r);
    if (d !== null) m.set(d, (m.get(d) ?? 0) + r.value);
  }
  return m;
}

export interface Computed {
  trend: Series;
  note: string;
  currency?: string | null;
  unconverted?: MonitorResult['unconverted'];
  /** Deadline monitors project to the first overdue day themselves. */
  projection?: string | null;
  /** A deadline monitor with nothing outstanding is fine, not unknown. */
  emptyIsOk?: boolean;
}

export function missing(ctx: Ctx, what: string): Computed {
  return { trend: days(ctx).map((d) => ({ day: d, value: null })), note: `Enter ${what} (bank inputs) to compute this monitor.` };
}
