import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { verifyAudit } from '../../main/audit';
import { checkLedger } from '../../main/ledger';
import type { Bank } from '../../main/source';

/** The Berka files this repository is tested against (read-only). */
export const BERKA_DIR = join(import.meta.dirname, '../../../shared/data/berka');

/** Data rows of a Berka file, split naively: no Berka field contains ';' or a line break. */
export function berkaRows(file: string, dir = BERKA_DIR): string[][] {
  return readFileSync(join(dir, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(';').map((f) => f.replace(/^"|"$/g, '')));
}

/** A Berka loan's status letter as the bank names it (loan.asc column 7). */
export const BERKA_LOAN_STATUS: Record<string, string> = { A: 'repaid', B: 'defaulted', C: 'running', D: 'in_arrears' };

/** Counts (or sums of `amount`) of file rows per key. */
export function tally(rows: string[][], key: (r: string[]) => string, amount: (r: string[]) => number = () => 1): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + amount(r);
  return out;
}

export const transFile = (dir = BERKA_DIR): string => readdirSync(dir).find((f) => /^trans.*\.asc$/.test(f)) ?? 'trans.asc';

/** "700.00" → 70000 by string surgery, independent of the importer's parser. */
const cents = (s: string): number => {
  const [whole = '0', frac = ''] = s.replace('-', '').split('.');
  return (s.startsWith('-') ? -1 : 1) * Number(whole + frac.padEnd(2, '0'));
};

/** What the files themselves say the bank must hold. */
export function expectedFromFiles(dir = BERKA_DIR) {
  const trans = berkaRows(transFile(dir), dir);
  const loans = berkaRows('loan.asc', dir);
  const disps = berkaRows('disp.asc', dir);
  const loansByStatus = tally(loans, (l) => BERKA_LOAN_STATUS[l[6] ?? ''] ?? '?');
  // Final balance of each account whose last day has a single transaction (within a day the file's order is not the booking order).
  const lastDay = new Map<string, { date: string; balances: string[] }>();
  for (const t of trans) {
    const [, account = '', date = '', , , , balance = ''] = t;
    const d = lastDay.get(account);
    if (!d || date > d.date) lastDay.set(account, { date, balances: [balance] });
    else if (date === d.date) d.balances.push(balance);
  }
  const finalBalances = new Map<number, number>();
  for (const [account, d] of lastDay) if (d.balances.length === 1) finalBalances.set(Number(account), cents(d.balances[0] ?? ''));
  return {
    districts: berkaRows('district.asc', dir).length,
    accounts: berkaRows('account.asc', dir).length,
    clients: berkaRows('client.asc', dir).length,
    disponents: disps.filter((d) => d[3] === 'DISPONENT').length,
    orders: berkaRows('order.asc', dir).length,
    cards: berkaRows('card.asc', dir).length,
    loans: loans.length,
    loansByStatus,
    instalments: loans.reduce((s, l) => s + Number(l[4]), 0),
    transactions: trans.length,
    transAmountSum: trans.reduce((s, t) => s + cents(t[5] ?? ''), 0),
    accountsWithTransactions: lastDay.size,
    finalBalances,
  };
}

async function one(bank: Bank, query: string): Promise<number> {
  const r = await sql<{ n: number | string | null }>`${sql.raw(query)}`.execute(bank.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Every check the Berka import must pass, on either engine. */
export async function expectBerkaImported(bank: Bank, dir = BERKA_DIR): Promise<void> {
  const want = expectedFromFiles(dir);
  expect(await one(bank, "select count(*) as n from branches where code like 'D%'")).toBe(want.districts);
  expect(await one(bank, "select count(*) as n from customers where customer_no like 'BK%'")).toBe(want.clients);
  expect(await one(bank, "select count(*) as n from accounts where kind = 'customer' and name like 'Berka account %' and customer_id is not null")).toBe(want.accounts);
  expect(await one(bank, "select count(*) as n from cards c join accounts a on a.id = c.account_id where a.name like 'Berka account %'")).toBe(want.cards);
  expect(await one(bank, "select count(*) as n from journal where external_ref like 'berka:%' and created_by = 'import:berka'")).toBe(want.transactions);
  expect(await one(bank, "select count(distinct external_ref) as n from journal where external_ref like 'berka:%'")).toBe(want.transactions);
  expect(await one(bank, "select sum(amount) as n from journal where external_ref like 'berka:%'")).toBe(want.transAmountSum);

  const loans = await sql<{
    status: string;
    n: number;
  }>`select status, count(*) as n from loans l join products p on p.id = l.product_id where p.code = 'BERKA-LOAN' group by status`.execute(bank.db);
  expect(Object.fromEntries(loans.rows.map((r) => [r.status, Number(r.n)]))).toEqual(want.loansByStatus);
  expect(await one(bank, "select count(*) as n from loan_repayments r join loans l on l.id = r.loan_id join products p on p.id = l.product_id where p.code = 'BERKA-LOAN'")).toBe(
    want.instalments,
  );
  // A paid instalment points at the loan payment that settled it.
  expect(
    await one(bank, "select count(*) as n from loan_repayments r join journal j on j.id = r.journal_id where j.type <> 'loan_repayment' or j.external_ref not like 'berka:%'"),
  ).toBe(0);

  const meta = await bank.db.selectFrom('bank_meta').select('value').where('key', 'like', 'berka:account:%').execute();
  const extras = meta.map((m) => JSON.parse(m.value) as { standing_orders: unknown[]; disponents: unknown[] });
  expect(extras.reduce((s, e) => s + e.standing_orders.length, 0)).toBe(want.orders);
  expect(extras.reduce((s, e) => s + e.disponents.length, 0)).toBe(want.disponents);

  const ledger = await checkLedger(bank);
  expect({ ...ledger, belowOverdraft: 0, firstBookedAt: 0, lastBookedAt: 0, journals: 0 }).toEqual({
    journals: 0,
    unbalancedJournals: 0,
    journalsWithoutEntries: 0,
    amountMismatches: 0,
    currencyMismatches: 0,
    timeMismatches: 0,
    balanceMismatches: 0,
    runningBalanceMismatches: 0,
    belowOverdraft: 0,
    firstBookedAt: 0,
    lastBookedAt: 0,
  });

  const balances = await sql<{ name: string; balance: number }>`select name, balance from accounts where name like 'Berka account %'`.execute(bank.db);
  const byBerkaId = new Map(balances.rows.map((r) => [Number(r.name.replace('Berka account ', '')), Number(r.balance)]));
  expect(want.finalBalances.size).toBeGreaterThan(want.accountsWithTransactions * 0.5);
  for (const [id, balance] of want.finalBalances) expect([id, byBerkaId.get(id)]).toEqual([id, balance]);
  expect([...byBerkaId.values()].filter((b) => b !== 0).length).toBeLessThanOrEqual(want.accountsWithTransactions);

  const audit = await verifyAudit(bank.db);
  expect(audit.ok).toBe(true);
  expect(await one(bank, "select count(*) as n from audit_log where action = 'import.berka'")).toBe(1);
}
