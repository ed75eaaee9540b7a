import { dayIso, parseDayIso } from '../../shared/bank-time';

/**
 * Filing deadlines in bank days. A deadline is counted in calendar days from the event's bank day; one
 * that falls on a Saturday or Sunday moves to the next Monday (the regulator's systems accept filings
 * on business days; public holidays are not in the bank's data).
 */
export function isWeekend(day: number): boolean {
  // Day 0 (1970-01-01) was a Thursday: Monday-based weekday = (day + 3) mod 7; 5 and 6 are Sat and Sun.
  const wd = (((day + 3) % 7) + 7) % 7;
  return wd >= 5;
}

export function nextBusinessDay(day: number): number {
  let d = day;
  while (isWeekend(d)) d++;
  return d;
}

/** The due day of something that happened on bank day `day` and must be filed within `days` days. */
export function dueDay(day: number, days: number): number {
  return nextBusinessDay(day + days);
}

export function dueDayIso(dayText: string, days: number): string {
  const d = parseDayIso(dayText);
  if (d === null) throw new Error(`not a day: ${dayText}`);
  return dayIso(dueDay(d, days));
}

/** Large-cash reports: 15 days after the day of the transactions (31 CFR 1010.306(a)(1)). */
export const CTR_DUE_DAYS = 15;
/** SARs: 30 days after the escalation, 60 when no suspect is identified (31 CFR 1020.320(b)(3)). */
export const SAR_DUE_DAYS = 30;
export const SAR_DUE_DAYS_NO_SUSPECT = 60;

export type DeadlineStatus = 'due' | 'overdue' | 'filed';

/** Filed, overdue (the due day has passed by `today`) or due. */
export function deadlineStatus(due: number, today: number, filed: boolean): DeadlineStatus {
  if (filed) return 'filed';
  return today > due ? 'overdue' : 'due';
}
