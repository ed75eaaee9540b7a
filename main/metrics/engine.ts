import { addPeriods, dayIso, parseDayIso, periodStart, periodsBetween, type Grain, type Period } from '../../shared/bank-time';
import type { Dimension, MetricInfo, MetricQuery, MetricResult, MetricRow } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { metricInfo } from './catalog';
import { EVALUATORS, type Cell, type EvalContext } from './evaluators';
import { dimensionLabeler } from './labels';
import type { MetricStore } from './store';

/** More periods than a chart or a table can show is a mistake in the question, not a figure to compute. */
const MAX_PERIODS = 2000;

export interface ParsedRange {
  fromDay: number;
  toDay: number;
}

export function parseRange(from: string, to: string): ParsedRange {
  const fromDay = parseDayIso(from);
  const toDay = parseDayIso(to);
  if (fromDay === null) throw new AppError('VALIDATION', `from: ${from} is not a calendar date.`);
  if (toDay === null) throw new AppError('VALIDATION', `to: ${to} is not a calendar date.`);
  if (toDay <= fromDay) throw new AppError('VALIDATION', 'to: the period must end after it starts (to is exclusive).');
  if (toDay - fromDay > 100 * 366) throw new AppError('VALIDATION', 'The period is longer than 100 years: choose a shorter one.');
  return { fromDay, toDay };
}

export function checkDimensions(info: MetricInfo, dims: readonly Dimension[], what: string): void {
  const wrong = dims.find((d) => !info.dimensions.includes(d));
  if (wrong) {
    throw new AppError('VALIDATION', `${what}: ${info.label} cannot be split or filtered by ${wrong}; it can by ${info.dimensions.join(', ') || 'nothing'}.`);
  }
}

function periodsOf(range: ParsedRange, grain: Grain | null): Period[] {
  if (grain === null) return [{ key: '', from: range.fromDay, to: range.toDay }];
  const periods = periodsBetween(range.fromDay, range.toDay, grain);
  if (periods.length > MAX_PERIODS) throw new AppError('VALIDATION', `That is ${periods.length} ${grain}s: choose a coarser grain or a shorter period (at most ${MAX_PERIODS}).`);
  return periods;
}

/**
 * The period a comparison looks at. "previous" steps back by the period's own size when it is whole
 * years, quarters, months or weeks (Q4 → Q3, all of 1997 → 1996), otherwise by its number of days;
 * "year" is the same dates a year earlier.
 */
export function comparedRange(range: ParsedRange, compare: 'previous' | 'year'): ParsedRange {
  if (compare === 'year') return { fromDay: addPeriods(range.fromDay, 'year', -1), toDay: addPeriods(range.toDay, 'year', -1) };
  for (const g of ['year', 'quarter', 'month', 'week'] as const) {
    if (periodStart(range.fromDay, g) !== range.fromDay) continue;
    let n = 0;
    let end = range.fromDay;
    while (end < range.toDay && n <= MAX_PERIODS) {
      end = addPeriods(end, g, 1);
      n++;
    }
    if (end === range.toDay) return { fromDay: addPeriods(range.fromDay, g, -n), toDay: range.fromDay };
  }
  const days = range.toDay - range.fromDay;
  return { fromDay: range.fromDay - days, toDay: range.fromDay };
}

/** A cell's split and currency as text: keys the comparison and orders a period's cells after their values. */
export function cellKey(c: Pick<Cell, 'dims' | 'currency'>, by: readonly Dimension[]): string {
  return JSON.stringify([by.map((d) => c.dims[d] ?? ''), c.currency]);
}

async function evaluate(store: MetricStore, q: MetricQuery, info: MetricInfo, range: ParsedRange): Promise<{ periods: Period[]; cells: Cell[] }> {
  const periods = periodsOf(range, q.grain);
  const ctx: EvalContext = { store, fromDay: range.fromDay, toDay: range.toDay, periods, by: q.by, filters: q.filters };
  const cells = await EVALUATORS[info.id](ctx);
  // An empty day in a single series is a zero, not a gap: charts of flows read that way.
  if (info.kind === 'flow' && info.additive && q.by.length === 0 && q.grain !== null) {
    const currencies = new Set(cells.map((c) => c.currency));
    if (currencies.size === 0 && info.unit !== 'money') currencies.add(null);
    const seen = new Set(cells.map((c) => `${c.period}|${c.currency}`));
    for (const currency of currencies) {
      periods.forEach((_, period) => {
        if (!seen.has(`${period}|${currency}`)) cells.push({ period, dims: {}, currency, value: 0 });
      });
    }
  }
  return { periods, cells };
}

/** Answers one metric question on one store: figures per period and split, compared when asked. */
export async function queryMetric(store: MetricStore, q: MetricQuery): Promise<MetricResult> {
  const info = metricInfo(q.metric);
  checkDimensions(info, q.by, 'by');
  checkDimensions(
    info,
    q.filters.map((f) => f.dimension),
    'filters',
  );
  if (q.grain !== null && !info.grains.includes(q.grain)) throw new AppError('VALIDATION', `grain: ${info.label} has no ${q.grain} figures.`);
  const range = parseRange(q.from, q.to);
  const current = await evaluate(store, q, info, range);
  let compared: ParsedRange | null = null;
  const previous = new Map<string, number>();
  if (q.compare !== 'none') {
    compared = comparedRange(range, q.compare);
    const before = await evaluate(store, q, info, compared);
    for (const c of before.cells) previous.set(`${c.period}|${cellKey(c, q.by)}`, c.value);
    // Splits present only in the compared period still belong in the table, at zero now.
    if (info.additive) {
      const now = new Set(current.cells.map((c) => `${c.period}|${cellKey(c, q.by)}`));
      for (const c of before.cells) {
        if (c.period < current.periods.length && !now.has(`${c.period}|${cellKey(c, q.by)}`)) current.cells.push({ ...c, value: 0 });
      }
    }
  }
  const label = await dimensionLabeler(store, [...q.by, ...q.filters.map((f) => f.dimension)]);
  const rows: MetricRow[] = current.cells
    .sort((a, b) => a.period - b.period || b.value - a.value || cellKey(a, q.by).localeCompare(cellKey(b, q.by)))
    .map((c) => {
      const dims: Record<string, string> = {};
      const labels: Record<string, string> = {};
      for (const d of q.by) {
        const v = c.dims[d] ?? '';
        dims[d] = v;
        labels[d] = label(d, v);
      }
      const row: MetricRow = { period: q.grain === null ? null : (current.periods[c.period]?.key ?? null), dims, labels, currency: c.currency, value: c.value };
      if (compared) {
        const p = previous.get(`${c.period}|${cellKey(c, q.by)}`);
        const prev = p ?? (info.additive ? 0 : null);
        row.previous = prev;
        row.change = prev === null ? null : c.value - prev;
        row.changeRatio = prev === null || prev === 0 ? null : (c.value - prev) / Math.abs(prev);
      }
      return row;
    });
  return {
    metric: info.id,
    label: info.label,
    unit: info.unit,
    kind: info.kind,
    from: q.from,
    to: q.to,
    grain: q.grain,
    by: q.by,
    filters: q.filters,
    filterLabels: Object.fromEntries(q.filters.map((f) => [`${f.dimension}=${f.value}`, label(f.dimension, f.value)])),
    compare: q.compare,
    compareFrom: compared ? dayIso(compared.fromDay) : null,
    compareTo: compared ? dayIso(compared.toDay) : null,
    source: store.source,
    asOf: store.asOf,
    timeZone: store.timeZone,
    rows,
  };
}
