import { describe, expect, it } from 'vitest';
import type { MetricInfo } from '../../shared/contract/metrics';
import { kpiRoute, dayByBranchRoute } from '../../renderer/src/screens/dashboard/explore-links';
import {
  crumbsOf,
  drillIntoDims,
  drillIntoPeriod,
  exploreRoute,
  exploreState,
  fitToMetric,
  nextSplit,
  parseExploreParams,
  toExploreParams,
  toMetricQuery,
  toRowsQuery,
  type ExploreState,
} from '../../renderer/src/screens/explore/explore-state';

const VOLUME: Pick<MetricInfo, 'dimensions' | 'grains'> = {
  dimensions: ['branch', 'product', 'channel', 'type', 'currency', 'direction'],
  grains: ['day', 'week', 'month', 'quarter', 'year'],
};
const FALLBACK = exploreState({ metric: 'transactions_count', from: '2026-11-01', to: '2026-12-01', grain: 'day' });

function roundTrip(s: ExploreState): ExploreState {
  return parseExploreParams(new URLSearchParams(toExploreParams(s).toString()), FALLBACK);
}

describe('explorer state in the address', () => {
  it('round-trips every part of a view through the query string', () => {
    const s: ExploreState = {
      metric: 'transactions_volume',
      from: '2026-11-30',
      to: '2026-12-01',
      grain: null,
      by: ['channel', 'type'],
      filters: [
        { dimension: 'branch', value: '18', label: 'CloudBank Písek' },
        { dimension: 'direction', value: 'in' },
      ],
      compare: 'year',
      outer: { from: '2026-10-01', to: '2027-01-01', grain: 'month' },
      view: 'rows',
      sort: 'amount',
      direction: 'asc',
    };
    expect(roundTrip(s)).toEqual(s);
    // Readable: the filters are "dimension:value", in drill order.
    const p = toExploreParams(s);
    expect(p.getAll('f')).toEqual(['branch:18', 'direction:in']);
    expect(p.get('label.branch')).toBe('CloudBank Písek');
  });

  it('keeps a grain of null (the whole period) apart from a missing address', () => {
    const whole = exploreState({ metric: 'transactions_count', from: '2026-11-01', to: '2026-12-01' });
    expect(roundTrip(whole).grain).toBeNull();
    expect(parseExploreParams(new URLSearchParams(''), FALLBACK)).toEqual(FALLBACK);
  });

  it('falls back part by part on what it does not understand, and never filters a dimension twice', () => {
    const p = new URLSearchParams(
      'metric=no_such_metric&from=2026-02-30&to=2026-03-01&grain=hour&by=branch,nonsense,branch,channel,type&f=branch:3&f=branch:4&f=planet:mars&f=channel:&compare=sometimes&sort=a;drop',
    );
    const s = parseExploreParams(p, FALLBACK);
    expect(s.metric).toBe('transactions_count');
    expect([s.from, s.to]).toEqual(['2026-11-01', '2026-12-01']);
    expect(s.grain).toBe('day');
    expect(s.by).toEqual(['branch', 'channel']);
    expect(s.filters).toEqual([{ dimension: 'branch', value: '3' }]);
    expect(s.compare).toBe('none');
    expect(s.sort).toBeNull();
  });

  it('refuses a period that ends before it starts', () => {
    const s = parseExploreParams(new URLSearchParams('metric=transactions_count&from=2026-12-01&to=2026-11-01'), FALLBACK);
    expect([s.from, s.to]).toEqual([FALLBACK.from, FALLBACK.to]);
  });

  it('asks the metric layer and the rows exactly what the view shows', () => {
    const s = exploreState({
      metric: 'transactions_volume',
      from: '2026-11-30',
      to: '2026-12-01',
      by: ['channel'],
      filters: [{ dimension: 'branch', value: '18', label: 'Písek' }],
      sort: 'amount',
      direction: 'asc',
    });
    expect(toMetricQuery(s)).toEqual({
      metric: 'transactions_volume',
      from: '2026-11-30',
      to: '2026-12-01',
      grain: null,
      by: ['channel'],
      filters: [{ dimension: 'branch', value: '18' }],
      compare: 'none',
    });
    expect(toRowsQuery(s, 200, 200)).toEqual({
      metric: 'transactions_volume',
      from: '2026-11-30',
      to: '2026-12-01',
      filters: [{ dimension: 'branch', value: '18' }],
      sort: 'amount',
      direction: 'asc',
      offset: 200,
      limit: 200,
    });
  });
});

describe('drilling down and stepping back', () => {
  const day = exploreState({ metric: 'transactions_volume', from: '2026-11-30', to: '2026-12-01', by: ['branch'] });

  it('a bar filters on its value and splits by the next dimension the metric has', () => {
    const branch = drillIntoDims(day, VOLUME, { branch: '18' }, { branch: 'CloudBank Písek' });
    expect(branch.filters).toEqual([{ dimension: 'branch', value: '18', label: 'CloudBank Písek' }]);
    expect(branch.by).toEqual(['channel']);
    const channel = drillIntoDims(branch, VOLUME, { channel: 'atm' }, { channel: 'ATM' });
    expect(channel.filters.map((f) => f.dimension)).toEqual(['branch', 'channel']);
    expect(channel.by).toEqual(['type']);
    // A second click on the same dimension replaces its filter instead of adding a contradiction.
    expect(drillIntoDims(channel, VOLUME, { channel: 'card' }, {}).filters).toEqual([branch.filters[0], { dimension: 'channel', value: 'card', label: 'card' }]);
  });

  it('proposes no split once every dimension is used', () => {
    expect(nextSplit({ dimensions: ['branch'] }, ['branch'])).toBeNull();
    expect(nextSplit({ dimensions: ['loan_status', 'branch'] }, [])).toBe('branch');
  });

  it('a point in time narrows the period one grain finer, clipped to the range, and remembers the way back', () => {
    const year = exploreState({ metric: 'transactions_count', from: '2026-01-15', to: '2027-01-01', grain: 'month' });
    const jan = drillIntoPeriod(year, '2026-01', VOLUME);
    expect([jan.from, jan.to, jan.grain]).toEqual(['2026-01-15', '2026-02-01', 'day']);
    expect(jan.outer).toEqual({ from: '2026-01-15', to: '2027-01-01', grain: 'month' });
    const oneDay = drillIntoPeriod(jan, '2026-01-20', VOLUME);
    expect([oneDay.from, oneDay.to, oneDay.grain]).toEqual(['2026-01-20', '2026-01-21', null]);
    // The way back is still the period first picked, not the month in between.
    expect(oneDay.outer).toEqual(jan.outer);
    // A week runs Monday to Sunday; quarters show months.
    expect(drillIntoPeriod(exploreState({ metric: 'transactions_count', from: '2025-01-01', to: '2027-01-01', grain: 'week' }), '2026-W01', VOLUME)).toMatchObject({
      from: '2025-12-29',
      to: '2026-01-05',
      grain: 'day',
    });
    expect(drillIntoPeriod(year, '2026-Q2', VOLUME)).toMatchObject({ from: '2026-04-01', to: '2026-07-01', grain: 'month' });
  });

  it('the breadcrumb returns to each step with the split it had', () => {
    const branch = drillIntoDims(day, VOLUME, { branch: '18' }, { branch: 'CloudBank Písek' });
    const channel = { ...drillIntoDims(branch, VOLUME, { channel: 'atm' }, { channel: 'ATM' }), view: 'rows' as const, sort: 'amount' };
    const crumbs = crumbsOf(channel, 'Volume, 30 Nov 2026', (r) => `${r.from}…${r.to}`);
    expect(crumbs.map((c) => c.label)).toEqual(['Volume, 30 Nov 2026', 'CloudBank Písek', 'ATM']);
    const [root, first] = crumbs;
    expect(root?.target).toMatchObject({ filters: [], by: ['branch'], view: 'chart', sort: null });
    expect(first?.target).toMatchObject({ filters: [branch.filters[0]], by: ['channel'] });
  });

  it('a filter that arrived without its label (a link, an older saved view) is named by the layer, else shown as its value', () => {
    const linked = exploreState({
      metric: 'transactions_volume',
      from: '2026-11-01',
      to: '2026-12-01',
      grain: 'day',
      filters: [
        { dimension: 'branch', value: '18' },
        { dimension: 'channel', value: 'atm' },
      ],
    });
    const names: Record<string, string> = { 'branch=18': 'CloudBank Písek' };
    const crumbs = crumbsOf(
      linked,
      'Volume',
      (r) => r.from,
      (f) => names[`${f.dimension}=${f.value}`],
    );
    expect(crumbs.map((c) => c.label)).toEqual(['Volume', 'CloudBank Písek', 'atm']);
    // A label the filter carries itself wins.
    const labelled = drillIntoDims(linked, VOLUME, { type: 'card' }, { type: 'Card payment' });
    expect(
      crumbsOf(
        labelled,
        'Volume',
        (r) => r.from,
        () => 'from the layer',
      ).at(-1)?.label,
    ).toBe('Card payment');
  });

  it('a narrowed period is a crumb of its own; the root restores the period and grain first picked', () => {
    const month = exploreState({ metric: 'transactions_count', from: '2026-11-01', to: '2026-12-01', grain: 'day', by: [] });
    const narrowed = drillIntoDims(drillIntoPeriod(month, '2026-11-30', VOLUME), VOLUME, { branch: '18' }, { branch: 'Písek' });
    const crumbs = crumbsOf(narrowed, 'Transactions', (r) => r.from);
    expect(crumbs.map((c) => c.key)).toEqual(['root', 'period', 'f-branch']);
    expect(crumbs[0]?.target).toMatchObject({ from: '2026-11-01', to: '2026-12-01', grain: 'day', outer: null, filters: [], by: ['branch'] });
    expect(crumbs[1]?.target).toMatchObject({ from: '2026-11-30', to: '2026-12-01', filters: [] });
  });

  it('a metric change keeps only the splits, filters and grain the new metric has', () => {
    const s = exploreState({
      metric: 'loans_granted_count',
      from: '2026-01-01',
      to: '2027-01-01',
      grain: 'day',
      by: ['channel', 'branch'],
      filters: [{ dimension: 'direction', value: 'in' }],
    });
    expect(fitToMetric(s, { dimensions: ['branch', 'loan_status'], grains: ['month', 'quarter', 'year'] })).toMatchObject({ by: ['branch'], filters: [], grain: 'year' });
  });
});

describe('dashboard links into the explorer', () => {
  it('a day of the volume chart opens that bank day by branch', () => {
    const p = new URLSearchParams(dayByBranchRoute('transactions_volume', '2026-03-29').split('?')[1]);
    expect(Object.fromEntries(p)).toEqual({ metric: 'transactions_volume', from: '2026-03-29', to: '2026-03-30', by: 'branch' });
  });

  it('each KPI opens its metric', () => {
    const q = (kpi: Parameters<typeof kpiRoute>[0]) => Object.fromEntries(new URLSearchParams(kpiRoute(kpi, '2026-12-04').split('?')[1]));
    expect(q('deposits')).toMatchObject({ metric: 'deposits_held', from: '2026-01-01', to: '2027-01-01', grain: 'month' });
    expect(q('customers').metric).toBe('new_customers');
    expect(q('accounts').metric).toBe('accounts_opened');
    expect(q('today-count')).toMatchObject({ metric: 'transactions_count', from: '2026-12-04', to: '2026-12-05', by: 'branch' });
    expect(exploreRoute(exploreState({ metric: 'transactions_count', from: '2026-12-04', to: '2026-12-05' }))).toMatch(/^explore\?/);
  });
});
