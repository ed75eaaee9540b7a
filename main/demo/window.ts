import { MINUTE_MS, localDate, localToUtc, type MonthIndex } from './calendar';

/**
 * The generated period: `months` full calendar months before the month containing `end`, plus
 * that month up to `end` itself, so dashboards' "today" and "last 90 days" show real figures.
 * Balances from before the window are carried over one minute before it starts.
 */
export interface DemoWindow {
  readonly end: number;
  readonly startMi: MonthIndex;
  readonly endMi: MonthIndex;
  /** Prague midnight on the first day of startMi. */
  readonly start: number;
  /** When balances carried over from the previous core system are booked. */
  readonly carryAt: number;
}

export function demoWindow(end: number, months: number): DemoWindow {
  const endMi = localDate(end).mi;
  const startMi = endMi - months;
  const start = localToUtc(startMi, 1);
  return { end, startMi, endMi, start, carryAt: start - MINUTE_MS };
}

export const monthStart = (mi: MonthIndex): number => localToUtc(mi, 1);
export const monthEnd = (mi: MonthIndex): number => localToUtc(mi + 1, 1);
