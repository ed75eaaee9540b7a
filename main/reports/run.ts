import { randomUUID } from 'node:crypto';
import { addPeriods, dayIso, periodsBetween, periodStart } from '../../shared/bank-time';
import type { Dimension, Figure, MetricId, MetricInfo, MetricQuery, MetricResult, ReportResult, SectionResult } from '../../shared/contract';
import {
  comparedPeriod,
  COMPARISON_LABELS,
  measureNeeds,
  metricsOf,
  periodRange,
  SCOPE_LABELS,
  type Comparison,
  type Measure,
  type PeriodRange,
  type ReportDefinition,
  type ReportSection,
  type Scope,
} from '../../shared/report-definition';
import { DIMENSION_LABELS, dimensionLabeler, metricInfo, ordinalOrder, type MetricStore } from '../metrics';
import { complianceSection } from './compliance-section';
import { fillNarrative } from './narrative';

/**
 * Runs a report definition through the metric layer into the one result model every renderer and
 * store starts from. Every figure is a catalog metric asked through `query` (queryMetric in this
 * thread, or the read pool's worker): a report never has SQL of its own.
 */

export type MetricAsk = (q: MetricQuery) => Promise<MetricResult>;

export interface RunOptions {
  store: MetricStore;
  /** How questions are answered; default: the caller passes queryMetric bound to the store. */
  ask: MetricAsk;
  bankName: string;
  author: string;
  now?: number;
  /** After each question answered: done of total (for the progress bar). */
  onProgress?: (done: number, total: number, step: string) => void;
  signal?: AbortSignal;
}

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

function rangeText(r: PeriodRange): ReportResult['period'] {
  return { key: r.key, label: r.label, from: dayIso(r.fromDay), to: dayIso(r.toDay), lastDay: dayIso(r.toDay - 1) };
}

const keyOf = (dims: Record<string, string>, by: readonly Dimension[], currency: string | null): string => JSON.stringify([by.map((d) => dims[d] ?? ''), currency]);

interface Answer {
  /** Per split and currency: the figure now and in each compared period. */
  figures: Map<string, { dims: Record<string, string>; labels: Record<string, string>; figure: Figure }>;
  notes: string[];
}

function pct(now: number | null, before: number | null | undefined): number | null {
  if (now === null || before === null || before === undefined || before === 0) return null;
  return (now - before) / Math.abs(before);
}

export async function runReport(def: ReportDefinition, o: RunOptions): Promise<ReportResult> {
  const now = o.now ?? Date.now();
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

  // Filter values printed as the user knows them (the branch's name, not its id).
  const label = await dimensionLabeler(
    o.store,
    def.filters.map((f) => f.dimension),
  );
  const filterLabels: ReportResult['filters'] = def.filters.map((f) => ({ dimension: f.dimension, value: f.value, label: label(f.dimension, f.value) }));
  const sections = await Promise.all(def.sections.map((s) => runSection(s)));

  async function runSection(s: ReportSection): Promise<SectionResult> {
    switch (s.kind) {
      case 'kpis': {
        const notes = new Set<string>();
        const tiles = await Promise.all(
          s.tiles.map(async (t) => {
            const info = metricInfo(t.metric);
            const a = await figures(t.metric, t.scope, []);
            a.notes.forEach((n) => notes.add(n));
            const list = [...a.figures.values()].map((x) => x.figure).sort((x, y) => (x.currency ?? '').localeCompare(y.currency ?? ''));
            return {
              metric: t.metric,
              label: t.label ?? (t.scope === 'period' ? info.label : `${info.label}, ${SCOPE_LABELS[t.scope]}`),
              unit: info.unit,
              better: info.better,
              scope: t.scope,
              figures: list.length ? list : [emptyFigure(info, def.comparisons)],
            };
          }),
        );
        return { kind: 'kpis', id: s.id, title: s.title, tiles, notes: [...notes] };
      }
      case 'chart':
        return chartSection(s);
      case 'table':
        return tableSection(s);
      case 'narrative': {
        const text = await fillNarrative(s.text, {
          period,
          compared,
          bankName: o.bankName,
          asOf: o.store.asOf,
          timeZone: o.store.timeZone,
          filters: filterLabels,
          figure: async (metric) => {
            const a = await figures(metric, 'period', []);
            return { unit: metricInfo(metric).unit, figures: [...a.figures.values()].map((x) => x.figure) };
          },
        });
        return { kind: 'narrative', id: s.id, title: s.title, text };
      }
      case 'compliance':
        return complianceSection(s, { store: o.store, ask, period, filters: filterLabels, ...(o.signal ? { signal: o.signal } : {}) });
    }
  }

  async function chartSection(s: Extract<ReportSection, { kind: 'chart' }>): Promise<SectionResult> {
    const info = metricInfo(s.metric);
    const { filters, notes } = filtersFor(info);
    const by = s.by && info.dimensions.includes(s.by) ? [s.by] : [];
    if (s.by && !by.length) notes.push(`${info.label} cannot be split by ${DIMENSION_LABELS[s.by].toLowerCase()}.`);
    if (s.grain) {
      const from = Math.min(period.fromDay, addPeriods(periodStart(period.toDay - 1, s.grain), s.grain, -(s.periods - 1)));
      const r = await ask({ metric: s.metric, from: dayIso(from), to: dayIso(period.toDay), grain: s.grain, by, filters, compare: 'none' });
      const categories = periodsBetween(from, period.toDay, s.grain).map((p) => p.key);
      const index = new Map(categories.map((k, i) => [k, i]));
      const currencies = new Set(r.rows.map((x) => x.currency));
      const series = new Map<string, { name: string; currency: string | null; values: (number | null)[] }>();
      for (const row of r.rows) {
        const label = by[0] ? (row.labels[by[0]] ?? row.dims[by[0]] ?? '') : info.label;
        const name = currencies.size > 1 && row.currency ? `${label} (${row.currency})` : label;
        const k = `${name}|${row.currency ?? ''}`;
        let line = series.get(k);
        if (!line) series.set(k, (line = { name, currency: row.currency, values: categories.map(() => (info.kind === 'flow' && info.additive ? 0 : null)) }));
        const at = row.period === null ? undefined : index.get(row.period);
        if (at !== undefined) line.values[at] = row.value;
      }
      return {
        kind: 'chart',
        id: s.id,
        title: s.title,
        metric: s.metric,
        unit: info.unit,
        style: s.style,
        categories,
        series: [...series.values()],
        axis: `${s.grain}s (bank periods)`,
        notes,
      };
    }
    const a = await figures(s.metric, 'period', by);
    const entries = [...a.figures.values()];
    // Bars of a split by size, largest first — unless the dimension has an order of its own (days past due).
    const ordinal = by[0] ? ordinalOrder(by[0]) : null;
    const key = (e: (typeof entries)[number]): string => (by[0] ? (e.dims[by[0]] ?? '') : '');
    entries.sort((x, y) => (ordinal ? ordinal(key(x), key(y)) : 0) || (y.figure.value ?? 0) - (x.figure.value ?? 0));
    const labels = [...new Set(entries.map((e) => (by[0] ? (e.labels[by[0]] ?? e.dims[by[0]] ?? '') : info.label)))];
    const currencies = [...new Set(entries.map((e) => e.figure.currency))];
    const series = currencies.map((currency) => ({
      name: currency ?? info.label,
      currency,
      values: labels.map((l) => entries.find((e) => e.figure.currency === currency && (by[0] ? (e.labels[by[0]] ?? e.dims[by[0]]) : info.label) === l)?.figure.value ?? null),
    }));
    return {
      kind: 'chart',
      id: s.id,
      title: s.title,
      metric: s.metric,
      unit: info.unit,
      style: s.style,
      categories: labels,
      series,
      axis: by[0] ? DIMENSION_LABELS[by[0]] : '',
      notes: [...new Set([...notes, ...a.notes])],
    };
  }

  async function tableSection(s: Extract<ReportSection, { kind: 'table' }>): Promise<SectionResult> {
    const notes = new Set<string>();
    const answers = await Promise.all(s.columns.map((c) => figures(c.metric, s.scope, s.by)));
    answers.forEach((a) => a.notes.forEach((n) => notes.add(n)));
    const infos = s.columns.map((c) => metricInfo(c.metric));
    const withCurrency = answers.some((a) => [...a.figures.values()].some((f) => f.figure.currency !== null));
    type Row = { dims: Record<string, string>; labels: Record<string, string>; currency: string | null; cells: Record<string, string | number | null> };
    const rows = new Map<string, Row>();
    const rowFor = (dims: Record<string, string>, labels: Record<string, string>, currency: string | null): Row => {
      const k = keyOf(dims, s.by, currency);
      let row = rows.get(k);
      if (!row) rows.set(k, (row = { dims, labels, currency, cells: {} }));
      return row;
    };
    const columnKey = (i: number): string => `c${i}`;
    s.columns.forEach((c, i) => {
      const info = infos[i];
      const a = answers[i];
      if (!info || !a) return;
      const totals = new Map<string | null, number>();
      for (const f of a.figures.values()) totals.set(f.figure.currency, (totals.get(f.figure.currency) ?? 0) + (f.figure.value ?? 0));
      for (const f of a.figures.values()) {
        const row = rowFor(f.dims, f.labels, f.figure.currency);
        row.cells[columnKey(i)] = measureOf(f.figure, c.measure, totals.get(f.figure.currency) ?? 0, info);
      }
    });
    // A count beside money: when a split holds one currency only, its count belongs on that row.
    for (const [k, row] of rows) {
      if (row.currency !== null) continue;
      const same = [...rows.values()].filter((r) => r !== row && r.currency !== null && keyOf(r.dims, s.by, null) === keyOf(row.dims, s.by, null));
      const only = same.length === 1 ? same[0] : undefined;
      if (only) {
        Object.assign(only.cells, row.cells);
        rows.delete(k);
      }
    }
    const columns: Extract<SectionResult, { kind: 'table' }>['columns'] = [
      ...s.by.map((d) => ({ key: d, label: DIMENSION_LABELS[d], kind: 'text' as const })),
      ...(withCurrency ? [{ key: 'currency', label: 'Currency', kind: 'text' as const }] : []),
      ...s.columns.map((c, i) => ({ key: columnKey(i), label: c.label ?? columnLabel(infos[i]?.label ?? c.metric, c.measure), kind: columnKind(infos[i], c.measure) })),
    ];
    const first = columnKey(0);
    let list = [...rows.values()].map((r) => {
      const cells: Record<string, string | number | null> = { ...r.cells };
      for (const d of s.by) cells[d] = r.labels[d] ?? r.dims[d] ?? '';
      if (withCurrency) cells.currency = r.currency ?? '';
      return { currency: r.currency, cells };
    });
    const num = (v: string | number | null | undefined): number => (typeof v === 'number' ? v : -Infinity);
    list.sort((x, y) => num(y.cells[first]) - num(x.cells[first]) || String(x.cells[s.by[0] ?? ''] ?? '').localeCompare(String(y.cells[s.by[0] ?? ''] ?? '')));
    let omitted = 0;
    if (s.limit !== null && list.length > s.limit) {
      omitted = list.length - s.limit;
      list = list.slice(0, s.limit);
      notes.add(
        `The ${s.limit.toLocaleString('en')} largest of ${(s.limit + omitted).toLocaleString('en')} rows by ${columns.find((c) => c.key === first)?.label ?? 'the first column'}.`,
      );
    }
    return { kind: 'table', id: s.id, title: s.title, scope: s.scope, columns, rows: list, omitted, notes: [...notes] };
  }

  const result: ReportResult = {
    id: randomUUID(),
    definition: def,
    title: def.title,
    audience: def.audience,
    bankName: o.bankName,
    author: o.author,
    generatedAt: now,
    asOf: o.store.asOf,
    source: o.store.source,
    timeZone: o.store.timeZone,
    period: rangeText(period),
    comparisons: compared.map((c) => ({ kind: c.kind, range: rangeText(c.range) })),
    filters: filterLabels,
    sections,
    metrics: metricsOf(def).map((id) => {
      const info = metricInfo(id);
      return { id, label: info.label, definition: info.definition, unit: info.unit };
    }),
    figureRows,
  };
  return result;
}

function setCompared(f: Figure, c: Comparison, before: number | null): void {
  const change = f.value === null || before === null ? null : f.value - before;
  if (c === 'previous') Object.assign(f, { previous: before, changePrevious: change, changePreviousPct: pct(f.value, before) });
  else Object.assign(f, { year: before, changeYear: change, changeYearPct: pct(f.value, before) });
}

function emptyFigure(info: MetricInfo, comparisons: readonly Comparison[]): Figure {
  const zero = info.additive ? 0 : null;
  const f: Figure = { currency: null, value: zero };
  for (const c of comparisons) setCompared(f, c, zero);
  return f;
}

function measureOf(f: Figure, m: Measure, total: number, info: MetricInfo): number | null {
  switch (m) {
    case 'value':
      return f.value;
    case 'previous':
      return f.previous ?? null;
    case 'year':
      return f.year ?? null;
    case 'change_previous':
      return f.changePrevious ?? null;
    case 'change_previous_pct':
      return f.changePreviousPct ?? null;
    case 'change_year':
      return f.changeYear ?? null;
    case 'change_year_pct':
      return f.changeYearPct ?? null;
    case 'share':
      return info.additive && total !== 0 && f.value !== null ? f.value / total : null;
  }
}

function columnKind(info: MetricInfo | undefined, m: Measure): Extract<SectionResult, { kind: 'table' }>['columns'][number]['kind'] {
  if (m === 'share') return 'share';
  if (m === 'change_previous_pct' || m === 'change_year_pct') return 'change_ratio';
  if (!info) return 'count';
  if (info.unit === 'ratio' && (m === 'change_previous' || m === 'change_year')) return 'ratio_pp';
  return info.unit;
}

function columnLabel(metric: string, m: Measure): string {
  if (m === 'value') return metric;
  const need = measureNeeds(m);
  const which = need ? COMPARISON_LABELS[need] : '';
  switch (m) {
    case 'share':
      return 'Share of total';
    case 'previous':
    case 'year':
      return `${metric}, ${which}`;
    default:
      return m.endsWith('_pct') ? `% change vs ${which}` : `Change vs ${which}`;
  }
}
