import type { Transaction } from 'kysely';
import type { Bank, BankDatabase } from '../source';
import { isRetryable, isRollbackWithoutTransaction } from './db-errors';

export interface RetryOptions {
  attempts?: number;
  /** Called before each retry, for metrics. */
  onRetry?: (attempt: number, error: unknown) => void;
}

/**
 * Runs `body` in one database transaction, and again (from the start, with fresh reads) when the
 * engine picks it as a deadlock victim: row locks are taken in id order, but a hot row (a branch's
 * till, the audit head) can still interleave with other workstations. The user never sees a deadlock.
 */
export async function inTransaction<T>(bank: Bank, body: (trx: Transaction<BankDatabase>) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    // What the body threw, if it did (a closure's assignment would be invisible to the narrowing below).
    const failed: unknown[] = [];
    try {
      return await bank.db.transaction().execute(async (trx) => {
        try {
          return await body(trx);
        } catch (e) {
          failed.push(e);
          throw e;
        }
      });
    } catch (thrown) {
      // SQLite rolls a transaction back by itself on some failures (a full disk, an I/O error): Kysely's own
      // ROLLBACK then fails with "no transaction is active", which must not hide the failure that caused it.
      const e = failed.length > 0 && thrown !== failed[0] && isRollbackWithoutTransaction(thrown) ? failed[0] : thrown;
      if (!isRetryable(e) || attempt >= attempts) throw e;
      opts.onRetry?.(attempt, e);
      // Jittered backoff so two victims of the same deadlock do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** attempt));
    }
  }
}
