import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBerka, type ImportSummary } from '../../main/importers';
import { migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { freshDatabase } from '../support/mariadb';
import { BERKA_DIR, expectBerkaImported } from './import-berka-expectations';

describe('Berka import into MySQL (the real MariaDB)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let bank: Bank;
  let summary: ImportSummary;

  beforeAll(async () => {
    db = await freshDatabase('cbberka');
    bank = openMysqlBank(db.url);
    await migrateToLatest(bank.db, 'mysql');
    summary = await importBerka(bank, BERKA_DIR);
    console.log(`Berka import into MariaDB: ${summary.seconds} s`, JSON.stringify(summary.rows));
  }, 180_000);
  afterAll(async () => {
    await bank?.close();
    await db?.drop();
  });

  it('reproduces the data set’s own counts, exact amounts and final balances, with the ledger invariants holding', async () => {
    await expectBerkaImported(bank);
  });

  it('refuses a second import', async () => {
    await expect(importBerka(bank, BERKA_DIR)).rejects.toThrow(/already holds the Berka data set/);
  });
});

describe('Berka import failing while writing (MariaDB)', () => {
  it('rolls back every batch already sent: nothing is half imported', async () => {
    const db = await freshDatabase('cbberkafail');
    const bank = openMysqlBank(db.url);
    try {
      await migrateToLatest(bank.db, 'mysql');
      // bank_meta is written last, after ~180,000 rows went out in batches: collide there.
      await bank.db.insertInto('bank_meta').values({ key: 'berka:account:1', value: 'in the way' }).execute();
      await expect(importBerka(bank, BERKA_DIR)).rejects.toThrow(/Duplicate entry/);
      for (const t of ['branches', 'customers', 'accounts', 'journal', 'entries', 'loan_repayments', 'audit_log'] as const) {
        const r = await bank.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect([t, Number(r.n)]).toEqual([t, 0]);
      }
    } finally {
      await bank.close();
      await db.drop();
    }
  }, 180_000);
});
