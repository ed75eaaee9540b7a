import { describe, expect, it } from 'vitest';
import { isRetryable } from '../../main/ledger/db-errors';
import { inTransaction } from '../../main/ledger/retry';
import type { Bank } from '../../main/source';

/** A bank whose transaction fails with `code` the first `failures` times, then returns 'ok'. */
function flakyBank(code: string, failures: number): { bank: Bank; calls: () => number } {
  let calls = 0;
  const db = {
    transaction: () => ({
      execute: async () => {
        calls++;
        if (calls <= failures) throw Object.assign(new Error(code), { code });
        return 'ok';
      },
    }),
  };
  return { bank: { db, dialect: 'sqlite' } as unknown as Bank, calls: () => calls };
}

describe('ledger retry on SQLite busy errors', () => {
  it('treats every SQLITE_BUSY* code as retryable, not other SQLite errors', () => {
    expect(isRetryable({ code: 'SQLITE_BUSY' })).toBe(true);
    expect(isRetryable({ code: 'SQLITE_BUSY_SNAPSHOT' })).toBe(true);
    expect(isRetryable({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(false);
  });

  it('runs a transaction again after SQLITE_BUSY_SNAPSHOT', async () => {
    const { bank, calls } = flakyBank('SQLITE_BUSY_SNAPSHOT', 2);
    await expect(inTransaction(bank, async () => 'ok')).resolves.toBe('ok');
    expect(calls()).toBe(3);
  });
});
