import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Re-measures, from the Berka files themselves, the figures frozen in calibration.ts, so a test can
 * prove the table still says what the data says. Not used while generating (no file access there).
 */
export interface BerkaFigures {
  accounts: number;
  clients: number;
  women: number;
  cards: Record<string, number>;
  loanStatus: Record<string, number>;
  loanDurations: Record<string, Record<number, number>>;
  loanAmountMedian: number;
  orderKinds: Record<string, number>;
  ordersPerAccount: Record<number, number>;
  medians: { cashWithdrawal: number; cashDeposit: number; remittance: number; sipo: number };
  salaryDays: number[];
  loanDebitDays: number[];
}

function table(dir: string, file: string): Array<Record<string, string>> {
  const lines = readFileSync(join(dir, file), 'latin1')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const head = (lines.shift() ?? '').split(';').map((h) => h.replace(/"/g, ''));
  return lines.map((l) => {
    const cells = l.split(';').map((c) => c.replace(/"/g, '').trim());
    return Object.fromEntries(head.map((h, i) => [h, cells[i] ?? '']));
  });
}

const bump = <K extends string | number>(m: Record<K, number>, k: K): void => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Lower median (the value at index ⌊n/2⌋ of the sorted list), as the frozen tables use. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export function measureBerka(dir: string): BerkaFigures {
  const accounts = table(dir, 'account.asc');
  const clients = table(dir, 'client.asc');
  const women = clients.filter((c) => Number((c.birth_number ?? '').slice(2, 4)) > 50).length;
  const cards: Record<string, number> = {};
  for (const c of table(dir, 'card.asc')) bump(cards, c.type ?? '');
  const loanStatus: Record<string, number> = {};
  const loanDurations: Record<string, Record<number, number>> = {};
  const loans = table(dir, 'loan.asc');
  for (const l of loans) {
    const s = l.status ?? '';
    bump(loanStatus, s);
    bump((loanDurations[s] ??= {}), Number(l.duration));
  }
  const orderKinds: Record<string, number> = {};
  const perAccount: Record<string, number> = {};
  const sipo: number[] = [];
  for (const o of table(dir, 'order.asc')) {
    const k = o.k_symbol || 'OTHER';
    if (k === 'UVER') continue;
    bump(orderKinds, k);
    bump(perAccount, o.account_id ?? '');
    if (k === 'SIPO') sipo.push(Number(o.amount));
  }
  const ordersPerAccount: Record<number, number> = { 0: accounts.length - Object.keys(perAccount).length };
  for (const n of Object.values(perAccount)) bump(ordersPerAccount, n);

  const withdrawals: number[] = [];
  const deposits: number[] = [];
  const remittances: number[] = [];
  const salaryDays = new Array<number>(10).fill(0);
  const loanDays = new Set<number>();
  for (const t of table(dir, 'trans_1993-01-01_to_1994-03-30.asc')) {
    const amount = Number(t.amount);
    const day = Number((t.date ?? '').slice(4, 6));
    const k = t.k_symbol ?? '';
    if (t.type === 'VYDAJ' && t.operation === 'VYBER' && k === '') withdrawals.push(amount);
    if (t.operation === 'VKLAD') deposits.push(amount);
    if (t.operation === 'PREVOD NA UCET' && k === '') remittances.push(amount);
    if (t.operation === 'PREVOD NA UCET' && k === 'UVER') loanDays.add(day);
    if (t.operation === 'PREVOD Z UCTU' && k === '' && day >= 5 && day <= 14) salaryDays[day - 5] = (salaryDays[day - 5] ?? 0) + 1;
  }
  return {
    accounts: accounts.length,
    clients: clients.length,
    women,
    cards,
    loanStatus,
    loanDurations,
    loanAmountMedian: median(loans.map((l) => Number(l.amount))),
    orderKinds,
    ordersPerAccount,
    medians: { cashWithdrawal: median(withdrawals), cashDeposit: median(deposits), remittance: median(remittances), sipo: median(sipo) },
    salaryDays,
    loanDebitDays: [...loanDays].sort((a, b) => a - b),
  };
}
