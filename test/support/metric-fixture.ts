import type { Bank } from '../../main/source';

/**
 * A tiny bank whose figures are computed by hand in test/integration/metrics-engines.test.ts. Its
 * instants sit on the edges that break naive day cutting in Europe/Prague:
 * - 2024-10-27 is a 25-hour day (CEST → CET at 01:00 UTC): 2024-10-26T22:30Z is 00:30 on the 27th,
 *   2024-10-27T22:59Z is still the 27th, 2024-10-27T23:00Z is the 28th;
 * - 2025-03-30 is a 23-hour day (CET → CEST at 01:00 UTC): 2025-03-30T21:59Z is the 30th, 22:00Z the 31st;
 * - 2024-12-31T23:30Z is already 1 January 2025 (and Q1) in the bank's zone, 31 December in UTC.
 */

const T = (iso: string): number => Date.parse(iso);
const NOW = T('2025-06-01T00:00:00Z');

interface Posting {
  id: number;
  at: string;
  type: 'deposit' | 'withdrawal' | 'transfer';
  channel: 'branch' | 'atm' | 'online';
  currency: string;
  amount: number;
  legs: [account: number, amount: number][];
}

export const FIXTURE_POSTINGS: Posting[] = [
  {
    id: 1,
    at: '2024-10-26T22:30:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'EUR',
    amount: 100000,
    legs: [
      [2, 100000],
      [90, -100000],
    ],
  },
  {
    id: 2,
    at: '2024-10-27T22:59:00Z',
    type: 'withdrawal',
    channel: 'atm',
    currency: 'EUR',
    amount: 20000,
    legs: [
      [2, -20000],
      [90, 20000],
    ],
  },
  {
    id: 3,
    at: '2024-10-27T23:00:00Z',
    type: 'withdrawal',
    channel: 'atm',
    currency: 'EUR',
    amount: 5000,
    legs: [
      [2, -5000],
      [90, 5000],
    ],
  },
  {
    id: 4,
    at: '2024-12-31T23:45:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'EUR',
    amount: 40000,
    legs: [
      [1, 40000],
      [90, -40000],
    ],
  },
  {
    id: 5,
    at: '2025-02-10T09:30:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'CZK',
    amount: 200000,
    legs: [
      [3, 200000],
      [91, -200000],
    ],
  },
  {
    id: 6,
    at: '2025-03-05T11:00:00Z',
    type: 'withdrawal',
    channel: 'branch',
    currency: 'CZK',
    amount: 200000,
    legs: [
      [3, -200000],
      [91, 200000],
    ],
  },
  {
    id: 7,
    at: '2025-03-30T21:59:00Z',
    type: 'transfer',
    channel: 'online',
    currency: 'EUR',
    amount: 30000,
    legs: [
      [2, -30000],
      [1, 30000],
    ],
  },
  {
    id: 8,
    at: '2025-03-30T22:00:00Z',
    type: 'deposit',
    channel: 'atm',
    currency: 'EUR',
    amount: 1000,
    legs: [
      [1, 1000],
      [90, -1000],
    ],
  },
];

export async function loadMetricFixture(bank: Bank): Promise<void> {
  const db = bank.db;
  await db.insertInto('bank_meta').values({ key: 'timezone', value: 'Europe/Prague' }).execute();
  const branch = (id: number, name: string) => ({ id, code: `B${id}`, name, region: 'R', address: 'A', city: 'C', phone: 'P', hours: 'H', created_at: NOW, updated_at: NOW });
  await db
    .insertInto('branches')
    .values([branch(1, 'Brno'), branch(2, 'Ostrava')])
    .execute();
  const product = (id: number, code: string, kind: 'current' | 'savings' | 'loan', currency: string) => ({
    id,
    code,
    name: code,
    kind,
    currency,
    interest_rate_bp: 0,
    monthly_fee: 0,
    overdraft_limit: 0,
    daily_withdrawal_limit: 0,
    active: 1,
    description: '',
    created_at: NOW,
    updated_at: NOW,
  });
  await db
    .insertInto('products')
    .values([product(1, 'CURRENT', 'current', 'EUR'), product(2, 'SAVINGS', 'savings', 'EUR'), product(3, 'LOAN', 'loan', 'EUR')])
    .execute();
  const customer = (id: number, created: string, branchId: number) => ({
    id,
    customer_no: `C${id}`,
    legal_name: `Customer ${id}`,
    date_of_birth: '1980-01-01',
    gender: 'F' as const,
    national_id: `N${id}`,
    address: 'A',
    city: 'C',
    phone: `+42000000${id}`,
    email: `c${id}@example.com`,
    occupation: 'O',
    risk_rating: 'low' as const,
    kyc_status: 'verified' as const,
    kyc_next_review: '2030-01-01',
    preferred_channel: 'email' as const,
    branch_id: branchId,
    created_at: T(created),
    updated_at: NOW,
  });
  await db
    .insertInto('customers')
    .values([customer(1, '2024-12-31T23:30:00Z', 1), customer(2, '2024-10-01T08:00:00Z', 2), customer(3, '2025-02-10T09:00:00Z', 1)])
    .execute();
  const account = (
    id: number,
    kind: 'customer' | 'internal',
    customerId: number | null,
    productId: number | null,
    branchId: number,
    currency: string,
    opened: string,
    closed: string | null,
    balance: number,
  ) => ({
    id,
    account_no: `ACC${id}`,
    kind,
    name: `Account ${id}`,
    customer_id: customerId,
    product_id: productId,
    branch_id: branchId,
    currency,
    balance,
    status: closed ? ('closed' as const) : ('open' as const),
    status_reason: null,
    opened_at: T(opened),
    closed_at: closed ? T(closed) : null,
    updated_at: NOW,
  });
  await db
    .insertInto('accounts')
    .values([
      account(1, 'customer', 1, 1, 1, 'EUR', '2024-12-31T23:30:00Z', null, 71000),
      account(2, 'customer', 2, 2, 2, 'EUR', '2024-10-01T08:00:00Z', null, 45000),
      account(3, 'customer', 3, 1, 1, 'CZK', '2025-02-10T09:00:00Z', '2025-03-05T12:00:00Z', 0),
      account(90, 'internal', null, null, 1, 'EUR', '2024-01-01T00:00:00Z', null, -116000),
      account(91, 'internal', null, null, 1, 'CZK', '2024-01-01T00:00:00Z', null, 0),
    ])
    .execute();
  const balances = new Map<number, number>();
  let entryId = 1;
  for (const p of FIXTURE_POSTINGS) {
    await db
      .insertInto('journal')
      .values({
        id: p.id,
        reference: `TX${p.id}`,
        booked_at: T(p.at),
        type: p.type,
        channel: p.channel,
        amount: p.amount,
        currency: p.currency,
        description: `${p.type} ${p.id}`,
        counterparty_name: null,
        counterparty_account: null,
        idempotency_key: null,
        external_ref: null,
        status: 'posted',
        created_by: 'fixture',
      })
      .execute();
    for (const [accountId, amount] of p.legs) {
      const after = (balances.get(accountId) ?? 0) + amount;
      balances.set(accountId, after);
      await db
        .insertInto('entries')
        .values({ id: entryId++, journal_id: p.id, account_id: accountId, amount, balance_after: after, booked_at: T(p.at) })
        .execute();
    }
  }
  const loan = (id: number, accountId: number, customerId: number, principal: number, start: string, status: 'in_arrears' | 'repaid') => ({
    id,
    account_id: accountId,
    customer_id: customerId,
    product_id: 3,
    principal,
    currency: 'EUR',
    interest_rate_bp: 500,
    term_months: 3,
    monthly_payment: 41000,
    start_date: start,
    status,
    created_at: T(`${start}T09:00:00Z`),
    updated_at: NOW,
  });
  await db
    .insertInto('loans')
    .values([loan(1, 2, 2, 120000, '2024-11-01', 'in_arrears'), loan(2, 1, 1, 60000, '2025-01-15', 'repaid')])
    .execute();
  const inst = (id: number, loanId: number, n: number, due: string, amountDue: number, paidAt: string | null) => ({
    id,
    loan_id: loanId,
    installment: n,
    due_date: due,
    amount_due: amountDue,
    amount_paid: paidAt ? amountDue : 0,
    paid_at: paidAt ? T(paidAt) : null,
    status: paidAt ? ('on_time' as const) : ('missed' as const),
    journal_id: null,
    updated_at: NOW,
  });
  await db
    .insertInto('loan_repayments')
    .values([
      inst(1, 1, 1, '2024-12-01', 41000, '2024-12-01T10:00:00Z'),
      inst(2, 1, 2, '2025-01-01', 41000, null),
      inst(3, 1, 3, '2025-02-01', 41000, null),
      inst(4, 2, 1, '2025-02-15', 30000, '2025-02-14T10:00:00Z'),
      inst(5, 2, 2, '2025-03-15', 30000, '2025-03-15T10:00:00Z'),
    ])
    .execute();
}
