import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIban } from '../../shared/account-number';
import { FRAUD_PATTERNS, generateDemoBank, type DemoSummary } from '../../main/demo';
import { tableChecksums } from '../../main/demo/checksum';
import { checkLedger } from '../../main/ledger';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';

/** A Tuesday afternoon: "today" already has activity. */
const END = Date.UTC(2025, 10, 25, 14, 30, 0);
const SIZE = { customers: 400, months: 6, seed: 42, end: END };

async function count(bank: Bank, query: string): Promise<number> {
  const r = await sql<{ n: number }>`${sql.raw(query)}`.execute(bank.db);
  return Number(r.rows[0]?.n ?? 0);
}

describe('demo bank on SQLite', () => {
  const dir = tempDir('cloudbank-demo-');
  let bank: Bank;
  let summary: DemoSummary;

  beforeAll(async () => {
    bank = await emptySqliteBank(dir.path);
    summary = await generateDemoBank(bank, SIZE);
  }, 120_000);

  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('reports what it wrote', async () => {
    expect(summary.rows.customers).toBe(400);
    expect(summary.rows.branches).toBe(77);
    expect(summary.rows.journal).toBe(await count(bank, 'select count(*) as n from journal'));
    expect(summary.rows.entries).toBe(await count(bank, 'select count(*) as n from entries'));
    expect(summary.seconds).toBeGreaterThan(0);
  });

  it('keeps a correct double-entry ledger', async () => {
    const r = await checkLedger(bank);
    expect(r.journals).toBeGreaterThan(10_000);
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
  });

  it('writes parents before children and only integer cents', async () => {
    expect(bank.sqlite?.pragma('foreign_key_check')).toEqual([]);
    expect(await count(bank, "select count(*) as n from entries where typeof(amount) <> 'integer' or typeof(balance_after) <> 'integer'")).toBe(0);
    expect(await count(bank, "select count(*) as n from journal where typeof(amount) <> 'integer' or amount <= 0")).toBe(0);
    // The connection's own settings come back after the bulk load.
    expect(bank.sqlite?.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('reaches the end instant, including earlier today', async () => {
    const r = await checkLedger(bank);
    expect(r.lastBookedAt).not.toBeNull();
    expect(r.lastBookedAt ?? 0).toBeLessThanOrEqual(END);
    expect(r.lastBookedAt ?? 0).toBeGreaterThan(END - 3 * 3_600_000);
    const startOfDay = Date.UTC(2025, 10, 24, 23, 0, 0); // midnight in Prague
    expect(await count(bank, `select count(*) as n from journal where booked_at >= ${startOfDay} and booked_at <= ${END}`)).toBeGreaterThan(20);
    expect(await count(bank, `select count(*) as n from journal where booked_at >= ${END - 90 * 86_400_000}`)).toBeGreaterThan(5_000);
  });

  it('dates nothing after the end instant', async () => {
    for (const [table, cols] of Object.entries({
      customers: ['created_at', 'updated_at'],
      accounts: ['opened_at', 'updated_at'],
      cards: ['issued_at', 'updated_at'],
      loans: ['created_at', 'updated_at'],
      loan_repayments: ['paid_at', 'updated_at'],
      entries: ['booked_at'],
    })) {
      for (const c of cols) expect(await count(bank, `select count(*) as n from ${table} where ${c} > ${END}`), `${table}.${c}`).toBe(0);
    }
  });

  it('puts back the indexes and settings it suspends for the bulk load', async () => {
    const other = tempDir('cloudbank-demo-fresh-');
    const fresh = await emptySqliteBank(other.path);
    const indexes = async (b: Bank): Promise<string[]> =>
      (await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and sql is not null order by name`.execute(b.db)).rows.map((r) => r.sql);
    try {
      expect(await indexes(bank)).toEqual(await indexes(fresh));
      for (const p of ['journal_mode', 'synchronous', 'foreign_keys', 'cache_size'])
        expect(bank.sqlite?.pragma(p, { simple: true }), p).toEqual(fresh.sqlite?.pragma(p, { simple: true }));
    } finally {
      await fresh.close();
      other.remove();
    }
  });

  it('labels every fraud and laundering typology, and only posted journals', async () => {
    for (const p of FRAUD_PATTERNS) expect(summary.labelled[p] ?? 0, p).toBeGreaterThan(0);
    expect(await count(bank, 'select count(*) as n from fraud_labels f left join journal j on j.id = f.journal_id where j.id is null')).toBe(0);
    const scenarios = await count(bank, 'select count(distinct scenario) as n from fraud_labels');
    expect(scenarios).toBeGreaterThanOrEqual(FRAUD_PATTERNS.length);
    // 1–2% of customers involved, one customer per scenario.
    const involved = await count(
      bank,
      "select count(distinct a.customer_id) as n from fraud_labels f join entries e on e.journal_id = f.journal_id join accounts a on a.id = e.account_id where a.kind = 'customer'",
    );
    expect(involved).toBe(scenarios);
  });

  it('structures cash just under the 10,000 EUR threshold', async () => {
    const r = await sql<{
      amount: number;
    }>`select j.amount from fraud_labels f join journal j on j.id = f.journal_id where f.pattern = 'structuring' and j.type = 'deposit'`.execute(bank.db);
    expect(r.rows.length).toBeGreaterThanOrEqual(3);
    for (const row of r.rows) {
      expect(row.amount).toBeGreaterThanOrEqual(900_000);
      expect(row.amount).toBeLessThan(1_000_000);
    }
  });

  it('has loans repaid on time, late and missed, with journals for the ones paid in the window', async () => {
    const statuses = await sql<{ status: string; n: number }>`select status, count(*) as n from loan_repayments group by status`.execute(bank.db);
    const by = Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.n)]));
    expect(by.on_time ?? 0).toBeGreaterThan(0);
    expect(by.late ?? 0).toBeGreaterThan(0);
    expect(by.missed ?? 0).toBeGreaterThan(0);
    expect(by.scheduled ?? 0).toBeGreaterThan(0);
    expect(
      await count(bank, "select count(*) as n from loan_repayments r join journal j on j.id = r.journal_id where j.type <> 'loan_repayment' or j.amount <> r.amount_paid"),
    ).toBe(0);
    expect(await count(bank, "select count(*) as n from loan_repayments where status in ('on_time', 'late') and (paid_at is null or amount_paid <> amount_due)")).toBe(0);
    const loanStatuses = await count(bank, 'select count(distinct status) as n from loans');
    expect(loanStatuses).toBeGreaterThanOrEqual(3);
  });

  it('gives every customer 1–3 accounts with valid, unique account numbers and unique national ids', async () => {
    expect(await count(bank, "select count(*) as n from (select customer_id, count(*) c from accounts where kind = 'customer' group by customer_id having c < 1 or c > 3) t")).toBe(
      0,
    );
    expect(await count(bank, 'select count(*) as n from customers c where not exists (select 1 from accounts a where a.customer_id = c.id)')).toBe(0);
    const nos = await sql<{ account_no: string }>`select account_no from accounts`.execute(bank.db);
    for (const r of nos.rows) expect(isValidIban(r.account_no), r.account_no).toBe(true);
    expect(await count(bank, 'select count(distinct national_id) as n from customers')).toBe(400);
    expect(await count(bank, "select count(*) as n from accounts where kind = 'internal'")).toBeGreaterThan(77);
  });

  it('writes the bank metadata the app reads', async () => {
    const meta = await sql<{ key: string; value: string }>`select key, value from bank_meta`.execute(bank.db);
    const m = Object.fromEntries(meta.rows.map((r) => [r.key, r.value]));
    expect(m).toMatchObject({ bank_name: 'CloudBank Demo', base_currency: 'EUR', demo_seed: '42', demo_months: '6', demo_customers: '400', demo_end: String(END) });
  });

  it('refuses to fill a bank that already has data', async () => {
    await expect(generateDemoBank(bank, SIZE)).rejects.toThrow(/empty/);
  });
});

describe('demo bank determinism', () => {
  const dir = tempDir('cloudbank-demo-det-');
  afterAll(() => dir.remove());

  async function checksums(name: string, seed: number): Promise<Record<string, string>> {
    const sub = `${dir.path}/${name}`;
    await import('node:fs').then((fs) => fs.mkdirSync(sub));
    const bank = await emptySqliteBank(sub);
    try {
      await generateDemoBank(bank, { customers: 80, months: 3, seed, end: END });
      return await tableChecksums(bank);
    } finally {
      await bank.close();
    }
  }

  it('gives byte-identical tables for the same seed and end, and different ones for another seed', async () => {
    const a = await checksums('a', 7);
    const b = await checksums('b', 7);
    const c = await checksums('c', 8);
    expect(b).toEqual(a);
    for (const table of ['customers', 'accounts', 'journal', 'entries', 'loans', 'fraud_labels'] as const) expect(c[table], table).not.toBe(a[table]);
  }, 120_000);
});
