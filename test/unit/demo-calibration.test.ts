import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO, generateDemoBank } from '../../main/demo';
import { measureBerka, type BerkaFigures } from '../../main/demo/berka-measure';
import * as C from '../../main/demo/calibration';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';

const BERKA = fileURLToPath(new URL('../../../shared/data/berka', import.meta.url));
const END = Date.UTC(2025, 10, 25, 14, 30, 0);

const median = (q: C.Quantiles): number => q.find(([p]) => p === 0.5)?.[1] ?? NaN;

describe.skipIf(!existsSync(BERKA))('calibration table matches the Berka files', () => {
  let f: BerkaFigures;
  beforeAll(() => {
    f = measureBerka(BERKA);
  });

  it('demographics and cards', () => {
    expect(C.FEMALE_SHARE).toBeCloseTo(f.women / f.clients, 10);
    expect(C.CARD_SHARE).toBeCloseTo(((f.cards.classic ?? 0) + (f.cards.junior ?? 0) + (f.cards.gold ?? 0)) / f.accounts, 10);
    expect(C.CARD_TYPE_MIX).toEqual({ debit_classic: f.cards.classic, junior: f.cards.junior, debit_gold: f.cards.gold });
  });

  it('loan shares, outcomes, durations and amounts', () => {
    const total = Object.values(f.loanStatus).reduce((a, b) => a + b, 0);
    expect(C.LOAN_SHARE).toBeCloseTo(total / f.accounts, 10);
    for (const s of ['A', 'B', 'C', 'D'] as const) {
      expect(C.LOAN_OUTCOMES[s].count, s).toBe(f.loanStatus[s]);
      expect(Object.fromEntries(C.LOAN_OUTCOMES[s].durations.map(([d, n]) => [d, n])), s).toEqual(f.loanDurations[s]);
    }
    expect(median(C.LOAN_AMOUNT_CZK)).toBe(f.loanAmountMedian);
  });

  it('standing orders and transaction amounts', () => {
    expect(Object.fromEntries(C.ORDER_KIND_MIX)).toEqual(f.orderKinds);
    expect(Object.fromEntries(C.ORDERS_PER_ACCOUNT)).toEqual(f.ordersPerAccount);
    expect(median(C.BERKA_AMOUNTS_CZK.cashWithdrawal)).toBe(f.medians.cashWithdrawal);
    expect(median(C.BERKA_AMOUNTS_CZK.cashDeposit)).toBe(f.medians.cashDeposit);
    expect(median(C.BERKA_AMOUNTS_CZK.remittance)).toBe(f.medians.remittance);
    expect(median(C.BERKA_ORDERS_CZK.SIPO)).toBe(f.medians.sipo);
  });

  it('payment days', () => {
    expect([...C.DAY_OF_MONTH.salary]).toEqual(f.salaryDays);
    expect(f.loanDebitDays).toEqual([C.LOAN_DUE_DAY]);
  });
});

describe('the default demo bank reproduces the calibration', () => {
  const dir = tempDir('cloudbank-demo-cal-');
  let bank: Bank;
  const one = async (q: string): Promise<number> => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(bank.db)).rows[0]?.n ?? NaN);

  beforeAll(async () => {
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, { ...DEFAULT_DEMO, end: END });
  }, 180_000);
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('has Berka customers: gender mix, card share, loan share and outcomes', async () => {
    const n = DEFAULT_DEMO.customers;
    expect(Math.abs((await one("select count(*) as n from customers where gender = 'F'")) / n - C.FEMALE_SHARE)).toBeLessThan(0.04);
    expect(Math.abs((await one("select count(distinct customer_id) as n from cards where status <> 'expired'")) / n - C.CARD_SHARE)).toBeLessThan(0.05);
    const consumer = "from loans l join products p on p.id = l.product_id where p.kind = 'loan'";
    const loans = await one(`select count(*) as n ${consumer}`);
    expect(Math.abs(loans / n - C.LOAN_SHARE)).toBeLessThan(0.04);
    const repaid = await one(`select count(*) as n ${consumer} and l.status = 'repaid'`);
    const troubled = await one(`select count(*) as n ${consumer} and l.status in ('defaulted', 'in_arrears')`);
    expect(repaid / loans).toBeGreaterThan(0.18);
    expect(repaid / loans).toBeLessThan(0.42);
    expect(troubled / loans).toBeGreaterThan(0.04);
    expect(troubled / loans).toBeLessThan(0.2);
  });

  it('has Berka ticket sizes (CZK / 25)', async () => {
    const med = async (where: string): Promise<number> => {
      const count = await one(`select count(*) as n from journal where ${where}`);
      return one(`select amount as n from journal where ${where} order by amount limit 1 offset ${Math.floor(count / 2)}`);
    };
    const cash = await med("type = 'withdrawal' and id not in (select journal_id from fraud_labels)");
    expect(cash / 100).toBeGreaterThan((0.5 * median(C.BERKA_AMOUNTS_CZK.cashWithdrawal)) / C.CZK_PER_EUR);
    expect(cash / 100).toBeLessThan((1.5 * median(C.BERKA_AMOUNTS_CZK.cashWithdrawal)) / C.CZK_PER_EUR);
    const household = await med("description = 'Standing order – household services'");
    expect(household / 100).toBeGreaterThan((0.5 * median(C.BERKA_ORDERS_CZK.SIPO)) / C.CZK_PER_EUR);
    expect(household / 100).toBeLessThan((2 * median(C.BERKA_ORDERS_CZK.SIPO)) / C.CZK_PER_EUR);
  });

  it('pays salaries early in the month, collects loans on the 12th and keeps branches to business days', async () => {
    const localDay = "cast(strftime('%d', booked_at / 1000 + 7200, 'unixepoch') as integer)";
    expect(await one(`select count(*) as n from journal where type = 'salary' and (${localDay} < 1 or ${localDay} > 14)`)).toBe(0);
    const onTime = "from loan_repayments r join journal j on j.id = r.journal_id where r.status = 'on_time'";
    expect(await one(`select count(*) as n ${onTime}`)).toBeGreaterThan(100);
    expect(await one(`select count(*) as n ${onTime} and cast(strftime('%d', j.booked_at / 1000 + 7200, 'unixepoch') as integer) not between 12 and 15`)).toBe(0);
    const weekend = "cast(strftime('%w', booked_at / 1000 + 3600, 'unixepoch') as integer) in (0, 6)";
    expect(await one(`select count(*) as n from journal where channel = 'branch' and ${weekend} and id not in (select journal_id from fraud_labels)`)).toBe(0);
  });

  it('spends more in December than in November', async () => {
    const month = async (from: string, to: string): Promise<number> =>
      one(`select sum(amount) as n from journal where type in ('card', 'withdrawal') and booked_at >= ${Date.parse(from)} and booked_at < ${Date.parse(to)}`);
    const nov = await month('2024-11-01T00:00:00+01:00', '2024-12-01T00:00:00+01:00');
    const dec = await month('2024-12-01T00:00:00+01:00', '2025-01-01T00:00:00+01:00');
    expect(dec / nov).toBeGreaterThan(1.1);
  });
});
