import { zoneClock } from '../../shared/bank-time';

/**
 * Calendar arithmetic for the demo bank. Instants are UTC epoch ms; the bank lives in
 * Europe/Prague, so daily rhythms (opening hours, paydays, batch runs) are placed in local time
 * through the bank calendar (shared/bank-time.ts, the zone's own rules) — the same days the
 * rollups, limits and statements cut. Pure functions: nothing reads the clock.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** A calendar month as one integer: year * 12 + month (0-based). */
export type MonthIndex = number;

export const monthIndex = (year: number, month0: number): MonthIndex => year * 12 + month0;
export const yearOf = (mi: MonthIndex): number => Math.floor(mi / 12);
export const month0Of = (mi: MonthIndex): number => mi - Math.floor(mi / 12) * 12;

export function daysInMonth(mi: MonthIndex): number {
  return new Date(Date.UTC(yearOf(mi), month0Of(mi) + 1, 0)).getUTCDate();
}

/** The demo bank's zone, recorded as bank_meta.timezone: its days are cut there like every bank's. */
export const DEMO_BANK_ZONE = 'Europe/Prague';

// One memoised clock: the generator converts millions of wall-clock times.
const clock = zoneClock(DEMO_BANK_ZONE);

/** The bank zone's offset from UTC at a UTC instant (+2 h in Prague's summer time, +1 h otherwise). */
export function bankOffsetMs(utc: number): number {
  return clock.offsetMs(utc);
}

/**
 * UTC instant of a wall-clock time in the bank's zone (day may overflow the month; Date.UTC
 * normalises it). A time skipped by the spring change moves forward; one that happens twice is the earlier.
 */
export function localToUtc(mi: MonthIndex, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return clock.wallToUtc(Date.UTC(yearOf(mi), month0Of(mi), day, hour, minute, second, ms));
}

/** The bank day of an instant (local date as an epoch-day number): what daily limits count against. */
export function bankDay(utc: number): number {
  return clock.dayOf(utc);
}

/** The bank-zone calendar date of an instant. */
export function localDate(utc: number): { mi: MonthIndex; day: number; weekday: number; hour: number } {
  const d = new Date(utc + clock.offsetMs(utc));
  return { mi: monthIndex(d.getUTCFullYear(), d.getUTCMonth()), day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours() };
}

/** 'YYYY-MM-DD' of a month and day. */
export function isoDay(mi: MonthIndex, day: number): string {
  return `${yearOf(mi)}-${String(month0Of(mi) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' of an instant, in the bank's zone. */
export function isoLocalDate(utc: number): string {
  const d = localDate(utc);
  return isoDay(d.mi, d.day);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(mi: MonthIndex, day: number): number {
  return new Date(Date.UTC(yearOf(mi), month0Of(mi), day)).getUTCDay();
}

/** Easter Sunday (anonymous Gregorian algorithm) as [month0, day]. */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month - 1, day];
}

const FIXED_HOLIDAYS = ['1-1', '5-1', '5-8', '7-5', '7-6', '9-28', '10-28', '11-17', '12-24', '12-25', '12-26'];

/** Czech public holidays: branches close, card and ATM use follows a Sunday pattern. */
export function isHoliday(mi: MonthIndex, day: number): boolean {
  const y = yearOf(mi);
  const m0 = month0Of(mi);
  if (FIXED_HOLIDAYS.includes(`${m0 + 1}-${day}`)) return true;
  const [em, ed] = easter(y);
  const easterUtc = Date.UTC(y, em, ed);
  const here = Date.UTC(y, m0, day);
  return here === easterUtc - 2 * DAY_MS || here === easterUtc + DAY_MS;
}

/** A business day: Monday–Friday and not a public holiday. */
export function isBusinessDay(mi: MonthIndex, day: number): boolean {
  const wd = weekdayOf(mi, day);
  return wd !== 0 && wd !== 6 && !isHoliday(mi, day);
}

/** The same day if it is a business day, else the previous one (salaries are paid early, never late). */
export function businessDayOnOrBefore(mi: MonthIndex, day: number): number {
  let d = Math.min(day, daysInMonth(mi));
  while (d > 1 && !isBusinessDay(mi, d)) d -= 1;
  return d;
}

/** The same day if it is a business day, else the next one within the month (orders and loan debits). */
export function businessDayOnOrAfter(mi: MonthIndex, day: number): number {
  const last = daysInMonth(mi);
  let d = Math.min(day, last);
  while (d < last && !isBusinessDay(mi, d)) d += 1;
  return d;
}
