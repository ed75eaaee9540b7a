import { GRAINS, parseDayIso, type Grain } from '../../../../shared/bank-time';
import { DIMENSIONS, METRIC_IDS, type Dimension, type MetricId, type MetricInfo, type MetricQueryInput, type MetricRowsQuery } from '../../../../shared/contract/metrics';
import { finerGrain, periodKeyRange, type DayRange } from './explore-period';

export type Compare = 'none' | 'previous' | 'year';
export type ExploreView = 'chart' | 'rows';
export type SortDirection = 'asc' | 'desc';

export interface ExploreFilter {
  dimension: Dimension;
  value: string;
  /** The display name seen when it was clicked ("Praha 1" for branch "3"), for the breadcrumb. */
  label?: string;
}

/** The period picked before a chart click narrowed it: the breadcrumb's way back to it. */
export interface OuterPeriod extends DayRange {
  grain: Grain | null;
}

/**
 * Everything the explorer shows, and all of it in the address (#/explore?metric=…), so a link from the
 * dashboard, a bookmark or a reload opens the same view. Filters are kept in the order they were drilled:
 * that order is the breadcrumb.
 */
export interface ExploreState extends DayRange {
  metric: MetricId;
  grain: Grain | null;
  by: Dimension[];
  filters: ExploreFilter[];
  compare: Compare;
  outer: OuterPeriod | null;
  view: ExploreView;
  /** Rows view: the column sorted on (server side), or null for the layer's default order. */
  sort: string | null;
  direction: SortDirection;
}

export const EXPLORE_PATH = 'explore';
const COMPARES: readonly Compare[] = ['none', 'previous', 'year'];

function isMetric(v: string | null): v is MetricId {
  return v !== null && (METRIC_IDS as readonly string[]).includes(v);
}
function isDimension(v: string): v is Dimension {
  return (DIMENSIONS as readonly string[]).includes(v);
}
function isGrain(v: string | null): v is Grain {
  return v !== null && (GRAINS as readonly string[]).includes(v);
}
function isDay(v: string | null): v is string {
  return v !== null && parseDayIso(v) !== null;
}

/** `dimension:value`, split at the first colon (values such as "1-29" or "large_cash" carry none, but may). */
function parseFilter(text: string): { dimension: Dimension; value: string } | null {
  const at = text.indexOf(':');
  if (at <= 0) return null;
  const dimension = text.slice(0, at);
  const value = text.slice(at + 1);
  if (!isDimension(dimension) || value === '' || value.length > 100) return null;
  return { dimension, value };
}

/**
 * The state an address asks for; anything missing or not understood takes the fallback's value, so a
 * hand-edited or outdated link still opens something sensible rather than an error.
 */
export function parseExploreParams(params: URLSearchParams, fallback: ExploreState): ExploreState {
  const metric = params.get('metric');
  const from = params.get('from');
  const to = params.get('to');
  const periodOk = isDay(from) && isDay(to) && from < to;
  const grainText = params.get('grain');
  const grain = grainText === null ? (params.has('metric') ? null : fallback.grain) : isGrain(grainText) ? grainText : fallback.grain;
  const by = (params.get('by') ?? '')
    .split(',')
    .filter(isDimension)
    .filter((d, i, all) => all.indexOf(d) === i)
    .slice(0, 2);
  const filters: ExploreFilter[] = [];
  for (const f of params.getAll('f')) {
    const parsed = parseFilter(f);
    if (!parsed || filters.some((x) => x.dimension === parsed.dimension)) continue;
    const label = params.get(`label.${parsed.dimension}`);
    filters.push(label ? { ...parsed, label } : parsed);
  }
  const compare = params.get('compare');
  const outerFrom = params.get('outerFrom');
  const outerTo = params.get('outerTo');
  const outerGrain = params.get('outerGrain');
  const outer = isDay(outerFrom) && isDay(outerTo) && outerFrom < outerTo ? { from: outerFrom, to: outerTo, grain: isGrain(outerGrain) ? outerGrain : null } : null;
  const sort = params.get('sort');
  return {
    metric: isMetric(metric) ? metric : fallback.metric,
    from: periodOk ? from : fallback.from,
    to: periodOk ? to : fallback.to,
    grain,
    by: params.has('by') ? by : fallback.by,
    filters,
    compare: compare !== null && (COMPARES as readonly string[]).includes(compare) ? (compare as Compare) : 'none',
    outer,
    view: params.get('view') === 'rows' ? 'rows' : 'chart',
    sort: sort && /^[a-zA-Z0-9_]{1,40}$/.test(sort) ? sort : null,
    direction: params.get('dir') === 'asc' ? 'asc' : 'desc',
  };
}

/** The address query for a state: readable (metric=…&from=…&f=branch:3), defaults left out. */
export function toExploreParams(s: ExploreState): URLSearchParams {
  const p = new URLSearchParams();
  p.set('metric', s.metric);
  p.set('from', s.from);
  p.set('to', s.to);
  if (s.grain) p.set('grain', s.grain);
  p.set('by', s.by.join(','));
  for (const f of s.filters) {
    p.append('f', `${f.dimension}:${f.value}`);
    if (f.label && f.label !== f.value) p.set(`label.${f.dimension}`, f.label);
  }
  if (s.compare !== 'none') p.set('compare', s.compare);
  if (s.outer) {
    p.set('outerFrom', s.outer.from);
    p.set('outerTo', s.outer.to);
    if (s.outer.grain) p.set('outerGrain', s.outer.grain);
  }
  if (s.view === 'rows') p.set('view', 'rows');
  if (s.sort) {
    p.set('sort', s.sort);
    p.set('dir', s.direction);
  }
  return p;
}

/** The route (without '#/') that opens the explorer on a state: what the dashboard links to. */
export function exploreRoute(s: ExploreState): string {
  return `${EXPLORE_PATH}?${toExploreParams(s).toString()}`;
}

/** A state from the essentials (what a dashboard tile knows), the rest at rest. */
export function exploreState(s: Pick<ExploreState, 'metric' | 'from' | 'to'> & Partial<ExploreState>): ExploreState {
  return { grain: null, by: [], filters: [], compare: 'none', outer: null, view: 'chart', sort: null, direction: 'desc', ...s };
}

/** The metric layer's question for the chart. */
export function toMetricQuery(s: ExploreState): MetricQueryInput {
  return { metric: s.metric, from: s.from, to: s.to, grain: s.grain, by: s.by, filters: s.filters.map((f) => ({ dimension: f.dimension, value: f.value })), compare: s.compare };
}

/** One page of the rows behind the view. */
export function toRowsQuery(s: ExploreState, offset: number, limit: number): MetricRowsQuery {
  return {
    metric: s.metric,
    from: s.from,
    to: s.to,
    filters: s.filters.map((f) => ({ dimension: f.dimension, value: f.value })),
    ...(s.sort ? { sort: s.sort } : {}),
    direction: s.direction,
    offset,
    limit,
  };
}

/** The order in which the explorer proposes the next split after a click: the most telling first. */
const SPLIT_PREFERENCE: readonly Dimension[] = ['branch', 'channel', 'type', 'product', 'direction', 'currency', 'loan_status', 'dpd_bucket', 'alert_status', 'rule'];

/** The next dimension to split by: the first the metric allows that is neither filtered nor excluded. */
export function nextSplit(info: Pick<MetricInfo, 'dimensions'>, used: readonly Dimension[]): Dimension | null {
  return SPLIT_PREFERENCE.find((d) => info.dimensions.includes(d) && !used.includes(d)) ?? null;
}

/** Keeps only what the metric allows: its dimensions for the split and filters, its grains. */
export function fitToMetric(s: ExploreState, info: Pick<MetricInfo, 'dimensions' | 'grains'>): ExploreState {
  const by = s.by.filter((d) => info.dimensions.includes(d));
  const filters = s.filters.filter((f) => info.dimensions.includes(f.dimension));
  const grain = s.grain && !info.grains.includes(s.grain) ? (info.grains[info.grains.length - 1] ?? null) : s.grain;
  if (by.length === s.by.length && filters.length === s.filters.length && grain === s.grain) return s;
  return { ...s, by, filters, grain };
}

/**
 * A click on a bar (or a row of the figures): filter on the values it stands for and split by the next
 * dimension, so each click goes one level down (all branches → one branch by channel → …).
 */
export function drillIntoDims(s: ExploreState, info: Pick<MetricInfo, 'dimensions'>, dims: Record<string, string>, labels: Record<string, string>): ExploreState {
  const picked = Object.entries(dims).filter((e): e is [Dimension, string] => isDimension(e[0]) && e[1] !== '');
  if (picked.length === 0) return s;
  const filters = [...s.filters.filter((f) => !picked.some(([d]) => d === f.dimension))];
  for (const [dimension, value] of picked) filters.push({ dimension, value, label: labels[dimension] ?? value });
  const next = nextSplit(
    info,
    filters.map((f) => f.dimension),
  );
  return { ...s, filters, by: next ? [next] : [], view: 'chart' };
}

/**
 * A click on a point in time: narrow the period to it and show it one grain finer (a month by day); the
 * period picked before is kept as the breadcrumb's way back.
 */
export function drillIntoPeriod(s: ExploreState, periodKey: string, info: Pick<MetricInfo, 'grains'>): ExploreState {
  const range = periodKeyRange(periodKey);
  if (!range) return s;
  const finer = finerGrain(range.grain);
  const grain = finer && info.grains.includes(finer) ? finer : null;
  // The period of the data, clipped to what was asked: a partial first week stays inside the picked range.
  const from = range.from < s.from ? s.from : range.from;
  const to = range.to > s.to ? s.to : range.to;
  return { ...s, from, to, grain, outer: s.outer ?? { from: s.from, to: s.to, grain: s.grain } };
}

export interface Crumb {
  key: string;
  /** What the crumb says: the metric and period at the root, then each filter's value, the narrowed period. */
  label: string;
  /** The dimension of a filter crumb (for its "Branch:" prefix). */
  dimension?: Dimension;
  /** The state clicking it returns to. */
  target: ExploreState;
}

/**
 * The breadcrumb: the whole metric, then each drilled filter in order (and the narrowed period). Clicking a
 * crumb keeps what is left of it and splits by the first dimension removed, which is what the chart was split
 * by when that filter was clicked — stepping back shows the same picture as before the click.
 */
export function crumbsOf(s: ExploreState, rootLabel: string, periodText: (r: DayRange) => string, valueLabel: (f: ExploreFilter) => string | undefined = () => undefined): Crumb[] {
  const base: ExploreState = { ...s, view: 'chart', sort: null, direction: 'desc' };
  const crumbs: Crumb[] = [];
  const atRoot = s.outer ? { ...base, from: s.outer.from, to: s.outer.to, grain: s.outer.grain, outer: null } : base;
  crumbs.push({ key: 'root', label: rootLabel, target: { ...atRoot, filters: [], by: s.filters[0] ? [s.filters[0].dimension] : s.by } });
  if (s.outer) {
    crumbs.push({ key: 'period', label: periodText(s), target: { ...base, filters: [], by: s.filters[0] ? [s.filters[0].dimension] : s.by } });
  }
  s.filters.forEach((f, i) => {
    const after = s.filters[i + 1];
    crumbs.push({
      key: `f-${f.dimension}`,
      // A filter that came without its label (a link from another screen, an older saved view) shows the layer's name for it.
      label: f.label ?? valueLabel(f) ?? f.value,
      dimension: f.dimension,
      target: { ...base, filters: s.filters.slice(0, i + 1), by: after ? [after.dimension] : s.by },
    });
  });
  return crumbs;
}

/** Removes one filter, keeping the others (the × on a filter chip). */
export function withoutFilter(s: ExploreState, dimension: Dimension): ExploreState {
  return { ...s, filters: s.filters.filter((f) => f.dimension !== dimension) };
}
