import { describe, expect, it } from 'vitest';
import type { MetricResult, MetricRow } from '../../shared/contract/metrics';
import { finerGrain, periodKeyRange, periodLabel, quickPeriodOf, quickPeriodRange, rangeLabel } from '../../renderer/src/screens/explore/explore-period';
import { bankTimeText, changeTone, formatChangeCell, formatChangeRatio, formatDataAge, formatValue, sourceText } from '../../renderer/src/screens/explore/explore-format';
import { currenciesOf, currencyAsSplit, MAX_BARS, rowsOf, shapeResult } from '../../renderer/src/screens/explore/explore-series';
import { customerOf, formatRowCell, rowsCountText } from '../../renderer/src/screens/explore/row-cells';

const L = 'en-US';
const MIN = 60_000;

function row(p: Partial<MetricRow>): MetricRow {
  return { period: null, dims: {}, labels: {}, currency: null, value: 0, ...p };
}

describe('bank periods', () => {
  it('quick picks are whole bank periods around the bank’s today, `to` exclusive', () => {
    expect(quickPeriodRange('this_month', '2026-12-04')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(quickPeriodRange('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(quickPeriodRange('this_quarter', '2026-12-04')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(quickPeriodRange('last_quarter', '2026-02-28')).toEqual({ from: '2025-10-01', to: '2026-01-01' });
    expect(quickPeriodRange('last_year', '2026-12-04')).toEqual({ from: '2025-01-01', to: '2026-01-01' });
    expect(quickPeriodOf({ from: '2026-10-01', to: '2027-01-01' }, '2026-12-04')).toBe('this_quarter');
    expect(quickPeriodOf({ from: '2026-10-02', to: '2027-01-01' }, '2026-12-04')).toBeNull();
  });

  it('reads every period key the layer writes, ISO weeks across a year end included', () => {
    expect(periodKeyRange('2026-03-29')).toEqual({ from: '2026-03-29', to: '2026-03-30', grain: 'day' });
    expect(periodKeyRange('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-05', grain: 'week' });
    expect(periodKeyRange('2020-W53')).toEqual({ from: '2020-12-28', to: '2021-01-04', grain: 'week' });
    expect(periodKeyRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-03-01', grain: 'month' });
    expect(periodKeyRange('1997-Q4')).toEqual({ from: '1997-10-01', to: '1998-01-01', grain: 'quarter' });
    expect(periodKeyRange('1997')).toEqual({ from: '1997-01-01', to: '1998-01-01', grain: 'year' });
    for (const bad of ['2026-13', '2026-02-30', '2026-Q5', '2026-W54', 'yesterday']) expect(periodKeyRange(bad)).toBeNull();
    expect([finerGrain('year'), finerGrain('quarter'), finerGrain('month'), finerGrain('week'), finerGrain('day')]).toEqual(['month', 'month', 'day', 'day', null]);
  });

  it('labels periods as calendar days, with no shift by the reader’s zone', () => {
    expect(periodLabel('2026-03-29', L)).toBe('Sun, Mar 29, 2026');
    expect(periodLabel('2026-W13', L)).toBe('Week 13, 2026');
    expect(periodLabel('2026-03', L)).toBe('Mar 2026');
    expect(periodLabel('2026-Q1', L)).toBe('Q1 2026');
    expect(rangeLabel({ from: '2026-10-01', to: '2027-01-01' }, L)).toBe('Q4 2026');
    expect(rangeLabel({ from: '2026-11-30', to: '2026-12-01' }, L)).toBe('Nov 30, 2026');
    expect(rangeLabel({ from: '2026-11-03', to: '2026-11-18' }, L)).toBe('Nov 3, 2026 – Nov 17, 2026');
  });
});

describe('values', () => {
  it('formats money from minor units through the ISO table, never adding currencies', () => {
    // Intl puts a no-break space between the code and the amount.
    const money = (minor: number, currency: string) => formatValue(minor, 'money', currency, L).replace(/\u00a0/g, ' ');
    expect(money(123456, 'CZK')).toBe('CZK 1,234.56');
    expect(money(1234, 'JPY')).toBe('JPY 1,234');
    expect(money(1234567, 'BHD')).toBe('BHD 1,234.567');
    expect(money(100000, 'HUF')).toBe('HUF 1,000.00');
    expect(formatValue(0.04321, 'ratio', null, L)).toBe('4.32%');
    expect(formatValue(12345, 'count', null, L)).toBe('12,345');
    expect(formatChangeCell(-300000, 'money', 'CZK', L)).toBe('−3,000.00');
    expect(formatChangeCell(0.015, 'ratio', null, L)).toBe('+1.5 pp');
    expect(formatChangeRatio(0.125, L)).toBe('+12.5%');
    expect(formatChangeRatio(-0.5, L)).toBe('−50%');
    expect(formatChangeRatio(null, L)).toBe('—');
  });

  it('colours a change by which way is good for the metric', () => {
    expect(changeTone(5, 'up')).toBe('good');
    expect(changeTone(5, 'down')).toBe('bad');
    expect(changeTone(-5, 'down')).toBe('good');
    expect(changeTone(5, 'neutral')).toBe('neutral');
  });

  it('says where figures come from and how old the cache is', () => {
    expect(formatDataAge(30_000)).toBe('less than a minute');
    expect(formatDataAge(3 * MIN)).toBe('3 min');
    expect(formatDataAge(125 * MIN)).toBe('2 h 5 min');
    expect(formatDataAge(50 * 60 * MIN)).toBe('2 days');
    const now = Date.UTC(2026, 11, 4, 10, 0);
    expect(sourceText('cache', now - 3 * MIN, now)).toMatch(/^From this workstation’s cache, 3 min old \(synced /);
    expect(sourceText('bank', now, now)).toMatch(/^From the bank, as of /);
    expect(bankTimeText('Europe/Prague')).toBe('Periods in bank time (Europe/Prague)');
  });

  it('formats the rows view by column kind: money in its row’s currency, bank dates as days', () => {
    const r = { amount: -123456, currency: 'CZK', day: '2026-03-29', n: 1234, share: 0.5, name: null };
    expect(formatRowCell({ key: 'amount', label: 'Amount', kind: 'money', currencyKey: 'currency', sortable: true }, r)).toBe('-1,234.56');
    expect(formatRowCell({ key: 'day', label: 'Day', kind: 'date', sortable: false }, r)).toMatch(/2026/);
    expect(formatRowCell({ key: 'name', label: 'Name', kind: 'text', sortable: false }, r)).toBe('—');
    expect(customerOf({ customerId: 42 }, 'transactions')).toBe(42);
    expect(customerOf({ id: '7' }, 'customers')).toBe(7);
    expect(customerOf({ id: 7 }, 'loans')).toBeNull();
    expect(rowsCountText('1', 1, 'transactions')).toBe('1 transaction');
    expect(rowsCountText('2,340', 2340, 'transactions')).toBe('2,340 transactions');
  });
});

describe('shaping a result for the chart', () => {
  const base: Pick<MetricResult, 'grain' | 'by' | 'compare'> = { grain: null, by: [], compare: 'none' };

  it('lists a money result’s currencies, the largest first, and charts one at a time', () => {
    const result = { unit: 'money' as const, rows: [row({ currency: 'EUR', value: 5 }), row({ currency: 'CZK', value: 900 }), row({ currency: 'EUR', value: 10 })] };
    expect(currenciesOf(result)).toEqual(['CZK', 'EUR']);
    expect(rowsOf(result, 'EUR').map((r) => r.value)).toEqual([5, 10]);
  });

  it('over time: one line per split value, periods in order, missing flow periods at zero', () => {
    const rows = [
      row({ period: '2026-02', dims: { channel: 'atm' }, labels: { channel: 'ATM' }, value: 3 }),
      row({ period: '2026-01', dims: { channel: 'atm' }, labels: { channel: 'ATM' }, value: 1 }),
      row({ period: '2026-01', dims: { channel: 'card' }, labels: { channel: 'Card' }, value: 10 }),
    ];
    const s = shapeResult({ ...base, grain: 'month', by: ['channel'], additive: true, rows }, (k) => k);
    expect(s.mode).toBe('time');
    expect(s.categories.map((c) => c.period)).toEqual(['2026-01', '2026-02']);
    expect(s.series.map((x) => [x.name, x.values])).toEqual([
      ['Card', [10, 0]],
      ['ATM', [1, 3]],
    ]);
  });

  it('a split: bars ranked by value, capped, each carrying the filter a click applies', () => {
    const rows = Array.from({ length: MAX_BARS + 5 }, (_, i) => row({ dims: { branch: String(i) }, labels: { branch: `B${i}` }, value: i }));
    const s = shapeResult({ ...base, by: ['branch'], compare: 'previous', additive: true, rows: rows.map((r) => ({ ...r, previous: 1 })) }, (k) => k);
    expect(s.mode).toBe('split');
    expect(s.categories).toHaveLength(MAX_BARS);
    expect(s.hiddenCategories).toBe(5);
    expect(s.categories[0]).toMatchObject({ label: `B${MAX_BARS + 4}`, dims: { branch: String(MAX_BARS + 4) } });
    expect(s.series.map((x) => x.key)).toEqual(['value', 'previous']);
  });

  it('a count that comes per currency is split by currency, never overwritten', () => {
    const result: Pick<MetricResult, 'unit' | 'by' | 'rows'> = {
      unit: 'count',
      by: [],
      rows: [row({ period: '2026-11-01', currency: 'EUR', value: 81 }), row({ period: '2026-11-01', currency: 'CZK', value: 4 })],
    };
    const split = currencyAsSplit(result);
    expect(split.by).toEqual(['currency']);
    const s = shapeResult({ ...base, grain: 'day', by: split.by, additive: true, rows: split.rows }, (k) => k);
    expect(s.series.map((x) => [x.name, x.values])).toEqual([
      ['EUR', [81]],
      ['CZK', [4]],
    ]);
  });

  it('no grain and no split: one figure, and the compared one beside it', () => {
    const s = shapeResult({ ...base, compare: 'year', additive: true, rows: [row({ value: 7, previous: 5 })] }, (k) => k);
    expect(s.mode).toBe('total');
    expect(s.series.map((x) => x.values)).toEqual([[7], [5]]);
  });
});
