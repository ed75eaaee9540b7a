import { copyFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoBank } from '../../main/demo';
import { loadDirectory, openTxnPages, readTxns, scanBank, type ScanSummary } from '../../main/fraud';
import type { Txn } from '../../main/fraud/types';
import { migrateToLatest, openSqliteBank, type Bank } from '../../main/source';
import { TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

const END = Date.UTC(2025, 10, 25, 14, 30, 0);

async function allTxns(bank: Bank, offThread: boolean, pageSize: number): Promise<Txn[]> {
  const directory = await loadDirectory(bank);
  const range = { after: 0, upTo: Number.MAX_SAFE_INTEGER };
  const out: Txn[] = [];
  for await (const page of readTxns(bank, directory, range, pageSize, openTxnPages(bank, range, { offThread, pageSize }))) out.push(...page);
  return out;
}

/**
 * A large scan reads its pages in a worker thread (its own read-only connection to the bank file) while
 * the engine works. These checks run that path on a small encrypted bank by asking for it: the pages,
 * and a whole scan's results, are the ones the in-thread read gives; a failing reader is an error.
 */
describe('the scan reads its pages off-thread', () => {
  const dir = tempDir('fraud-pages-');
  const key = randomBytes(32);
  let bank: Bank;
  beforeAll(async () => {
    bank = openSqliteBank(join(dir.path, 'bank.sqlite'), key);
    await migrateToLatest(bank.db, 'sqlite');
    await generateDemoBank(bank, { ...TINY_DEMO, end: END });
  }, 120_000);
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('gives the same transactions, in entry order, as the in-thread read (pages of several sizes)', async () => {
    const inThread = await allTxns(bank, false, 20_000);
    expect(inThread.length).toBeGreaterThan(1_000);
    for (const size of [1, 777, 20_000]) {
      const off = await allTxns(bank, true, size);
      expect(off.length, `page size ${size}`).toBe(inThread.length);
      expect(off).toEqual(inThread);
    }
    expect(inThread.every((t, i) => i === 0 || t.id > (inThread[i - 1] as Txn).id)).toBe(true);
  }, 60_000);

  it('a consumer may stop early: the loop ends cleanly and closing again is harmless', async () => {
    const directory = await loadDirectory(bank);
    const range = { after: 0, upTo: Number.MAX_SAFE_INTEGER };
    const pages = openTxnPages(bank, range, { offThread: true, pageSize: 10 });
    let seen = 0;
    for await (const page of readTxns(bank, directory, range, 10, pages)) {
      seen += page.length;
      if (seen >= 20) break;
    }
    expect(seen).toBeGreaterThanOrEqual(20);
    await expect(pages?.close()).resolves.toBeUndefined();
  });

  it('a whole scan stores the same alerts either way', async () => {
    const copy = join(dir.path, 'copy.sqlite');
    bank.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(join(dir.path, 'bank.sqlite'), copy);
    const twin = openSqliteBank(copy, key);
    try {
      const summary = (s: ScanSummary) => ({ transactions: s.transactions, alerts: s.alerts, created: s.created, byRule: s.byRule, to: s.toEntryId });
      const off = await scanBank(bank, { offThread: true, pageSize: 500 });
      const inThread = await scanBank(twin, { offThread: false });
      expect(off.alerts).toBeGreaterThan(0);
      expect(summary(off)).toEqual(summary(inThread));
      const keys = async (b: Bank) => await b.db.selectFrom('fraud_alerts').select(['alert_key', 'risk_score']).orderBy('alert_key').execute();
      expect(await keys(bank)).toEqual(await keys(twin));
    } finally {
      await twin.close();
    }
  }, 120_000);

  it('a reader that cannot open the bank fails the scan with what went wrong', async () => {
    const missing: Bank = { ...bank, reopen: { file: join(dir.path, 'gone.sqlite') } };
    await expect(scanBank(missing, { offThread: true, since: 0 })).rejects.toThrow(/Reading the scan's transactions failed: .*(unable to open|does not exist)/i);
    const wrongKey: Bank = { ...bank, reopen: { file: join(dir.path, 'bank.sqlite'), keyHex: randomBytes(32).toString('hex') } };
    await expect(scanBank(wrongKey, { offThread: true, since: 0 })).rejects.toThrow(/Reading the scan's transactions failed/);
    const notABank = join(dir.path, 'garbage.sqlite');
    writeFileSync(notABank, randomBytes(8192));
    await expect(scanBank({ ...bank, reopen: { file: notABank } }, { offThread: true, since: 0 })).rejects.toThrow(/Reading the scan's transactions failed: .*not a database/);
  });

  it('an in-memory bank cannot be read off-thread, and says so', async () => {
    const memory = openSqliteBank(':memory:');
    try {
      expect(memory.reopen).toBeUndefined();
      expect(() => openTxnPages(memory, { after: 0, upTo: 10 }, { offThread: true })).toThrow(/in memory/);
    } finally {
      await memory.close();
    }
  });
});
