import { addPeriods, dayIso, parseDayIso, periodStart, type Grain } from '../../../../shared/bank-time';

/**
 * Bank periods as the explorer picks and shows them: `from` is the first bank day, `to` the first day after
 * (exclusive), both 'YYYY-MM-DD'. Pure calendar arithmetic on day numbers: the bank's zone only decides which
 * day "today" is, and the server cuts instants into those days.
 */
export interface DayRange {
  from: string;
  to: string;
}

export const QUICK_PERIODS = ['this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year'] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

export const QUICK_PERIOD_LABELS: Record<QuickPeriod, string> = {
  this_month: 'This month',
  last_month: 'Last month',
  this_quarter: 'This quarter',
  last_quarter: 'Last quarter',
  this_year: 'This year',
  last_year: 'Last year',
};

/** The grain a quick pick reads best in: days within a month, weeks within a quarter, months within a year. */
export const QUICK_PERIOD_GRAIN: Record<QuickPeriod, Grain> = {
  this_month: 'day',
  last_month: 'day',
  this_quarter: 'week',
  last_quarter: 'week',
  this_year: 'month',
  last_year: 'month',
};

function dayNumber(iso: string): number {
  const day = parseDayIso(iso);
  if (day === null) throw new RangeError(`Not a date: ${iso}`);
  return day;
}

/** A whole period of `grain` containing `today` (n = 0) or n periods before/after it. */
function wholePeriod(today: string, grain: Grain, n: number): DayRange {
  const start = addPeriods(periodStart(dayNumber(today), grain), grain, n);
  return { from: dayIso(start), to: dayIso(addPeriods(start, grain, 1)) };
}

/** The days a quick pick covers, for the bank's `today`. "This month" runs to the month's end, like a report's. */
export function quickPeriodRange(pick: QuickPeriod, today: string): DayRange {
  switch (pick) {
    case 'this_month':
      return wholePeriod(today, 'month', 0);
    case 'last_month':
      return wholePeriod(today, 'month', -1);
    case 'this_quarter':
      return wholePeriod(today, 'quarter', 0);
    case 'last_quarter':
      return wholePeriod(today, 'quarter', -1);
    case 'this_year':
      return wholePeriod(today, 'year', 0);
    case 'last_year':
      return wholePeriod(today, 'year', -1);
  }
}

/** Which quick pick a range is, if any (to show it selected). */
export function quickPeriodOf(range: DayRange, today: string): QuickPeriod | null {
  return (
    QUICK_PERIODS.find((p) => {
      const r = quickPeriodRange(p, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

/**
 * The first and exclusive last day of a period key as the metric layer writes them: 1997-10-31 (day),
 * 1997-W44 (ISO week), 1997-10 (month), 1997-Q4 (quarter), 1997 (year). Null for anything else.
 */
export function periodKeyRange(key: string): (DayRange & { grain: Grain }) | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key))) {
    const day = parseDayIso(key);
    return day === null ? null : { from: key, to: dayIso(day + 1), grain: 'day' };
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    if (week < 1 || week > 53) return null;
    // ISO week 1 holds 4 January; weeks start on Monday.
    const jan4 = Date.UTC(year, 0, 4) / 86_400_000;
    const start = periodStart(jan4, 'week') + 7 * (week - 1);
    return { from: dayIso(start), to: dayIso(start + 7), grain: 'week' };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    const start = Date.UTC(Number(m[1]), month - 1, 1) / 86_400_000;
    return { from: dayIso(start), to: dayIso(addPeriods(start, 'month', 1)), grain: 'month' };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) {
    const start = Date.UTC(Number(m[1]), (Number(m[2]) - 1) * 3, 1) / 86_400_000;
    return { from: dayIso(start), to: dayIso(addPeriods(start, 'quarter', 1)), grain: 'quarter' };
  }
  if ((m = /^(\d{4})$/.exec(key))) {
    const start = Date.UTC(Number(m[1]), 0, 1) / 86_400_000;
    return { from: dayIso(start), to: dayIso(addPeriods(start, 'year', 1)), grain: 'year' };
  }
  return null;
}

/** The grain to show inside one period of `grain` after a click narrows to it; a day has none (one figure). */
export function finerGrain(grain: Grain): Grain | null {
  switch (grain) {
    case 'year':
      return 'month';
    case 'quarter':
      return 'month';
    case 'month':
      return 'day';
    case 'week':
      return 'day';
    case 'day':
      return null;
  }
}

/** Days in a range. */
export function rangeDays(range: DayRange): number {
  return dayNumber(range.to) - dayNumber(range.from);
}

/** Whether a grain splits the range into at most `max` periods (a year by day is 366 points, fine; by day over ten years is not). */
export function grainFits(range: DayRange, grain: Grain, max = 400): boolean {
  const approx: Record<Grain, number> = { day: 1, week: 7, month: 28, quarter: 90, year: 365 };
  return rangeDays(range) / approx[grain] <= max;
}

const MONTHS: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric', timeZone: 'UTC' };
const DAYS: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
const WEEKDAYS: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };

/** A calendar day in a format; UTC on both sides, so the label never shifts a day. */
function fmt(options: Intl.DateTimeFormatOptions, iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, options).format(dayNumber(iso) * 86_400_000);
}

/**
 * A period key as people read it: "Tue, 4 Mar 2026", "Week 10, 2026", "Mar 2026", "Q1 2026", "2026".
 * Calendar labels, no zone shift: the key already names the bank's day.
 */
export function periodLabel(key: string, locale?: string): string {
  const r = periodKeyRange(key);
  if (!r) return key;
  switch (r.grain) {
    case 'day':
      return fmt(WEEKDAYS, key, locale);
    case 'week':
      return `Week ${Number(key.slice(6))}, ${key.slice(0, 4)}`;
    case 'month':
      return fmt(MONTHS, r.from, locale);
    case 'quarter':
      return `${key.slice(5)} ${key.slice(0, 4)}`;
    case 'year':
      return key;
  }
}

/**
 * A range as people read it: "Mar 2026" for a whole month, "Q1 2026", "2026", "4 Mar 2026" for one day,
 * else "1 Mar 2026 – 15 Mar 2026" with the last day included (the `to` day itself is not part of it).
 */
export function rangeLabel(range: DayRange, locale?: string): string {
  for (const grain of ['year', 'quarter', 'month', 'day'] as const) {
    const start = periodStart(dayNumber(range.from), grain);
    if (dayIso(start) === range.from && dayIso(addPeriods(start, grain, 1)) === range.to) {
      return grain === 'day' ? fmtDay(range.from, locale) : periodLabel(periodKeyOf(range.from, grain), locale);
    }
  }
  return `${fmtDay(range.from, locale)} – ${fmtDay(dayIso(dayNumber(range.to) - 1), locale)}`;
}

function fmtDay(iso: string, locale?: string): string {
  return fmt(DAYS, iso, locale);
}

function periodKeyOf(from: string, grain: Grain): string {
  const [y, m] = from.split('-');
  switch (grain) {
    case 'year':
      return `${y}`;
    case 'quarter':
      return `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
    case 'month':
      return `${y}-${m}`;
    default:
      return from;
  }
}

/** The day after `iso`. */
export function nextDay(iso: string): string {
  return dayIso(dayNumber(iso) + 1);
}

/** The day before `iso`. */
export function previousDay(iso: string): string {
  return dayIso(dayNumber(iso) - 1);
}
