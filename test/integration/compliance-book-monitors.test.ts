import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation, MonitorResult } from '../../shared/contract';
import { cacheKysely, openCacheDatabase, startSyncWorker } from '../../main/cache';
import { evaluateMonitors } from '../../main/compliance';
import { cdb } from '../../main/compliance/tables';
import { IN_THREAD, type MetricStore } from '../../main/metrics';
import type { Bank } from '../../main/source';
import { parseDayIso } from '../../shared/bank-time';
import { migrateToLatest, openMysqlBank, openSqliteBank } from '../../main/source';
import { loadComplianceFixture } from '../support/compliance-fixture';
import { freshDatabase } from '../support/mariadb';
import { tempDir } from '../support/temp';

/**
 * Large exposures, loan-to-deposit, non-performing loans and dormant accounts on a small bank whose
 * figures are worked out by hand below — on real MariaDB and on the encrypted cache synced from it,
 * which must give the same figures (and on the embedded bank too).
 *
 * On top of test/support/compliance-fixture.ts (deposits in the comments there):
 * - Account 6 (customer 4, EUR): 1,000.00 in on 2024-03-01, nothing for 262 days, 500.00 in on
 *   2024-11-18 → one dormant account woke up in the 30 days to 2024-11-20.
 * - Loan 1 (customer 1, EUR): 6 × 5,200.00 due on the 1st of 2024-07 … 2024-12, the first two paid
 *   → 20,800.00 outstanding, oldest unpaid 2024-09-01 (81 days past due at the end of 2024-11-20:
 *   performing).
 * - Loan 2 (customer 2, EUR): 4 × 2,600.00 due 2024-02-15 … 2024-05-15, none paid → 10,400.00
 *   outstanding, 280 days past due: non-performing.
 * - Loan 3 (customer 3, USD): 2 × 2,550.00 due 2024-11-01 and 2024-12-01, the first paid on time →
 *   2,550.00 USD = 2,295.00 EUR at 0.9.
 * - Tier 1 capital 100,000.00 EUR; USD at 0.9 from 2024-11-01.
 */
const NOW = Date.parse('2024-11-20T12:00:00Z');
const ZONE = 'Europe/Prague';

// Deposits at the end of 2024-11-20, in EUR cents: account 1 −999,999; 2 2,300,000; 4 500,000;
// 5 1,940,000; 6 150,000 → 3,890,001, plus account 3's 2,600,000 USD cents × 0.9 = 2,340,000.
const DEPOSITS = 3_890_001 + 2_340_000;
const LOANS = 2_080_000 + 1_040_000 + 229_500;

async function addBookAndDormancy(bank: Bank): Promise<void> {
  const db = bank.db;
  const T = (iso: string): number => Date.parse(iso);
  await db
    .insertInto('accounts')
    .values({
      id: 6,
      account_no: 'ACC6',
      kind: 'customer',
      name: 'Account 6',
      customer_id: 4,
      product_id: 1,
      branch_id: 1,
      currency: 'EUR',
      balance: 150_000,
      status: 'open',
      status_reason: null,
      opened_at: T('2024-01-01T00:00:00Z'),
      closed_at: null,
      updated_at: NOW,
    })
    .execute();
  const postings: [number, string, number][] = [
    [20, '2024-03-01T10:00:00Z', 100_000],
    [21, '2024-11-18T10:00:00Z', 50_000],
  ];
  let entry = 100;
  for (const [id, at, amount] of postings) {
    await db
      .insertInto('journal')
      .values({
        id,
        reference: `TX${id}`,
        booked_at: T(at),
        type: 'transfer',
        channel: 'online',
        amount,
        currency: 'EUR',
        description: 'transfer in',
        counterparty_name: null,
        counterparty_account: null,
        idempotency_key: null,
        external_ref: null,
        status: 'posted',
        created_by: 'fixture',
      })
      .execute();
    await db
      .insertInto('entries')
      .values([
        { id: entry++, journal_id: id, account_id: 6, amount, balance_after: 0, booked_at: T(at) },
        { id: entry++, journal_id: id, account_id: 90, amount: -amount, balance_after: 0, booked_at: T(at) },
      ])
      .execute();
  }
  const loan = (id: number, customer: number, account: number, principal: number, currency: string, start: string, status: 'running' | 'in_arrears') => ({
    id,
    account_id: account,
    customer_id: customer,
    product_id: 1,
    principal,
    currency,
    interest_rate_bp: 500,
    term_months: 6,
    monthly_payment: 0,
    start_date: start,
    status,
    created_at: NOW,
    updated_at: NOW,
  });
  await db
    .insertInto('loans')
    .values([
      loan(1, 1, 1, 3_000_000, 'EUR', '2024-06-01', 'in_arrears'),
      loan(2, 2, 2, 1_000_000, 'EUR', '2024-01-15', 'in_arrears'),
      loan(3, 3, 3, 500_000, 'USD', '2024-10-01', 'running'),
    ])
    .execute();
  let rid = 1;
  const inst = (loanId: number, n: number, due: string, amount: number, paidAt: string | null) => ({
    id: rid++,
    loan_id: loanId,
    installment: n,
    due_date: due,
    amount_due: amount,
    amount_paid: paidAt ? amount : 0,
    paid_at: paidAt ? T(paidAt) : null,
    status: paidAt ? ('on_time' as const) : ('scheduled' as const),
    journal_id: null,
  });
  await db
    .insertInto('loan_repayments')
    .values([
      ...['07', '08', '09', '10', '11', '12'].map((m, i) => inst(1, i + 1, `2024-${m}-01`, 520_000, i < 2 ? `2024-${m}-01T08:00:00Z` : null)),
      ...['02', '03', '04', '05'].map((m, i) => inst(2, i + 1, `2024-${m}-15`, 260_000, null)),
      inst(3, 1, '2024-11-01', 255_000, '2024-11-01T10:00:00Z'),
      inst(3, 2, '2024-12-01', 255_000, null),
    ])
    .execute();
  const input = (key: string, currency: string, value: string) => ({
    input_key: key,
    currency,
    effective_day: '2024-11-01',
    value,
    version: 1,
    entered_by: 'clara',
    approved_by: 'olga',
    change_id: 0,
    created_at: NOW,
  });
  await cdb(bank)
    .insertInto('compliance_inputs')
    .values([input('tier1_capital', '', '10000000'), input('fx_rate', 'USD', '0.9')])
    .execute();
}

function byId(ev: Evaluation): Map<string, MonitorResult> {
  return new Map(ev.monitors.map((m) => [m.id, m]));
}

/** The hand-computed figures, whichever store answers. */
function expectHandFigures(ev: Evaluation): void {
  const m = byId(ev);
  // Customer 1 owes the most: 20,800.00 / 100,000.00 = 20.8 % — past the 10 % reporting edge, under 25 %.
  expect(m.get('large_exposures')).toMatchObject({ value: 0.208, status: 'warning' });
  expect(m.get('loan_to_deposit')?.value).toBeCloseTo(LOANS / DEPOSITS, 12);
  expect(m.get('loan_to_deposit')?.status).toBe('ok');
  // Loan 2's 10,400.00 of 33,495.00: 31 %, far past the 5 % appetite.
  expect(m.get('npl_ratio')?.value).toBeCloseTo(1_040_000 / LOANS, 12);
  expect(m.get('npl_ratio')?.status).toBe('breach');
  expect(m.get('dormant_reactivated')).toMatchObject({ value: 1, status: 'ok' });
}

describe.each(['sqlite', 'mysql'] as const)('loan book and dormancy monitors on %s and its cache', (engine) => {
  let bank: Bank;
  let dropDb: () => Promise<void> = async () => undefined;
  let cacheDb: Database.Database;
  let cacheBank: Bank;
  let sync: () => Promise<void>;
  const dir = tempDir('compliance-book-');

  beforeAll(async () => {
    let source: { kind: 'mysql'; url: string } | { kind: 'sqlite'; file: string };
    if (engine === 'mysql') {
      const db = await freshDatabase('cbcompbook');
      bank = openMysqlBank(db.url);
      source = { kind: 'mysql', url: db.url };
      dropDb = () => db.drop();
    } else {
      const file = join(dir.path, 'bank.sqlite');
      bank = openSqliteBank(file);
      source = { kind: 'sqlite', file };
    }
    await migrateToLatest(bank.db, engine);
    await loadComplianceFixture(bank);
    await addBookAndDormancy(bank);
    const cacheFile = join(dir.path, 'cache.db');
    const key = randomBytes(32);
    sync = async () => void (await startSyncWorker({ cacheFile, keyHex: key.toString('hex'), source, intervalMs: null }, {}).finished);
    await sync();
    cacheDb = openCacheDatabase(cacheFile, key);
    cacheBank = { db: cacheKysely(cacheDb), dialect: 'sqlite', sqlite: cacheDb, describe: 'cache', close: async () => undefined };
  });
  afterAll(async () => {
    cacheDb.close();
    await bank.close();
    await dropDb();
    dir.remove();
  });

  const bankStore = (): MetricStore => ({ bank, source: 'bank', rollups: false, timeZone: ZONE, asOf: NOW });
  // One cache connection for the suite, as the app keeps one: evaluations on it share their kept daily answers.
  const cacheStore = (): MetricStore => ({ bank: cacheBank, source: 'cache', rollups: true, timeZone: ZONE, asOf: NOW });
  const figures = (ev: Evaluation) => ev.monitors.map((m) => ({ id: m.id, status: m.status, value: m.value, trend: m.trend }));

  it('the bank gives the hand-computed figures', async () => {
    expectHandFigures(await evaluateMonitors({ store: bankStore(), runner: IN_THREAD }, { at: parseDayIso('2024-11-20') ?? 0, now: NOW }));
  });

  it('the cache gives the same figures as the bank, every monitor and every trend day', async () => {
    const onBank = await evaluateMonitors({ store: bankStore(), runner: IN_THREAD }, { now: NOW });
    const onCache = await evaluateMonitors({ store: cacheStore(), runner: IN_THREAD }, { now: NOW });
    expectHandFigures(onCache);
    expect(figures(onCache)).toEqual(figures(onBank));
  });

  it('after a sync round of new postings, the re-evaluation (only the days they touch asked again) still equals the bank', async () => {
    // The last evaluation was three bank days ago: the window has moved on since, as it does between syncs.
    await evaluateMonitors({ store: cacheStore(), runner: IN_THREAD }, { now: NOW, at: parseDayIso('2024-11-17') ?? 0 });
    // Customer 4 takes 9,600.00 cash on 2024-11-19 (with 2024-11-14's 9,900.00 in: a second
    // structuring pair, the other direction), and account 1 gets 12,000.00 cash in on 2024-11-16: a new CTR day.
    const T = (iso: string): number => Date.parse(iso);
    const add: [number, string, 'deposit' | 'withdrawal', number, number][] = [
      [30, '2024-11-19T09:00:00Z', 'withdrawal', 5, -960_000],
      [31, '2024-11-16T09:00:00Z', 'deposit', 1, 1_200_000],
    ];
    let entry = 200;
    for (const [id, at, type, account, amount] of add) {
      await bank.db
        .insertInto('journal')
        .values({
          id,
          reference: `TX${id}`,
          booked_at: T(at),
          type,
          channel: 'branch',
          amount: Math.abs(amount),
          currency: 'EUR',
          description: type,
          counterparty_name: null,
          counterparty_account: null,
          idempotency_key: null,
          external_ref: null,
          status: 'posted',
          created_by: 'fixture',
        })
        .execute();
      await bank.db
        .insertInto('entries')
        .values([
          { id: entry++, journal_id: id, account_id: account, amount, balance_after: 0, booked_at: T(at) },
          { id: entry++, journal_id: id, account_id: 90, amount: -amount, balance_after: 0, booked_at: T(at) },
        ])
        .execute();
    }
    await sync();
    const onCache = await evaluateMonitors({ store: cacheStore(), runner: IN_THREAD }, { now: NOW });
    const onBank = await evaluateMonitors({ store: bankStore(), runner: IN_THREAD }, { now: NOW });
    expect(figures(onCache)).toEqual(figures(onBank));
    const ltd = onBank.monitors.find((m) => m.id === 'loan_to_deposit');
    expect(ltd?.value).toBeCloseTo(LOANS / (DEPOSITS - 960_000 + 1_200_000), 12);
    const cashDays = onCache.deadlines.filter((d) => d.kind === 'ctr').map((d) => d.title.match(/\d{4}-\d{2}-\d{2}/)?.[0]);
    expect(cashDays).toContain('2024-11-16');
  });

  it('after a sync round that pays an instalment and grants a loan, large exposures (kept daily changes dropped) still equal the bank', async () => {
    // The cache keeps the borrowers' daily changes from this evaluation; the round below must not reuse them.
    await evaluateMonitors({ store: cacheStore(), runner: IN_THREAD }, { now: NOW });
    const T = (iso: string): number => Date.parse(iso);
    // Customer 1 pays loan 1's third instalment on 2024-11-10 (20,800.00 → 15,600.00); customer 2 is
    // granted 18,000.00 on 2024-11-05 (first instalment due 2024-12-05): 10,400.00 + 18,000.00 makes
    // customer 2 the largest borrower from 2024-11-06 on.
    await bank.db
      .updateTable('loan_repayments')
      .set({ amount_paid: 520_000, paid_at: T('2024-11-10T09:00:00Z'), status: 'late', updated_at: NOW + 1 })
      .where('loan_id', '=', 1)
      .where('installment', '=', 3)
      .execute();
    await bank.db
      .insertInto('loans')
      .values({
        id: 4,
        account_id: 2,
        customer_id: 2,
        product_id: 1,
        principal: 1_800_000,
        currency: 'EUR',
        interest_rate_bp: 500,
        term_months: 1,
        monthly_payment: 1_800_000,
        start_date: '2024-11-05',
        status: 'running',
        created_at: NOW + 1,
        updated_at: NOW + 1,
      })
      .execute();
    await bank.db
      .insertInto('loan_repayments')
      .values({
        id: 100,
        loan_id: 4,
        installment: 1,
        due_date: '2024-12-05',
        amount_due: 1_800_000,
        amount_paid: 0,
        paid_at: null,
        status: 'scheduled',
        journal_id: null,
        updated_at: NOW + 1,
      })
      .execute();
    await sync();
    const onCache = await evaluateMonitors({ store: cacheStore(), runner: IN_THREAD }, { now: NOW });
    const onBank = await evaluateMonitors({ store: bankStore(), runner: IN_THREAD }, { now: NOW });
    expect(figures(onCache)).toEqual(figures(onBank));
    const exposures = byId(onBank).get('large_exposures');
    expect(exposures?.value).toBeCloseTo(0.284, 12);
    expect(exposures?.note).toContain('Customer 2');
    expect(exposures?.trend.find((p) => p.day === '2024-11-04')?.value).toBeCloseTo(0.208, 12);
    expect(exposures?.trend.find((p) => p.day === '2024-11-05')?.value).toBeCloseTo(0.284, 12);
  });
});
