import { addPeriods, dayIso, periodStart } from '../../shared/bank-time';
import type { Dimension, Figure, MetricId, MetricInfo, MetricQuery, MetricResult } from '../../shared/contract';
import { comparedPeriod, periodRange, type Comparison, type PeriodRange, type ReportDefinition, type Scope } from '../../shared/report-definition';
import { DIMENSION_LABELS, metricInfo } from '../metrics';

/*
 * How a report asks the metric layer for its figures: each question once (memoised, counted for the
 * progress bar, refused once cancelled), with the report's filters the metric can take, for the report
 * period and each compared period side by side. The section builders (run.ts, chart-section.ts,
 * table-section.ts) all ask through this, so a figure is the same wherever it appears.
 */

export type MetricAsk = (q: MetricQuery) => Promise<MetricResult>;

interface Range {
  fromDay: number;
  toDay: number;
}

/** A range to pass the layer: the oldest data any bank holds is well within a century. */
const TO_DATE_YEARS = 99;

function scoped(r: Range, scope: Scope): Range {
  if (scope === 'year_to_date') return { fromDay: periodStart(r.toDay - 1, 'year'), toDay: r.toDay };
  if (scope === 'to_date') return { fromDay: addPeriods(periodStart(r.toDay - 1, 'year'), 'year', -TO_DATE_YEARS), toDay: r.toDay };
  return r;
}

/** Identity of a split value and currency, across the periods and columns of a report. */
export const keyOf = (dims: Record<string, string>, by: readonly Dimension[], currency: string | null): string => JSON.stringify([by.map((d) => dims[d] ?? ''), currency]);

export interface Answer {
  /** Per split and currency: the figure now and in each compared period. */
  figures: Map<string, { dims: Record<string, string>; labels: Record<string, string>; figure: Figure }>;
  notes: string[];
}

function pct(now: number | null, before: number | null | undefined): number | null {
  if (now === null || before === null || before === undefined || before === 0) return null;
  return (now - before) / Math.abs(before);
}

export interface ReportFigures {
  period: PeriodRange;
  compared: { kind: Comparison; range: PeriodRange }[];
  /** The memoised question: the same query asked twice is answered once. */
  ask: MetricAsk;
  /** The report's filters this metric can take; the rest said on the page. */
  filtersFor: (info: MetricInfo) => { filters: MetricQuery['filters']; notes: string[] };
  /** One metric for the report period (scoped), split by `by`, with each compared period alongside. */
  figures: (metric: MetricId, scope: Scope, by: readonly Dimension[]) => Promise<Answer>;
  /** Rows the metric layer returned so far. */
  figureRows: () => number;
}

export function reportFigures(def: ReportDefinition, o: { ask: MetricAsk; onProgress?: (done: number, total: number, step: string) => void; signal?: AbortSignal }): ReportFigures {
  const period = periodRange(def.period);
  const compared = def.comparisons.map((c) => ({ kind: c, range: periodRange(comparedPeriod(def.period, c)) }));
  const memo = new Map<string, Promise<MetricResult>>();
  let figureRows = 0;
  let done = 0;
  let total = 0;

  const ask = (q: MetricQuery): Promise<MetricResult> => {
    const k = JSON.stringify(q);
    let p = memo.get(k);
    if (!p) {
      total++;
      if (o.signal?.aborted) throw o.signal.reason ?? new Error('The report was cancelled.');
      p = o.ask(q).then((r) => {
        figureRows += r.rows.length;
        done++;
        o.onProgress?.(done, total, r.label);
        return r;
      });
      memo.set(k, p);
    }
    return p;
  };

  /** The report's filters this metric can take; the rest said on the page. */
  const filtersFor = (info: MetricInfo): { filters: MetricQuery['filters']; notes: string[] } => {
    const filters = def.filters.filter((f) => info.dimensions.includes(f.dimension));
    const skipped = def.filters.filter((f) => !info.dimensions.includes(f.dimension));
    return {
      filters,
      notes: skipped.map(
        (f) => `${info.label} has no ${DIMENSION_LABELS[f.dimension].toLowerCase()}: it covers every ${DIMENSION_LABELS[f.dimension].toLowerCase()}, not only the filtered one.`,
      ),
    };
  };

  /** One metric for the report period (scoped), split by `by`, with each compared period alongside. */
  const figures = async (metric: MetricId, scope: Scope, by: readonly Dimension[]): Promise<Answer> => {
    const info = metricInfo(metric);
    const { filters, notes } = filtersFor(info);
    const usable = by.filter((d) => info.dimensions.includes(d));
    for (const d of by) if (!usable.includes(d)) notes.push(`${info.label} cannot be split by ${DIMENSION_LABELS[d].toLowerCase()}.`);
    const q = (r: Range): MetricQuery => ({ metric, from: dayIso(r.fromDay), to: dayIso(r.toDay), grain: null, by: usable, filters, compare: 'none' });
    let current: MetricResult | undefined;
    let before: (MetricResult | undefined)[];
    const grain = def.period.kind === 'custom' ? null : def.period.kind;
    if (scope === 'period' && grain && compared.length) {
      // One question for the period and both comparisons: the layer cuts it by the period's own grain
      // (Q4 1996 … Q4 1997), reading the loan book or the rollups once instead of three times.
      const from = Math.min(period.fromDay, ...compared.map((c) => c.range.fromDay));
      const all = await ask({ metric, from: dayIso(from), to: dayIso(period.toDay), grain, by: usable, filters, compare: 'none' });
      const slice = (key: string): MetricResult => ({ ...all, rows: all.rows.filter((r) => r.period === key).map((r) => ({ ...r, period: null })) });
      current = slice(period.key);
      before = compared.map((c) => slice(c.range.key));
    } else {
      [current, ...before] = await Promise.all([ask(q(scoped(period, scope))), ...compared.map((c) => ask(q(scoped(c.range, scope))))]);
    }
    const out: Answer['figures'] = new Map();
    for (const r of current?.rows ?? []) out.set(keyOf(r.dims, usable, r.currency), { dims: r.dims, labels: r.labels, figure: { currency: r.currency, value: r.value } });
    compared.forEach((c, i) => {
      const seen = new Set<string>();
      for (const r of before[i]?.rows ?? []) {
        const k = keyOf(r.dims, usable, r.currency);
        seen.add(k);
        let hit = out.get(k);
        // A split present only in the compared period still belongs in the table: at zero now for counts and sums.
        if (!hit) out.set(k, (hit = { dims: r.dims, labels: r.labels, figure: { currency: r.currency, value: info.additive ? 0 : null } }));
        setCompared(hit.figure, c.kind, r.value);
      }
      for (const [k, hit] of out) if (!seen.has(k)) setCompared(hit.figure, c.kind, info.additive ? 0 : null);
    });
    return { figures: out, notes };
  };

  return { period, compared, ask, filtersFor, figures, figureRows: () => figureRows };
}

function setCompared(f: Figure, c: Comparison, before: number | null): void {
  const change = f.value === null || before === null ? null : f.value - before;
  if (c === 'previous') Object.assign(f, { previous: before, changePrevious: change, changePreviousPct: pct(f.value, before) });
  else Object.assign(f, { year: before, changeYear: change, changeYearPct: pct(f.value, before) });
}

export function emptyFigure(info: MetricInfo, comparisons: readonly Comparison[]): Figure {
  const zero = info.additive ? 0 : null;
  const f: Figure = { currency: null, value: zero };
  for (const c of comparisons) setCompared(f, c, zero);
  return f;
}
