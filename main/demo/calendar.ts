/**
 * Calendar arithmetic for the demo bank. Instants are UTC epoch ms; the bank lives in
 * Europe/Prague, so daily rhythms (opening hours, paydays, batch runs) are placed in local time
 * and converted with the EU summer-time rule. Pure functions: nothing reads the clock.
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

/** UTC instant of the last Sunday of a month at 01:00 UTC (when EU clocks change). */
function lastSundayChange(year: number, month0: number): number {
  const last = new Date(Date.UTC(year, month0 + 1, 0));
  return Date.UTC(year, month0, last.getUTCDate() - last.getUTCDay(), 1);
}

const summerTime = new Map<number, readonly [number, number]>();

/** Prague's offset from UTC at a UTC instant: +2 h in summer time, +1 h otherwise. */
export function pragueOffsetMs(utc: number): number {
  const year = new Date(utc).getUTCFullYear();
  let span = summerTime.get(year);
  if (!span) {
    span = [lastSundayChange(year, 2), lastSundayChange(year, 9)];
    summerTime.set(year, span);
  }
  return utc >= span[0] && utc < span[1] ? 2 * HOUR_MS : HOUR_MS;
}

/** UTC instant of a Prague wall-clock time (day may overflow the month; Date.UTC normalises it). */
export function pragueToUtc(mi: MonthIndex, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const wall = Date.UTC(yearOf(mi), month0Of(mi), day, hour, minute, second, ms);
  return wall - pragueOffsetMs(wall - HOUR_MS);
}

/** The Prague calendar date of an instant. */
export function pragueDate(utc: number): { mi: MonthIndex; day: number; weekday: number; hour: number } {
  const d = new Date(utc + pragueOffsetMs(utc));
  return { mi: monthIndex(d.getUTCFullYear(), d.getUTCMonth()), day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours() };
}

/** 'YYYY-MM-DD' of a month and day. */
export function isoDay(mi: MonthIndex, day: number): string {
  return `${yearOf(mi)}-${String(month0Of(mi) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' of an instant, in Prague. */
export function isoPragueDate(utc: number): string {
  const d = pragueDate(utc);
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
