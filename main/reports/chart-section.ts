import { addPeriods, dayIso, periodsBetween, periodStart } from '../../shared/bank-time';
import type { SectionResult } from '../../shared/contract';
import type { ReportSection } from '../../shared/report-definition';
import { DIMENSION_LABELS, metricInfo, ordinalOrder } from '../metrics';
import type { ReportFigures } from './figures';

/*
 * A report's chart section: a metric over the bank's periods (one line per split value and currency),
 * or one period's figures as bars, largest first unless the dimension has an order of its own.
 */

type ChartSeries = Extract<SectionResult, { kind: 'chart' }>['series'][number];

export async function chartSection(report: ReportFigures, s: Extract<ReportSection, { kind: 'chart' }>): Promise<SectionResult> {
  const { period, ask, filtersFor, figures } = report;
  const info = metricInfo(s.metric);
  const { filters, notes } = filtersFor(info);
  const by = s.by && info.dimensions.includes(s.by) ? [s.by] : [];
  if (s.by && !by.length) notes.push(`${info.label} cannot be split by ${DIMENSION_LABELS[s.by].toLowerCase()}.`);
  const chart = (categories: string[], series: ChartSeries[], axis: string, notes: string[]): SectionResult => ({
    kind: 'chart',
    id: s.id,
    title: s.title,
    metric: s.metric,
    unit: info.unit,
    style: s.style,
    categories,
    series,
    axis,
    notes,
  });
  if (s.grain) {
    const from = Math.min(period.fromDay, addPeriods(periodStart(period.toDay - 1, s.grain), s.grain, -(s.periods - 1)));
    const r = await ask({ metric: s.metric, from: dayIso(from), to: dayIso(period.toDay), grain: s.grain, by, filters, compare: 'none' });
    const categories = periodsBetween(from, period.toDay, s.grain).map((p) => p.key);
    const index = new Map(categories.map((k, i) => [k, i]));
    const currencies = new Set(r.rows.map((x) => x.currency));
    const series = new Map<string, ChartSeries>();
    for (const row of r.rows) {
      const label = by[0] ? (row.labels[by[0]] ?? row.dims[by[0]] ?? '') : info.label;
      const name = currencies.size > 1 && row.currency ? `${label} (${row.currency})` : label;
      const k = `${name}|${row.currency ?? ''}`;
      let line = series.get(k);
      if (!line) series.set(k, (line = { name, currency: row.currency, values: categories.map(() => (info.kind === 'flow' && info.additive ? 0 : null)) }));
      const at = row.period === null ? undefined : index.get(row.period);
      if (at !== undefined) line.values[at] = row.value;
    }
    return chart(categories, [...series.values()], `${s.grain}s (bank periods)`, notes);
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
  return chart(labels, series, by[0] ? DIMENSION_LABELS[by[0]] : '', [...new Set([...notes, ...a.notes])]);
}
