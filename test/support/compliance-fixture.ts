import type { Bank } from '../../main/source';

/**
 * A small bank for the compliance tests, in Europe/Prague, reporting in EUR (threshold 10,000.00 EUR
 * = 1,000,000 minor units). Hand-computed expectations (test/integration/compliance-monitors.test.ts):
 * - Customer 1, Sunday 2024-10-27 (a 25-hour day, CEST → CET): cash in 600,000 at 00:30 local
 *   (2024-10-26T22:30Z, still the 26th in UTC) + 400,001 at 23:59 local (2024-10-27T22:59Z) =
 *   1,000,001: one minor unit above the threshold → reportable, due 2024-11-11 (the 15th day, a
 *   Monday). In UTC days the two deposits would fall on different days and nothing would be reported.
 *   A transfer of 2,000,000 out the same day is not cash.
 * - Customer 2, 2024-11-05: cash in exactly 1,000,000 (two deposits) → not reportable; cash out
 *   700,000 the same day is totalled apart (never added to cash in) → not reportable.
 * - Customer 3, 2024-11-06: 600,000 USD cents at the entered rate 0.9 (from 2024-11-01) = 540,000 EUR
 *   + 500,000 EUR = 1,040,000 → reportable, due 2024-11-21. On 2024-10-20, before any USD rate, a
 *   2,000,000 USD deposit is listed apart and reported nowhere.
 * - Customer 4: structuring — cash in 950,000 on 2024-11-12 and 990,000 on 2024-11-14 (within 3 days,
 *   each 90–100 % of the threshold, none reportable).
 */
const T = (iso: string): number => Date.parse(iso);
const NOW = T('2024-11-20T12:00:00Z');

interface P {
  id: number;
  at: string;
  type: 'deposit' | 'withdrawal' | 'transfer';
  channel: 'branch' | 'atm' | 'online';
  currency: string;
  legs: [number, number][];
}

export const COMPLIANCE_POSTINGS: P[] = [
  {
    id: 1,
    at: '2024-10-26T22:30:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'EUR',
    legs: [
      [1, 600000],
      [90, -600000],
    ],
  },
  {
    id: 2,
    at: '2024-10-27T22:59:00Z',
    type: 'deposit',
    channel: 'atm',
    currency: 'EUR',
    legs: [
      [1, 400001],
      [90, -400001],
    ],
  },
  {
    id: 3,
    at: '2024-10-27T12:00:00Z',
    type: 'transfer',
    channel: 'online',
    currency: 'EUR',
    legs: [
      [1, -2000000],
      [2, 2000000],
    ],
  },
  {
    id: 4,
    at: '2024-11-05T08:00:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'EUR',
    legs: [
      [2, 500000],
      [90, -500000],
    ],
  },
  {
    id: 5,
    at: '2024-11-05T15:00:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'EUR',
    legs: [
      [2, 500000],
      [90, -500000],
    ],
  },
  {
    id: 6,
    at: '2024-11-05T16:00:00Z',
    type: 'withdrawal',
    channel: 'branch',
    currency: 'EUR',
    legs: [
      [2, -700000],
      [90, 700000],
    ],
  },
  {
    id: 7,
    at: '2024-11-06T09:00:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'USD',
    legs: [
      [3, 600000],
      [91, -600000],
    ],
  },
  {
    id: 8,
    at: '2024-11-06T10:00:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'EUR',
    legs: [
      [4, 500000],
      [90, -500000],
    ],
  },
  {
    id: 9,
    at: '2024-10-20T10:00:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'USD',
    legs: [
      [3, 2000000],
      [91, -2000000],
    ],
  },
  {
    id: 10,
    at: '2024-11-12T10:00:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'EUR',
    legs: [
      [5, 950000],
      [90, -950000],
    ],
  },
  {
    id: 11,
    at: '2024-11-14T10:00:00Z',
    type: 'deposit',
    channel: 'branch',
    currency: 'EUR',
    legs: [
      [5, 990000],
      [90, -990000],
    ],
  },
];

export async function loadComplianceFixture(bank: Bank): Promise<void> {
  const db = bank.db;
  await db.insertInto('bank_meta').values({ key: 'timezone', value: 'Europe/Prague' }).execute();
  await db
    .insertInto('branches')
    .values({ id: 1, code: 'B1', name: 'Brno', region: 'R', address: 'A', city: 'C', phone: 'P', hours: 'H', created_at: NOW, updated_at: NOW })
    .execute();
  await db
    .insertInto('products')
    .values({
      id: 1,
      code: 'CUR',
      name: 'Current',
      kind: 'current',
      currency: 'EUR',
      interest_rate_bp: 0,
      monthly_fee: 0,
      overdraft_limit: 0,
      daily_withdrawal_limit: 0,
      active: 1,
      description: '',
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  const customer = (id: number, risk: 'low' | 'high', review: string) => ({
    id,
    customer_no: `C${id}`,
    legal_name: `Customer ${id}`,
    date_of_birth: '1980-01-01',
    gender: 'F' as const,
    national_id: `N${id}`,
    address: 'Street 1',
    city: 'Brno',
    phone: `+42000000${id}`,
    email: `c${id}@example.com`,
    occupation: 'O',
    risk_rating: risk,
    kyc_status: 'verified' as const,
    kyc_next_review: review,
    preferred_channel: 'email' as const,
    branch_id: 1,
    created_at: T('2024-01-01T00:00:00Z'),
    updated_at: NOW,
  });
  await db
    .insertInto('customers')
    .values([customer(1, 'low', '2030-01-01'), customer(2, 'high', '2024-11-10'), customer(3, 'low', '2024-11-01'), customer(4, 'low', '2030-01-01')])
    .execute();
  const account = (id: number, kind: 'customer' | 'internal', customerId: number | null, currency: string) => ({
    id,
    account_no: `ACC${id}`,
    kind,
    name: `Account ${id}`,
    customer_id: customerId,
    product_id: kind === 'customer' ? 1 : null,
    branch_id: 1,
    currency,
    balance: 0,
    status: 'open' as const,
    status_reason: null,
    opened_at: T('2024-01-01T00:00:00Z'),
    closed_at: null,
    updated_at: NOW,
  });
  // Account 4 is customer 3's EUR account, account 5 is customer 4's.
  await db
    .insertInto('accounts')
    .values([
      account(1, 'customer', 1, 'EUR'),
      account(2, 'customer', 2, 'EUR'),
      account(3, 'customer', 3, 'USD'),
      account(4, 'customer', 3, 'EUR'),
      account(5, 'customer', 4, 'EUR'),
      account(90, 'internal', null, 'EUR'),
      account(91, 'internal', null, 'USD'),
    ])
    .execute();
  let entryId = 1;
  const balances = new Map<number, number>();
  for (const p of COMPLIANCE_POSTINGS) {
    const amount = Math.abs(p.legs[0]?.[1] ?? 0);
    await db
      .insertInto('journal')
      .values({
        id: p.id,
        reference: `TX${p.id}`,
        booked_at: T(p.at),
        type: p.type,
        channel: p.channel,
        amount,
        currency: p.currency,
        description: `${p.type} ${p.id}`,
        counterparty_name: null,
        counterparty_account: null,
        idempotency_key: null,
        external_ref: `EXT${p.id}`,
        status: 'posted',
        created_by: 'fixture',
      })
      .execute();
    for (const [accountId, a] of p.legs) {
      const after = (balances.get(accountId) ?? 0) + a;
      balances.set(accountId, after);
      await db
        .insertInto('entries')
        .values({ id: entryId++, journal_id: p.id, account_id: accountId, amount: a, balance_after: after, booked_at: T(p.at) })
        .execute();
    }
  }
}
