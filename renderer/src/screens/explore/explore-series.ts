import type { MetricResult, MetricRow } from '../../../../shared/contract/metrics';

/**
 * A metric result shaped for one chart: categories along one axis (periods over time, or the first split's
 * values), one series per value of the rest. Money is charted one currency at a time — amounts in different
 * currencies never share an axis, let alone a sum.
 */
export interface Category {
  key: string;
  label: string;
  /** What a click on it drills into: a period key, or dimension values. */
  period: string | null;
  dims: Record<string, string>;
  labels: Record<string, string>;
}

export interface Series {
  key: string;
  name: string;
  /** One per category; null where the layer returned no cell. */
  values: (number | null)[];
  /** The series' own dimension values (the second split), merged into a click's filter. */
  dims: Record<string, string>;
  labels: Record<string, string>;
  /** The compared period's values, drawn dashed/faded. */
  previous?: boolean;
}

export interface Shaped {
  mode: 'time' | 'split' | 'total';
  categories: Category[];
  series: Series[];
  /** Series left out to keep the chart readable (all of them are in the figures table). */
  hiddenSeries: number;
  /** Bars of a split left out (the smallest), likewise. */
  hiddenCategories: number;
}

/** At most this many lines or stacked colours; the rest are in the table below the chart. */
export const MAX_SERIES = 8;
/** At most this many bars of a split (the largest); seventy branches would leave no room for their names. */
export const MAX_BARS = 25;

/** The currencies a money result holds, the largest total first (what the chart shows first). */
export function currenciesOf(result: Pick<MetricResult, 'rows' | 'unit'>): string[] {
  if (result.unit !== 'money') return [];
  const totals = new Map<string, number>();
  for (const r of result.rows) if (r.currency) totals.set(r.currency, (totals.get(r.currency) ?? 0) + Math.abs(r.value));
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

/**
 * A count or ratio that still comes per currency (the layer tags cells with their currency) is shown per
 * currency as if split by it: two cells of one period must never overwrite each other, nor be added up here.
 */
export function currencyAsSplit<R extends Pick<MetricResult, 'rows' | 'unit' | 'by'>>(result: R): R {
  if (result.unit === 'money' || result.by.includes('currency')) return result;
  const currencies = new Set(result.rows.map((r) => r.currency));
  if (currencies.size <= 1) return result;
  return {
    ...result,
    by: [...result.by, 'currency'],
    rows: result.rows.map((r) => (r.currency ? { ...r, dims: { ...r.dims, currency: r.currency }, labels: { ...r.labels, currency: r.currency } } : r)),
  };
}

/** The rows of one currency (all rows when the metric is not money). */
export function rowsOf(result: Pick<MetricResult, 'rows' | 'unit'>, currency: string | null): MetricRow[] {
  if (result.unit !== 'money' || currency === null) return result.rows;
  return result.rows.filter((r) => r.currency === currency);
}

function dimsKey(by: readonly string[], row: MetricRow): string {
  return by.map((d) => row.dims[d] ?? '').join('\u0001');
}

function dimsName(by: readonly string[], row: MetricRow): string {
  return by.map((d) => row.labels[d] ?? row.dims[d] ?? '—').join(' · ');
}

function pick(record: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (record[k] !== undefined) out[k] = record[k];
  return out;
}

/**
 * Shapes the rows of one currency. Over time (a grain): periods across, one line per split value (the
 * largest first). Without a grain: the first split's values across, ranked by value, the second split as
 * series. With a comparison and nothing else to draw apart, the compared period is a series of its own.
 */
export function shapeResult(result: Pick<MetricResult, 'grain' | 'by' | 'compare'> & { additive: boolean; rows: MetricRow[] }, periodLabel: (key: string) => string): Shaped {
  const { rows, by } = result;
  const withPrevious = result.compare !== 'none';
  if (result.grain) {
    const periods = [...new Set(rows.map((r) => r.period ?? ''))].sort();
    const categories = periods.map((p) => ({ key: p, label: periodLabel(p), period: p, dims: {}, labels: {} }));
    const index = new Map(periods.map((p, i) => [p, i]));
    const groups = new Map<string, { row: MetricRow; values: (number | null)[]; previous: (number | null)[]; total: number }>();
    for (const r of rows) {
      const k = dimsKey(by, r);
      let g = groups.get(k);
      if (!g) {
        g = { row: r, values: periods.map(() => (result.additive ? 0 : null)), previous: periods.map(() => null), total: 0 };
        groups.set(k, g);
      }
      const i = index.get(r.period ?? '') ?? 0;
      g.values[i] = r.value;
      g.previous[i] = r.previous ?? null;
      g.total += Math.abs(r.value);
    }
    const ranked = [...groups.entries()].sort((a, b) => b[1].total - a[1].total);
    const shown = ranked.slice(0, MAX_SERIES);
    const series: Series[] = shown.map(([k, g]) => ({
      key: k,
      name: by.length === 0 ? 'This period' : dimsName(by, g.row),
      values: g.values,
      dims: pick(g.row.dims, by),
      labels: pick(g.row.labels, by),
    }));
    if (withPrevious && by.length === 0 && shown[0]) series.push({ key: 'previous', name: 'Compared period', values: shown[0][1].previous, dims: {}, labels: {}, previous: true });
    return { mode: 'time', categories, series, hiddenSeries: ranked.length - shown.length, hiddenCategories: 0 };
  }
  if (by.length === 0) {
    const r = rows[0];
    const categories: Category[] = r ? [{ key: 'total', label: 'Total', period: null, dims: {}, labels: {} }] : [];
    const series: Series[] = r ? [{ key: 'value', name: 'This period', values: [r.value], dims: {}, labels: {} }] : [];
    if (r && withPrevious) series.push({ key: 'previous', name: 'Compared period', values: [r.previous ?? null], dims: {}, labels: {}, previous: true });
    return { mode: 'total', categories, series, hiddenSeries: 0, hiddenCategories: 0 };
  }
  const [first, ...rest] = by as [string, ...string[]];
  const totals = new Map<string, { row: MetricRow; total: number }>();
  for (const r of rows) {
    const k = r.dims[first] ?? '';
    const t = totals.get(k) ?? { row: r, total: 0 };
    t.total += r.value;
    totals.set(k, t);
  }
  const all = [...totals.entries()].sort((a, b) => b[1].total - a[1].total);
  const ranked = all.slice(0, MAX_BARS);
  const hiddenCategories = all.length - ranked.length;
  const categories: Category[] = ranked.map(([k, t]) => ({
    key: k,
    label: t.row.labels[first] ?? k,
    period: null,
    dims: { [first]: k },
    labels: { [first]: t.row.labels[first] ?? k },
  }));
  const index = new Map(ranked.map(([k], i) => [k, i]));
  if (rest.length === 0) {
    const values = categories.map(() => null as number | null);
    const previous = categories.map(() => null as number | null);
    for (const r of rows) {
      const i = index.get(r.dims[first] ?? '');
      if (i === undefined) continue;
      values[i] = r.value;
      previous[i] = r.previous ?? null;
    }
    const series: Series[] = [{ key: 'value', name: 'This period', values, dims: {}, labels: {} }];
    if (withPrevious) series.push({ key: 'previous', name: 'Compared period', values: previous, dims: {}, labels: {}, previous: true });
    return { mode: 'split', categories, series, hiddenSeries: 0, hiddenCategories };
  }
  const groups = new Map<string, { row: MetricRow; values: (number | null)[]; total: number }>();
  for (const r of rows) {
    const i = index.get(r.dims[first] ?? '');
    if (i === undefined) continue;
    const k = dimsKey(rest, r);
    let g = groups.get(k);
    if (!g) {
      g = { row: r, values: categories.map(() => null), total: 0 };
      groups.set(k, g);
    }
    g.values[i] = r.value;
    g.total += Math.abs(r.value);
  }
  const rankedSeries = [...groups.entries()].sort((a, b) => b[1].total - a[1].total);
  const shown = rankedSeries.slice(0, MAX_SERIES);
  return {
    mode: 'split',
    categories,
    series: shown.map(([k, g]) => ({ key: k, name: dimsName(rest, g.row), values: g.values, dims: pick(g.row.dims, rest), labels: pick(g.row.labels, rest) })),
    hiddenSeries: rankedSeries.length - shown.length,
    hiddenCategories,
  };
}
