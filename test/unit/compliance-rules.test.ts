import { describe, expect, it } from 'vitest';
import { parseDayIso } from '../../shared/bank-time';
import type { MetricRow } from '../../shared/contract';
import { cashDays, isReportable, structuringCount, structuringHits } from '../../main/compliance/cash-days';
import { dueDayIso, deadlineStatus, isWeekend, nextBusinessDay } from '../../main/compliance/deadlines';
import { convertMinor, parseRate, rateOn, type RateTable } from '../../main/compliance/fx';
import { projectCrossing, statusOf } from '../../main/compliance/status';

const day = (iso: string): number => parseDayIso(iso) as number;
const row = (period: string, customer: string, direction: 'in' | 'out', currency: string, value: number): MetricRow => ({
  period,
  dims: { customer, direction },
  labels: {},
  currency,
  value,
});

describe('large cash: threshold is "more than", in and out apart', () => {
  const T = 1_000_000; // 10,000.00 EUR
  it('exactly at the threshold is not reportable; one minor unit above is', () => {
    expect(isReportable({ cashIn: 1_000_000, cashOut: 0 }, T)).toBe(false);
    expect(isReportable({ cashIn: 1_000_001, cashOut: 0 }, T)).toBe(true);
    expect(isReportable({ cashIn: 0, cashOut: 1_000_001 }, T)).toBe(true);
  });
  it('never nets or adds cash in and cash out', () => {
    const days = cashDays([row('2024-11-05', '2', 'in', 'EUR', 700_000), row('2024-11-05', '2', 'out', 'EUR', 700_000)], 'EUR', new Map());
    const cd = days.get(`2|${day('2024-11-05')}`);
    expect(cd).toMatchObject({ cashIn: 700_000, cashOut: 700_000 });
    expect(isReportable(cd as NonNullable<typeof cd>, T)).toBe(false);
  });
  it('converts other currencies at the rate in force that day and lists them apart without one', () => {
    const rates: RateTable = new Map([['USD', [{ day: day('2024-11-01'), rate: parseRate('0.9') as NonNullable<ReturnType<typeof parseRate>> }]]]);
    const days = cashDays(
      [
        row('2024-11-06', '3', 'in', 'USD', 600_000),
        row('2024-11-06', '3', 'in', 'EUR', 500_000),
        row('2024-10-20', '3', 'in', 'USD', 2_000_000),
        row('2024-11-06', '3', 'in', 'JPY', 5000),
      ],
      'EUR',
      rates,
    );
    expect(days.get(`3|${day('2024-11-06')}`)).toEqual({
      customerId: 3,
      day: day('2024-11-06'),
      cashIn: 1_040_000,
      cashOut: 0,
      unconverted: [{ currency: 'JPY', cashIn: 5000, cashOut: 0 }],
    });
    // Before the first USD rate: listed apart, not summed, not reportable.
    const before = days.get(`3|${day('2024-10-20')}`);
    expect(before).toEqual({ customerId: 3, day: day('2024-10-20'), cashIn: 0, cashOut: 0, unconverted: [{ currency: 'USD', cashIn: 2_000_000, cashOut: 0 }] });
  });
});

describe('exact conversion', () => {
  it('rounds half away from zero once, across decimals (JPY 0, BHD 3)', () => {
    expect(convertMinor(12_345, 'USD', 'EUR', parseRate('0.9'))).toBe(11_111); // 123.45 × 0.9 = 111.105 → 111.11
    expect(convertMinor(100, 'JPY', 'EUR', parseRate('0.0062'))).toBe(62); // 100 JPY × 0.0062 = 0.62 EUR
    expect(convertMinor(1_000, 'BHD', 'EUR', parseRate('2.4'))).toBe(240); // 1.000 BHD → 2.40 EUR
    expect(convertMinor(5, 'EUR', 'EUR', null)).toBe(5);
    expect(convertMinor(5, 'USD', 'EUR', null)).toBeNull();
    expect(parseRate('0')).toBeNull();
    expect(parseRate('1e3')).toBeNull();
    expect(() => convertMinor(Number.MAX_SAFE_INTEGER, 'JPY', 'BHD', parseRate('1000'))).toThrow(RangeError);
  });
  it('takes the latest rate on or before the day', () => {
    const r1 = parseRate('1') as NonNullable<ReturnType<typeof parseRate>>;
    const r2 = parseRate('2') as NonNullable<ReturnType<typeof parseRate>>;
    const t: RateTable = new Map([
      [
        'USD',
        [
          { day: 10, rate: r1 },
          { day: 20, rate: r2 },
        ],
      ],
    ]);
    expect(rateOn(t, 'USD', 9)).toBeNull();
    expect(rateOn(t, 'USD', 10)).toBe(r1);
    expect(rateOn(t, 'USD', 19)).toBe(r1);
    expect(rateOn(t, 'USD', 20)).toBe(r2);
  });
});

describe('structuring', () => {
  it('flags two days just under the threshold within 3 bank days, not further apart, not reportable days', () => {
    const T = 1_000_000;
    const cd = (c: number, d: string, cashIn: number) => ({ customerId: c, day: day(d), cashIn, cashOut: 0, unconverted: [] });
    const hits = structuringHits(
      [
        cd(4, '2024-11-12', 950_000),
        cd(4, '2024-11-14', 1_000_000),
        cd(5, '2024-11-12', 950_000),
        cd(5, '2024-11-15', 950_000),
        cd(6, '2024-11-12', 950_000),
        cd(6, '2024-11-13', 1_000_001),
        cd(7, '2024-11-12', 899_999),
        cd(7, '2024-11-13', 950_000),
      ],
      T,
    );
    expect([...hits.keys()]).toEqual([4]);
    expect(structuringCount(hits, day('2024-11-14'))).toBe(1);
    expect(structuringCount(hits, day('2024-11-13'))).toBe(0);
    expect(structuringCount(hits, day('2024-12-13'))).toBe(1); // 29 days later: still in the window
    expect(structuringCount(hits, day('2024-12-14'))).toBe(0);
  });
});

describe('filing deadlines in bank days', () => {
  it('counts calendar days and moves a weekend due day to Monday', () => {
    expect(isWeekend(day('2024-11-16'))).toBe(true); // Saturday
    expect(isWeekend(day('2024-11-18'))).toBe(false);
    expect(nextBusinessDay(day('2024-11-17'))).toBe(day('2024-11-18'));
    expect(dueDayIso('2024-10-27', 15)).toBe('2024-11-11'); // Sunday + 15 = Monday
    expect(dueDayIso('2024-11-01', 15)).toBe('2024-11-18'); // Friday + 15 = Saturday → Monday
    expect(dueDayIso('2024-11-06', 15)).toBe('2024-11-21');
    expect(dueDayIso('2024-12-01', 30)).toBe('2024-12-31');
    expect(dueDayIso('2024-12-01', 60)).toBe('2025-01-30');
  });
  it('is due on its day and overdue the day after', () => {
    const due = day('2024-11-11');
    expect(deadlineStatus(due, due, false)).toBe('due');
    expect(deadlineStatus(due, due + 1, false)).toBe('overdue');
    expect(deadlineStatus(due, due + 1, true)).toBe('filed');
  });
});

describe('band edges', () => {
  it('max: equal to the warning edge is ok, equal to the limit is warning, above it breach', () => {
    expect(statusOf(0.1, 0.25, 0.1, 'max')).toBe('ok');
    expect(statusOf(0.100001, 0.25, 0.1, 'max')).toBe('warning');
    expect(statusOf(0.25, 0.25, 0.1, 'max')).toBe('warning');
    expect(statusOf(0.250001, 0.25, 0.1, 'max')).toBe('breach');
  });
  it('min: equal to the warning edge is ok, equal to the limit is warning, below it breach', () => {
    expect(statusOf(1.2, 1, 1.2, 'min')).toBe('ok');
    expect(statusOf(1.19, 1, 1.2, 'min')).toBe('warning');
    expect(statusOf(1, 1, 1.2, 'min')).toBe('warning');
    expect(statusOf(0.99, 1, 1.2, 'min')).toBe('breach');
    // Deadlines: 0 days left is due today (warning), −1 overdue (breach).
    expect(statusOf(0, 0, 5, 'min')).toBe('warning');
    expect(statusOf(-1, 0, 5, 'min')).toBe('breach');
    expect(statusOf(5, 0, 5, 'min')).toBe('ok');
  });
  it('a value that cannot be computed is unknown, never ok', () => {
    expect(statusOf(null, 1, 1.2, 'min')).toBe('unknown');
  });
});

describe('projection', () => {
  it('extends the last 30 days’ line to the first day past the limit', () => {
    // 0.60 rising by 0.01 a day over 30 days → 0.89 today; the limit 0.9 is crossed when above 0.9: 2 days ahead.
    const trend = Array.from({ length: 30 }, (_, i) => ({ day: 1000 + i, value: 0.6 + i * 0.01 }));
    expect(projectCrossing(trend, 0.9, 'max')).toBe('1972-10-28'); // day 1031: 0.90 on day 1030 is at the limit, 0.91 past it
    expect(
      projectCrossing(
        trend.map((p) => ({ ...p, value: 1 - (p.value - 0.6) })),
        0.9,
        'max',
      ),
    ).toBeNull(); // moving away
    expect(projectCrossing(trend.slice(0, 3), 0.9, 'max')).toBeNull(); // too few points
  });
});
