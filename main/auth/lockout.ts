import { sql } from 'kysely';
import { inTransaction } from '../ledger';
import type { Bank } from '../source';

/** After this many failed sign-ins in a row the account locks. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long a lockout lasts unless an administrator clears it. */
export const LOCKOUT_MS = 15 * 60 * 1000;

export interface Reservation {
  /** This attempt's number in the current run of failures (1 = the first). */
  attempt: number;
  /** Set when the account is locked now (by an earlier run of failures). */
  lockedUntil: number | null;
  /**
   * Past the limit while earlier attempts are still being checked: refused unchecked and not counted.
   * Not a lock — a burst of right passwords (several windows signing in at once) must not lock the owner
   * out; the lock comes only from failures concluded (concludeFailure).
   */
  busy: boolean;
}

/**
 * Counts an attempt as failed before its password is checked, and reads the lock in the same
 * transaction. Counting first is what makes the lockout hold under parallel attempts: each one gets
 * its own number from the database (one UPDATE … + 1, then read back under the row lock), so only
 * the first MAX_FAILED_ATTEMPTS of a burst are ever checked. The rest are refused as busy and take
 * their number back in the same transaction, so the count is always the failures concluded plus the
 * checks still running and drains by itself: it never leaves an account refusing everyone without a
 * lock. An expired lock starts a fresh run. A success resets the count; `release` takes back the
 * attempt of a right password that only lacked its second factor.
 */
export async function reserveAttempt(bank: Bank, userId: number, now: number): Promise<Reservation> {
  return inTransaction(bank, async (trx) => {
    // Neither CASE reads a column assigned before it, so MySQL's left-to-right SET and SQLite's
    // all-from-the-old-row SET compute the same thing.
    await trx
      .updateTable('staff_users')
      .set({
        failed_attempts: sql<number>`case when locked_until is not null and locked_until <= ${now} then 1 else failed_attempts + 1 end`,
        locked_until: sql<number | null>`case when locked_until is not null and locked_until <= ${now} then null else locked_until end`,
        updated_at: now,
      })
      .where('id', '=', userId)
      .execute();
    const row = await trx.selectFrom('staff_users').select(['failed_attempts', 'locked_until']).where('id', '=', userId).executeTakeFirstOrThrow();
    const attempt = Number(row.failed_attempts);
    const lockedUntil = row.locked_until === null ? null : Number(row.locked_until);
    const busy = lockedUntil === null && attempt > MAX_FAILED_ATTEMPTS;
    if (busy)
      await trx
        .updateTable('staff_users')
        .set({ failed_attempts: attempt - 1 })
        .where('id', '=', userId)
        .execute();
    return { attempt, lockedUntil, busy };
  });
}

/** The password was right and only the second factor is missing: that attempt was not a failure. */
export async function releaseAttempt(bank: Bank, userId: number, now: number): Promise<void> {
  await bank.db
    .updateTable('staff_users')
    .set({ failed_attempts: sql<number>`case when failed_attempts > 0 then failed_attempts - 1 else 0 end`, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/**
 * A reserved attempt failed: it is already counted; lock the account if the run reached the limit.
 * Returns the count and whether the account is locked now.
 */
export async function concludeFailure(bank: Bank, userId: number, now: number): Promise<{ attempts: number; locked: boolean }> {
  return inTransaction(bank, async (trx) => {
    let q = trx.selectFrom('staff_users').select(['failed_attempts', 'locked_until']).where('id', '=', userId);
    if (bank.dialect === 'mysql') q = q.forUpdate();
    const row = await q.executeTakeFirstOrThrow();
    const attempts = Number(row.failed_attempts);
    const lockedAlready = row.locked_until !== null && Number(row.locked_until) > now;
    if (!lockedAlready && attempts >= MAX_FAILED_ATTEMPTS) {
      await trx
        .updateTable('staff_users')
        .set({ locked_until: now + LOCKOUT_MS, updated_at: now })
        .where('id', '=', userId)
        .execute();
    }
    return { attempts, locked: lockedAlready || attempts >= MAX_FAILED_ATTEMPTS };
  });
}
