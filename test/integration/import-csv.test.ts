import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoBank } from '../../main/demo';
import { checkLedger } from '../../main/ledger';
import { ImportRejected, importTransactionsCsv } from '../../main/importers';
import { migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { emptySqliteBank, TINY_DEMO } from '../support/banks';
import { freshDatabase } from '../support/mariadb';
import { tempDir } from '../support/temp';

/** The demo bank's history ends here; imported rows come after it. */
const END = Date.UTC(2026, 0, 31, 18);
const HEADER = 'txn_id,timestamp,account,counterparty,type,channel,amount,currency,balance_after,label';
const OTHER_BANK_IBAN = 'CZ8527000000001234567899';
const TABLES = ['customers', 'accounts', 'journal', 'entries', 'fraud_labels', 'bank_meta', 'audit_log'] as const;

type Target = { name: string; open(dir: string): Promise<{ bank: Bank; cleanup(): Promise<void> }> };

const targets: Target[] = [
  {
    name: 'SQLite',
    async open(dir) {
      const bank = await emptySqliteBank(dir);
      return { bank, cleanup: () => bank.close() };
    },
  },
  {
    name: 'MariaDB',
    async open() {
      const db = await freshDatabase('cbcsv');
      const bank = openMysqlBank(db.url);
      await migrateToLatest(bank.db, 'mysql');
      return {
        bank,
        async cleanup() {
          await bank.close();
          await db.drop();
        },
      };
    },
  },
];

const eur = (minor: number): string => (minor / 100).toFixed(2);

describe.each(targets)('canonical CSV import on $name', (target) => {
  const dir = tempDir('cloudbank-csv-');
  let bank: Bank;
  let cleanup: () => Promise<void>;
  let account: { id: number; account_no: string; balance: number };
  let internalNo: string;
  let n = 0;
  const file = (...lines: string[]): string => {
    const path = join(dir.path, `import-${++n}.csv`);
    writeFileSync(path, [HEADER, ...lines].join('\r\n') + '\r\n');
    return path;
  };
  const counts = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(bank.db)).rows[0]?.n);
    return out;
  };
  const balanceOf = async (id: number): Promise<number> => Number((await bank.db.selectFrom('accounts').select('balance').where('id', '=', id).executeTakeFirstOrThrow()).balance);
  const rejection = async (p: Promise<unknown>): Promise<ImportRejected> => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ImportRejected);
    return e as ImportRejected;
  };
  const where = (e: ImportRejected): string[] => e.badRows.map((b) => `${b.line} ${b.column}`);

  beforeAll(async () => {
    ({ bank, cleanup } = await target.open(dir.path));
    await generateDemoBank(bank, { ...TINY_DEMO, end: END });
    const a = await bank.db
      .selectFrom('accounts')
      .select(['id', 'account_no', 'balance'])
      .where('kind', '=', 'customer')
      .where('currency', '=', 'EUR')
      .where('status', '=', 'open')
      .orderBy('balance', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    account = { id: Number(a.id), account_no: a.account_no, balance: Number(a.balance) };
    internalNo = (await bank.db.selectFrom('accounts').select('account_no').where('kind', '=', 'internal').limit(1).executeTakeFirstOrThrow()).account_no;
  }, 180_000);
  afterAll(async () => {
    await cleanup();
    dir.remove();
  });

  it('imports a good file: one balanced journal per row, running balances, labels, audit', async () => {
    const b0 = account.balance;
    // Listed out of time order: balance_after follows the timestamps, not the file.
    const path = file(
      `csvt:2,2026-02-01T10:00:00+01:00,${account.account_no},${OTHER_BANK_IBAN},transfer_in,,100,EUR,${eur(b0 - 1234 + 10000)},`,
      `csvt:1,2026-02-01T08:00:00Z,${account.account_no},"Shop ""Best"", Inc.",card,,12.34,EUR,${eur(b0 - 1234)},`,
      `csvt:3,2026-02-02,${account.account_no},,fee,,0.5,EUR,,card_testing`,
    );
    const s = await importTransactionsCsv(bank, path);
    expect(s.rows).toMatchObject({ journal: 3, entries: 6, fraud_labels: 1, accounts: 1, bank_meta: 1 });
    expect(await balanceOf(account.id)).toBe(b0 - 1234 + 10000 - 50);

    const js = await bank.db.selectFrom('journal').selectAll().where('created_by', '=', 'import:csv').orderBy('id').execute();
    expect(js.map((j) => [j.external_ref, j.type, j.channel, Number(j.amount), j.counterparty_name, j.counterparty_account])).toEqual([
      ['csvt:1', 'card', 'card', 1234, 'Shop "Best", Inc.', null],
      ['csvt:2', 'transfer', 'online', 10000, null, OTHER_BANK_IBAN],
      ['csvt:3', 'fee', 'system', 50, null, null],
    ]);
    expect(Number(js[1]?.booked_at)).toBe(Date.UTC(2026, 1, 1, 9));
    const label = await bank.db.selectFrom('fraud_labels').selectAll().where('journal_id', '=', Number(js[2]?.id)).executeTakeFirstOrThrow();
    expect(label).toMatchObject({ pattern: 'card_testing', scenario: 0 });
    const clearing = await bank.db.selectFrom('accounts').select(['name', 'kind', 'balance']).where('name', 'like', 'Import clearing EUR (csv-%').executeTakeFirstOrThrow();
    expect([clearing.kind, Number(clearing.balance)]).toEqual(['internal', -(10000 - 1234 - 50)]);

    const ledger = await checkLedger(bank);
    expect([ledger.unbalancedJournals, ledger.amountMismatches, ledger.balanceMismatches, ledger.runningBalanceMismatches, ledger.currencyMismatches]).toEqual([0, 0, 0, 0, 0]);
    expect(Number((await sql<{ n: number }>`select count(*) as n from audit_log where action = 'import.transactions'`.execute(bank.db)).rows[0]?.n)).toBe(1);
    account.balance = await balanceOf(account.id);
  });

  it('refuses to import the same transactions again, writing nothing', async () => {
    const before = await counts();
    const e = await rejection(importTransactionsCsv(bank, join(dir.path, 'import-1.csv')));
    expect(where(e)).toEqual(['2 txn_id', '3 txn_id', '4 txn_id']);
    expect(e.badRows[0]?.reason).toMatch(/csvt:2 was already imported \(journal IM\d{10}\): re-importing is refused/);
    expect(await counts()).toEqual(before);
  });

  it('reports each kind of bad row with its line and column, and writes none of the file', async () => {
    const acc = account.account_no;
    const before = await counts();
    const path = file(
      `csvt:10,2026-03-01T09:00:00Z,${acc},,deposit,branch,10.00,EUR,,`,
      `csvt:11,2026-03-01T09:01:00Z,${acc},,deposit,,1.234,EUR,,`,
      `csvt:12,2026-03-01T09:02:00Z,${OTHER_BANK_IBAN},,deposit,,5,EUR,,`,
      `csvt:13,2026-03-01T09:03:00Z,${acc},,refund,,5,EUR,,`,
      `csvt:10,2026-03-01T09:04:00Z,${acc},,deposit,,5,EUR,,`,
      `csvt:15,2026-03-01T09:05:00Z,${acc},,deposit,,5,CZK,,`,
      `csvt:16,2026-03-01T09:06:00,${acc},,deposit,,5,EUR,,`,
      `csvt:17,2020-01-01T00:00:00Z,${acc},,deposit,,5,EUR,,`,
      `csvt:18,2026-03-01T09:08:00Z,${acc},Bad "quote,deposit,,5,EUR,,`,
      `csvt:19,2026-03-01T09:09:00Z,${acc},,withdrawal,atm,1.00,EUR,999999.99,`,
      `csvt:20,2026-03-01T09:10:00Z,${internalNo},,deposit,,5,EUR,,`,
      `csvt:21,2026-03-01T09:11:00Z,${acc},,deposit,fax,5,EUR,,`,
    );
    const e = await rejection(importTransactionsCsv(bank, path));
    expect(e.truncated).toBe(false);
    expect(where(e)).toEqual([
      '3 amount',
      '4 account',
      '5 type',
      '6 txn_id',
      '7 currency',
      '8 timestamp',
      '9 timestamp',
      '10 (row)',
      '11 balance_after',
      '12 account',
      '13 channel',
    ]);
    const reason = (line: number): string => e.badRows.find((b) => b.line === line)?.reason ?? '';
    expect(reason(4)).toMatch(/no account .* --create-missing-accounts/);
    expect(reason(6)).toBe('csvt:10 repeats line 2');
    expect(reason(7)).toBe(`account ${acc} is in EUR, the row says CZK`);
    expect(reason(9)).toMatch(/before the last entry already on .*the ledger only appends/);
    expect(reason(11)).toMatch(/the running balance of .* after this row is .* EUR, the file says 999999.99/);
    expect(reason(12)).toMatch(/own ledger accounts/);
    expect(await counts()).toEqual(before);
    expect(await balanceOf(account.id)).toBe(account.balance);
  });

  it('refuses a header without every canonical column, or with others', async () => {
    const path = join(dir.path, 'header.csv');
    writeFileSync(path, 'txn_id,timestamp,account,counterparty,type,channel,amount,currency,balance_after,note\n');
    const e = await rejection(importTransactionsCsv(bank, path));
    expect(e.badRows.map((b) => `${b.line} ${b.column}: ${b.reason}`)).toEqual([
      '1 note: is not a canonical column (expected txn_id, timestamp, account, counterparty, type, channel, amount, currency, balance_after, label)',
      '1 label: is missing from the header',
    ]);
  });

  it('--create-missing-accounts opens accounts (and placeholder customers) it has not seen', async () => {
    const lines = [
      `new:1,2026-04-01T10:00:00Z,${OTHER_BANK_IBAN.replace(/(.{4})/g, '$1 ')},,deposit,,250.00,EUR,250.00,`,
      `new:2,2026-04-02T10:00:00Z,${OTHER_BANK_IBAN},,card,,20.5,EUR,229.50,`,
      'new:3,2026-04-01T10:00:00Z,ACC-0001,,interest,,1500,JPY,1500,',
    ];
    const refused = await rejection(importTransactionsCsv(bank, file(...lines)));
    expect(where(refused)).toEqual(['2 account', '3 account', '4 account']);

    const s = await importTransactionsCsv(bank, file(...lines), { createMissingAccounts: true });
    expect(s.rows).toMatchObject({ customers: 2, journal: 3, products: 2 });
    const opened = await bank.db
      .selectFrom('accounts as a')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .innerJoin('products as p', 'p.id', 'a.product_id')
      .select(['a.account_no', 'a.currency', 'a.balance', 'a.opened_at', 'c.legal_name', 'c.kyc_status', 'c.gender', 'p.code'])
      .where('a.account_no', 'in', [OTHER_BANK_IBAN, 'ACC-0001'])
      .orderBy('a.account_no')
      .execute();
    expect(opened.map((o) => ({ ...o, balance: Number(o.balance), opened_at: Number(o.opened_at) }))).toEqual([
      {
        account_no: 'ACC-0001',
        currency: 'JPY',
        balance: 1500,
        opened_at: Date.UTC(2026, 3, 1, 10),
        legal_name: 'Imported holder of ACC-0001',
        kyc_status: 'pending',
        gender: 'X',
        code: 'IMPORTED-JPY',
      },
      {
        account_no: OTHER_BANK_IBAN,
        currency: 'EUR',
        balance: 22950,
        opened_at: Date.UTC(2026, 3, 1, 10),
        legal_name: `Imported holder of ${OTHER_BANK_IBAN}`,
        kyc_status: 'pending',
        gender: 'X',
        code: 'IMPORTED-EUR',
      },
    ]);
    const ledger = await checkLedger(bank);
    expect([ledger.unbalancedJournals, ledger.balanceMismatches, ledger.runningBalanceMismatches, ledger.currencyMismatches]).toEqual([0, 0, 0, 0]);
  });
});
