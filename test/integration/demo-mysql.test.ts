import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAUD_PATTERNS, generateDemoBank, type DemoSummary } from '../../main/demo';
import { tableChecksums } from '../../main/demo/checksum';
import { checkLedger } from '../../main/ledger';
import { migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { freshDatabase } from '../support/mariadb';
import { tempDir } from '../support/temp';

const END = Date.UTC(2025, 10, 25, 14, 30, 0);
const SIZE = { customers: 150, months: 4, seed: 11, end: END };

describe('demo bank on the real MariaDB', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let bank: Bank;
  let summary: DemoSummary;

  beforeAll(async () => {
    db = await freshDatabase('cbdemo');
    bank = openMysqlBank(db.url);
    await migrateToLatest(bank.db, 'mysql');
    summary = await generateDemoBank(bank, SIZE);
  }, 180_000);

  afterAll(async () => {
    await bank?.close();
    await db?.drop();
  });

  it('writes what it reports', async () => {
    const r = await sql<{ n: number }>`select count(*) as n from entries`.execute(bank.db);
    expect(Number(r.rows[0]?.n)).toBe(summary.rows.entries);
    expect(summary.rows.customers).toBe(150);
  });

  it('keeps a correct double-entry ledger that reaches the end instant', async () => {
    const r = await checkLedger(bank);
    expect(r.journals).toBe(summary.rows.journal);
    expect(r).toMatchObject({
      unbalancedJournals: 0,
      journalsWithoutEntries: 0,
      amountMismatches: 0,
      currencyMismatches: 0,
      timeMismatches: 0,
      balanceMismatches: 0,
      runningBalanceMismatches: 0,
      belowOverdraft: 0,
    });
    expect(r.lastBookedAt ?? 0).toBeLessThanOrEqual(END);
    expect(r.lastBookedAt ?? 0).toBeGreaterThan(END - 6 * 3_600_000);
  });

  it('labels every typology and has on-time, late and missed loan repayments', async () => {
    for (const p of FRAUD_PATTERNS) expect(summary.labelled[p] ?? 0, p).toBeGreaterThan(0);
    const statuses = await sql<{ status: string }>`select distinct status from loan_repayments`.execute(bank.db);
    expect(statuses.rows.map((r) => r.status).sort()).toEqual(expect.arrayContaining(['late', 'missed', 'on_time']));
  });

  it('stores the same bank as the embedded engine, row for row', async () => {
    const dir = tempDir('cloudbank-demo-x-');
    const local = await emptySqliteBank(dir.path);
    try {
      await generateDemoBank(local, SIZE);
      expect(await tableChecksums(bank)).toEqual(await tableChecksums(local));
    } finally {
      await local.close();
      dir.remove();
    }
  }, 120_000);
});
