import type { Figure, MetricInfo, SectionResult } from '../../shared/contract';
import { COMPARISON_LABELS, measureNeeds, type Measure, type ReportSection } from '../../shared/report-definition';
import { DIMENSION_LABELS, metricInfo } from '../metrics';
import { keyOf, type ReportFigures } from './figures';

/*
 * A report's table section: one row per split value and currency, one column per metric and measure
 * (value, compared value, change, share), largest first, cut to the section's limit with a note.
 */

export async function tableSection(report: ReportFigures, s: Extract<ReportSection, { kind: 'table' }>): Promise<SectionResult> {
  const { figures } = report;
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

/** The figure's field each measure reads (share is worked out from the value). */
const FIGURE_FIELD: Record<Exclude<Measure, 'share'>, Exclude<keyof Figure, 'currency'>> = {
  value: 'value',
  previous: 'previous',
  year: 'year',
  change_previous: 'changePrevious',
  change_previous_pct: 'changePreviousPct',
  change_year: 'changeYear',
  change_year_pct: 'changeYearPct',
};

function measureOf(f: Figure, m: Measure, total: number, info: MetricInfo): number | null {
  if (m === 'share') return info.additive && total !== 0 && f.value !== null ? f.value / total : null;
  return f[FIGURE_FIELD[m]] ?? null;
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
