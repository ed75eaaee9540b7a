import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBerka, ImportRejected, type ImportSummary } from '../../main/importers';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';
import { BERKA_DIR, expectBerkaImported, transFile } from './import-berka-expectations';

async function rowCounts(bank: Bank): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['branches', 'customers', 'accounts', 'journal', 'entries', 'cards', 'loans', 'loan_repayments', 'bank_meta', 'audit_log']) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(bank.db);
    out[t] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

function rejected(e: unknown): ImportRejected {
  expect(e).toBeInstanceOf(ImportRejected);
  return e as ImportRejected;
}

describe('Berka import into the embedded bank (SQLite)', () => {
  const dir = tempDir('cloudbank-berka-');
  let bank: Bank;
  let summary: ImportSummary;

  beforeAll(async () => {
    bank = await emptySqliteBank(dir.path);
    summary = await importBerka(bank, BERKA_DIR);
    console.log(`Berka import into SQLite: ${summary.seconds} s`, JSON.stringify(summary.rows));
  }, 120_000);
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('reproduces the data set’s own counts, exact amounts and final balances, with the ledger invariants holding', async () => {
    await expectBerkaImported(bank);
  });

  it('keeps the original ids findable', async () => {
    const j = await bank.db.selectFrom('journal').selectAll().where('external_ref', '=', 'berka:695247').executeTakeFirstOrThrow();
    expect(j).toMatchObject({
      reference: 'BK695247',
      type: 'deposit',
      channel: 'branch',
      amount: 70000,
      currency: 'CZK',
      created_by: 'import:berka',
      booked_at: Date.UTC(1993, 0, 1),
    });
    const a = await bank.db.selectFrom('accounts').selectAll().where('name', '=', 'Berka account 576').executeTakeFirstOrThrow();
    expect(a.account_no).toMatch(/^CZ\d{2}20260000270000057\d{3}$/);
    const c = await bank.db.selectFrom('customers').selectAll().where('customer_no', '=', 'BK1').executeTakeFirstOrThrow();
    expect(c).toMatchObject({ legal_name: 'Berka client 1', date_of_birth: '1970-12-13', gender: 'F', national_id: 'berka-706213-1' });
  });

  it('refuses a second import of the data set and leaves the bank as it was', async () => {
    const before = await rowCounts(bank);
    await expect(importBerka(bank, BERKA_DIR)).rejects.toThrow(/already holds the Berka data set/);
    expect(await rowCounts(bank)).toEqual(before);
  });
});

describe('Berka import with bad rows', () => {
  const dir = tempDir('cloudbank-berka-bad-');
  let bank: Bank;
  beforeAll(async () => {
    bank = await emptySqliteBank(dir.path);
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('reports line and column of each bad row and writes nothing', async () => {
    const copy = join(dir.path, 'berka');
    cpSync(BERKA_DIR, copy, { recursive: true });
    const edit = (file: string, line: number, change: (l: string) => string): void => {
      const lines = readFileSync(join(copy, file), 'utf8').split('\r\n');
      lines[line - 1] = change(lines[line - 1] ?? '');
      writeFileSync(join(copy, file), lines.join('\r\n'));
    };
    const trans = transFile(copy);
    edit(trans, 2, (l) => l.replace(';700.00;700.00;', ';700.00;705.00;')); // balance off by 5 CZK
    edit(trans, 3, (l) => l.replace(';576;', ';999999;')); // unknown account
    edit('loan.asc', 2, (l) => l.replace('"B"', '"E"'));
    edit('card.asc', 3, (l) => l.replace('"classic"', '"platinum"'));
    edit('client.asc', 2, (l) => l.replace('"706213"', '"701313"'));
    const e = rejected(await importBerka(bank, copy).catch((x: unknown) => x));
    expect(e.truncated).toBe(false);
    expect(e.badRows.map((b) => `${b.file} ${b.line} ${b.column}`)).toEqual([
      'card.asc 3 type',
      'client.asc 2 birth_number',
      'loan.asc 2 status',
      `${trans} 2 balance`,
      `${trans} 3 account_id`,
      // Knock-on effects, each reported once: account 576 lost its first deposit (line 3), and
      // account 2378's next balance follows from the true 700.00, not the edited 705.00.
      `${trans} 51 balance`,
      `${trans} 97 balance`,
    ]);
    expect(e.badRows.find((b) => b.column === 'balance')?.reason).toBe('0.00 + 700.00 is 700.00 CZK, but the file says 705.00');
    const left = await sql<{
      n: number;
    }>`select (select count(*) from journal) + (select count(*) from customers) + (select count(*) from accounts) + (select count(*) from audit_log) as n`.execute(bank.db);
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it('with --strict-balances refuses Berka’s own 0.10 CZK rounding, stopping after 100 bad rows', async () => {
    const e = rejected(await importBerka(bank, BERKA_DIR, { strictBalances: true }).catch((x: unknown) => x));
    expect(e.truncated).toBe(true);
    expect(e.badRows).toHaveLength(100);
    expect(e.badRows.every((b) => b.column === 'balance' && /CZK, but the file says/.test(b.reason))).toBe(true);
    expect(Number((await sql<{ n: number }>`select count(*) as n from journal`.execute(bank.db)).rows[0]?.n)).toBe(0);
  });
});
