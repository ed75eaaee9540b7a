import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryMetric, type MetricStore } from '../../main/metrics';
import { loadLoanBook } from '../../main/metrics/loan-book';
import { migrateToLatest, openSqliteBank, type Bank, type BankDatabase } from '../../main/source';
import { metricQuerySchema } from '../../shared/contract';
import { loadMetricFixture } from '../support/metric-fixture';
import { tempDir } from '../support/temp';

/**
 * The loan book is read once per read-only connection while nothing is committed (a ratio or a
 * comparison used to read it two to four times per question), and read again as soon as another
 * connection commits, the way the sync writer changes the cache under the read workers.
 */
describe('loan book kept between questions on a read-only connection', () => {
  let dir: ReturnType<typeof tempDir>;
  let writer: Bank;
  let reader: Database.Database;
  let store: MetricStore;

  beforeAll(async () => {
    dir = tempDir('loanbook-');
    const file = join(dir.path, 'bank.sqlite');
    writer = openSqliteBank(file);
    await migrateToLatest(writer.db, 'sqlite');
    await loadMetricFixture(writer);
    reader = new Database(file, { readonly: true, fileMustExist: true });
    const bank: Bank = {
      db: new Kysely<BankDatabase>({ dialect: new SqliteDialect({ database: reader }) }),
      dialect: 'sqlite',
      sqlite: reader,
      describe: 'read-only',
      close: async () => void reader.close(),
    };
    store = { bank, source: 'bank', rollups: false, timeZone: 'Europe/Prague', asOf: Date.parse('2025-06-01T00:00:00Z') };
  });
  afterAll(async () => {
    await store.bank.close();
    await writer.close();
    dir.remove();
  });

  const outstanding = async (): Promise<number> => {
    const r = await queryMetric(store, metricQuerySchema.parse({ metric: 'loan_portfolio_outstanding', from: '2025-03-01', to: '2025-04-01' }));
    return r.rows.reduce((s, x) => s + x.value, 0);
  };

  it('reuses the book while nothing changes and reads it again after another connection commits', async () => {
    const first = await loadLoanBook(store);
    expect(await loadLoanBook(store)).toBe(first);
    // Loan 1 at the end of March 2025: instalments 2 and 3 (41,000 each) unpaid.
    expect(await outstanding()).toBe(82000);

    await writer.db
      .updateTable('loan_repayments')
      .set({ amount_paid: 41000, paid_at: Date.parse('2025-02-10T10:00:00Z'), status: 'late' })
      .where('id', '=', 2)
      .execute();
    const after = await loadLoanBook(store);
    expect(after).not.toBe(first);
    expect(await outstanding()).toBe(41000);
    expect(await loadLoanBook(store)).toBe(after);
  });

  it('reads afresh every time on a connection that writes itself (its own commits would not show)', async () => {
    const own: MetricStore = { ...store, bank: writer };
    expect(await loadLoanBook(own)).not.toBe(await loadLoanBook(own));
  });
});
