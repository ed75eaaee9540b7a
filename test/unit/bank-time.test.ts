import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  bankDayLength,
  bankDayOf,
  bankDayStart,
  DAY_MS,
  dayIso,
  offsetSegments,
  parseDayIso,
  periodKey,
  periodsBetween,
  periodStart,
  zoneClock,
  zoneOffsetMinutes,
} from '../../shared/bank-time';

const PRAGUE = 'Europe/Prague';
const NEW_YORK = 'America/New_York';
const H = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);
/** Day number of a calendar date, asserted valid. */
const day = (iso: string): number => {
  const d = parseDayIso(iso);
  if (d === null) throw new Error(`not a date: ${iso}`);
  return d;
};

describe('bank days across daylight-saving changes', () => {
  it('Prague springs forward on 2024-03-31: a 23-hour day from 23:00 UTC the evening before', () => {
    expect(bankDayStart(day('2024-03-31'), PRAGUE)).toBe(utc('2024-03-30T23:00:00Z'));
    expect(bankDayStart(day('2024-04-01'), PRAGUE)).toBe(utc('2024-03-31T22:00:00Z'));
    expect(bankDayLength(day('2024-03-31'), PRAGUE)).toBe(23 * H);
    expect(bankDayLength(day('2024-03-30'), PRAGUE)).toBe(24 * H);
  });

  it('Prague falls back on 2024-10-27: a 25-hour day', () => {
    expect(bankDayStart(day('2024-10-27'), PRAGUE)).toBe(utc('2024-10-26T22:00:00Z'));
    expect(bankDayStart(day('2024-10-28'), PRAGUE)).toBe(utc('2024-10-27T23:00:00Z'));
    expect(bankDayLength(day('2024-10-27'), PRAGUE)).toBe(25 * H);
  });

  it('New York changes on 2024-03-10 (23 h) and 2024-11-03 (25 h)', () => {
    expect(bankDayStart(day('2024-03-10'), NEW_YORK)).toBe(utc('2024-03-10T05:00:00Z'));
    expect(bankDayLength(day('2024-03-10'), NEW_YORK)).toBe(23 * H);
    expect(bankDayStart(day('2024-11-03'), NEW_YORK)).toBe(utc('2024-11-03T04:00:00Z'));
    expect(bankDayLength(day('2024-11-03'), NEW_YORK)).toBe(25 * H);
  });

  it('places instants near local midnight in the local date, not the UTC date', () => {
    // 00:30 CET on the 31st, while UTC is still on the 30th.
    expect(dayIso(bankDayOf(utc('2024-03-30T23:30:00Z'), PRAGUE))).toBe('2024-03-31');
    // 23:59:59.999 CEST, the last instant of the short day, and the first of the next.
    expect(dayIso(bankDayOf(utc('2024-03-31T21:59:59.999Z'), PRAGUE))).toBe('2024-03-31');
    expect(dayIso(bankDayOf(utc('2024-03-31T22:00:00Z'), PRAGUE))).toBe('2024-04-01');
    // The long day: 23:59 CET is 22:59 UTC; both 02:30s (CEST and CET) are the 27th.
    expect(dayIso(bankDayOf(utc('2024-10-27T22:59:00Z'), PRAGUE))).toBe('2024-10-27');
    expect(dayIso(bankDayOf(utc('2024-10-27T23:00:00Z'), PRAGUE))).toBe('2024-10-28');
    expect(dayIso(bankDayOf(utc('2024-10-27T00:30:00Z'), PRAGUE))).toBe('2024-10-27');
    expect(dayIso(bankDayOf(utc('2024-10-27T01:30:00Z'), PRAGUE))).toBe('2024-10-27');
    // Summer midnight: 22:30 UTC on 30 June is 00:30 on 1 July in Prague.
    expect(dayIso(bankDayOf(utc('2024-06-30T22:30:00Z'), PRAGUE))).toBe('2024-07-01');
    // West of UTC the other way round: 03:59 UTC on 4 July is 23:59 EDT on the 3rd.
    expect(dayIso(bankDayOf(utc('2024-07-04T03:59:00Z'), NEW_YORK))).toBe('2024-07-03');
    expect(dayIso(bankDayOf(utc('2024-07-04T04:00:00Z'), NEW_YORK))).toBe('2024-07-04');
    // A year end: 23:30 UTC on 31 December is already New Year in Prague.
    expect(dayIso(bankDayOf(utc('2024-12-31T23:30:00Z'), PRAGUE))).toBe('2025-01-01');
  });

  it('a bank day contains exactly the instants from its start to the next start', () => {
    for (const zone of [PRAGUE, NEW_YORK]) {
      for (const iso of ['2024-03-10', '2024-03-31', '2024-10-27', '2024-11-03', '2024-12-31']) {
        const d = day(iso);
        const start = bankDayStart(d, zone);
        expect(bankDayOf(start, zone)).toBe(d);
        expect(bankDayOf(start - 1, zone)).toBe(d - 1);
        expect(bankDayOf(start + bankDayLength(d, zone) - 1, zone)).toBe(d);
      }
    }
  });

  it('reads and writes calendar dates, refusing impossible ones', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(dayIso(day('2024-02-29'))).toBe('2024-02-29');
    expect(parseDayIso('2023-02-29')).toBeNull();
    expect(parseDayIso('2024-13-01')).toBeNull();
    expect(parseDayIso('24-01-01')).toBeNull();
  });
});

describe('periods', () => {
  it('labels ISO weeks by the year of their Thursday at year ends', () => {
    expect(periodKey(day('2024-12-29'), 'week')).toBe('2024-W52'); // Sunday
    expect(periodKey(day('2024-12-30'), 'week')).toBe('2025-W01'); // Monday of week 1 of 2025
    expect(periodKey(day('2025-01-05'), 'week')).toBe('2025-W01');
    expect(periodKey(day('2021-01-03'), 'week')).toBe('2020-W53'); // 2020 had 53 weeks
    expect(periodKey(day('2023-01-01'), 'week')).toBe('2022-W52');
    expect(periodKey(day('2027-01-01'), 'week')).toBe('2026-W53');
    expect(dayIso(periodStart(day('2025-01-01'), 'week'))).toBe('2024-12-30');
  });

  it('labels days, months, quarters and years', () => {
    expect(periodKey(day('1997-10-31'), 'day')).toBe('1997-10-31');
    expect(periodKey(day('1997-10-31'), 'month')).toBe('1997-10');
    expect(periodKey(day('1997-10-31'), 'quarter')).toBe('1997-Q4');
    expect(periodKey(day('1997-03-31'), 'quarter')).toBe('1997-Q1');
    expect(periodKey(day('1997-04-01'), 'quarter')).toBe('1997-Q2');
    expect(periodKey(day('1998-01-01'), 'quarter')).toBe('1998-Q1');
    expect(periodKey(day('1997-10-31'), 'year')).toBe('1997');
  });

  it('steps periods backwards and forwards over year ends', () => {
    expect(dayIso(addPeriods(day('2024-11-01'), 'month', 2))).toBe('2025-01-01');
    expect(dayIso(addPeriods(day('2025-01-01'), 'quarter', -1))).toBe('2024-10-01');
    expect(dayIso(addPeriods(day('2024-12-30'), 'week', -1))).toBe('2024-12-23');
    expect(dayIso(addPeriods(day('2024-01-01'), 'year', 1))).toBe('2025-01-01');
  });

  it('cuts a range across a year end into periods clipped to the range', () => {
    const show = (ps: ReturnType<typeof periodsBetween>): string[] => ps.map((p) => `${p.key} ${dayIso(p.from)}..${dayIso(p.to)}`);
    expect(show(periodsBetween(day('2024-12-15'), day('2025-02-10'), 'month'))).toEqual([
      '2024-12 2024-12-15..2025-01-01',
      '2025-01 2025-01-01..2025-02-01',
      '2025-02 2025-02-01..2025-02-10',
    ]);
    expect(show(periodsBetween(day('2024-11-01'), day('2025-04-01'), 'quarter'))).toEqual(['2024-Q4 2024-11-01..2025-01-01', '2025-Q1 2025-01-01..2025-04-01']);
    expect(show(periodsBetween(day('2024-12-28'), day('2025-01-07'), 'week'))).toEqual([
      '2024-W52 2024-12-28..2024-12-30',
      '2025-W01 2024-12-30..2025-01-06',
      '2025-W02 2025-01-06..2025-01-07',
    ]);
    expect(show(periodsBetween(day('2024-06-01'), day('2026-01-01'), 'year'))).toEqual(['2024 2024-06-01..2025-01-01', '2025 2025-01-01..2026-01-01']);
    expect(periodsBetween(day('2025-01-01'), day('2025-01-01'), 'day')).toEqual([]);
  });
});

describe('offset segments (bank days in SQL engines without zone tables)', () => {
  it('lists Prague 2024 as winter, summer, winter with the changes at 01:00 UTC', () => {
    expect(offsetSegments(PRAGUE, utc('2024-01-01T00:00:00Z'), utc('2025-01-01T00:00:00Z'))).toEqual([
      { until: utc('2024-03-31T01:00:00Z'), offsetMs: 1 * H },
      { until: utc('2024-10-27T01:00:00Z'), offsetMs: 2 * H },
      { until: Number.POSITIVE_INFINITY, offsetMs: 1 * H },
    ]);
  });

  it('lists New York 2024 with its own change instants', () => {
    expect(offsetSegments(NEW_YORK, utc('2024-01-01T00:00:00Z'), utc('2025-01-01T00:00:00Z'))).toEqual([
      { until: utc('2024-03-10T07:00:00Z'), offsetMs: -5 * H },
      { until: utc('2024-11-03T06:00:00Z'), offsetMs: -4 * H },
      { until: Number.POSITIVE_INFINITY, offsetMs: -5 * H },
    ]);
  });

  it('is one segment for a range without a change, and places every instant like bankDayOf', () => {
    expect(offsetSegments(PRAGUE, utc('2024-06-01T00:00:00Z'), utc('2024-07-01T00:00:00Z'))).toEqual([{ until: Number.POSITIVE_INFINITY, offsetMs: 2 * H }]);
    const from = utc('2023-12-25T00:00:00Z');
    const to = utc('2025-01-05T00:00:00Z');
    const segs = offsetSegments(PRAGUE, from, to);
    for (let ms = from; ms < to; ms += 7 * H + 13 * 60_000) {
      const seg = segs.find((s) => ms < s.until);
      expect(Math.floor((ms + (seg?.offsetMs ?? 0)) / DAY_MS)).toBe(bankDayOf(ms, PRAGUE));
    }
  });
});

describe('zoneClock (memoised, for hot loops)', () => {
  it('agrees with bankDayOf every 10 minutes across both changes, including half-hour zones', () => {
    for (const zone of [PRAGUE, NEW_YORK, 'America/St_Johns', 'Australia/Lord_Howe', 'UTC']) {
      const clock = zoneClock(zone);
      for (const [a, b] of [
        ['2024-03-08T00:00:00Z', '2024-04-08T00:00:00Z'],
        ['2024-10-01T00:00:00Z', '2024-11-06T00:00:00Z'],
      ] as const) {
        for (let ms = utc(a); ms < utc(b); ms += 10 * 60_000) {
          expect(clock.dayOf(ms)).toBe(bankDayOf(ms, zone));
          // Twice: the second answer comes from the memo.
          expect(clock.dayOf(ms)).toBe(bankDayOf(ms, zone));
        }
      }
    }
  });

  it('turns wall-clock times into instants like TZDate in gaps, and the earlier instant in overlaps', () => {
    for (const zone of [PRAGUE, NEW_YORK, 'America/St_Johns']) {
      const clock = zoneClock(zone);
      for (const [y, m, d] of [
        [2024, 2, 10],
        [2024, 2, 31],
        [2024, 9, 27],
        [2024, 10, 3],
        [2024, 6, 15],
      ] as const) {
        for (let minute = 0; minute < 24 * 60; minute += 15) {
          const wall = Date.UTC(y, m, d, 0, minute);
          const byTz = new TZDate(y, m, d, 0, minute, 0, 0, zone).getTime();
          // TZDate takes the later instant of an overlap in some zones: the hour before shows the same wall time then.
          const earlier = byTz - H;
          const expected = earlier + zoneOffsetMinutes(zone, earlier) * 60_000 === wall ? earlier : byTz;
          expect(clock.wallToUtc(wall)).toBe(expected);
        }
      }
    }
    // Hand-checked: 02:30 does not exist in Prague on 2024-03-31 (moved to 03:30 CEST) and happens twice on 2024-10-27 (the earlier, CEST).
    const prague = zoneClock(PRAGUE);
    expect(prague.wallToUtc(Date.UTC(2024, 2, 31, 2, 30))).toBe(utc('2024-03-31T01:30:00Z'));
    expect(prague.wallToUtc(Date.UTC(2024, 9, 27, 2, 30))).toBe(utc('2024-10-27T00:30:00Z'));
    expect(prague.wallToUtc(Date.UTC(2024, 9, 27, 3, 0))).toBe(utc('2024-10-27T02:00:00Z'));
    expect(zoneClock(NEW_YORK).wallToUtc(Date.UTC(2024, 10, 3, 1, 30))).toBe(utc('2024-11-03T05:30:00Z'));
    expect(zoneClock(NEW_YORK).wallToUtc(Date.UTC(2024, 2, 10, 2, 30))).toBe(utc('2024-03-10T07:30:00Z'));
    expect(prague.wallToUtc(Date.UTC(2024, 6, 1, 9))).toBe(utc('2024-07-01T07:00:00Z'));
  });
});
