import { AppError } from '../../shared/errors';

/**
 * How far a booking may be moved forward past this machine's clock, or an imported row may lie
 * after it: two workstations' clocks differ by seconds, not by an hour. Beyond it the difference is
 * a wrong clock or a time written in the bank's zone but marked as UTC (Prague's 20:21 written as
 * 20:21Z is 19:21Z plus an hour), and booking it would date every later posting on the same
 * accounts — the branch's cash vault included — that far ahead (issue 14, part B).
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const utcMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Minutes, or hours and minutes, of a positive duration: "60 min" reads worse than "1 h". */
export function aheadText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/**
 * Refuses a posting that would have to be booked more than MAX_CLOCK_SKEW_MS after `clock`
 * because an account already holds an entry (or a change) dated that late: nothing is written,
 * and the message says which account and by how much, so the clock can be put right.
 */
export function assertNotAheadOfClock(accountNo: string, latest: number, clock: number): void {
  if (latest - clock <= MAX_CLOCK_SKEW_MS) return;
  throw new AppError(
    'CONFLICT',
    `Account ${accountNo} already has an entry dated ${utcMinute(latest)}, ${aheadText(latest - clock)} after this computer’s clock (${utcMinute(clock)}). ` +
      'The ledger books in time order, so this posting would be dated in the future. Nothing was posted: check the clock here and on the other workstations, then try again.',
  );
}
