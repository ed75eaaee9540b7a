import { sql } from 'kysely';
import type { ActivityItem, Money } from '../../shared/contract';
import type { Bank } from '../source';

const DAY_MS = 86_400_000;

function dayLabel(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The currency most customer accounts hold: the volume chart is drawn in it rather than mixing currencies. */
export async function baseCurrency(bank: Bank): Promise<string> {
  const r = await bank.db
    .selectFrom('accounts')
    .select(['currency', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'customer')
    .groupBy('currency')
    .orderBy('n', 'desc')
    .executeTakeFirst();
  return r?.currency ?? 'EUR';
}

export async function summary(bank: Bank, dayStart: number, now: number) {
  const db = bank.db;
  const [customers, accounts, deposits, today] = await Promise.all([
    db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'customer').where('status', '!=', 'closed').executeTakeFirstOrThrow(),
    // Deposits held = positive balances; an overdrawn account is lending, not a deposit.
    db
      .selectFrom('accounts')
      .select(['currency', sql<number>`sum(case when balance > 0 then balance else 0 end)`.as('amount')])
      .where('kind', '=', 'customer')
      .groupBy('currency')
      .orderBy('currency')
      .execute(),
    db
      .selectFrom('journal')
      .select(['currency', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('amount').as('amount')])
      .where('booked_at', '>=', dayStart)
      .where('booked_at', '<=', now)
      .groupBy('currency')
      .orderBy('currency')
      .execute(),
  ]);
  const money = (rows: { currency: string; amount: number | string | null }[]): Money[] =>
    rows.map((r) => ({ currency: r.currency, amount: Number(r.amount ?? 0) }));
  return {
    customers: Number(customers.n),
    accounts: Number(accounts.n),
    deposits: money(deposits),
    today: { count: today.reduce((s, r) => s + Number(r.n), 0), volume: money(today) },
    asOf: now,
  };
}

/** Daily figures with days cut in the user's zone (offset in minutes east of UTC); missing days are zeros. */
export async function volume(bank: Bank, q: { days: number; utcOffsetMinutes: number; until: number }) {
  const offset = q.utcOffsetMinutes * 60_000;
  const lastDay = Math.floor((q.until + offset) / DAY_MS);
  const firstDay = lastDay - q.days + 1;
  const from = firstDay * DAY_MS - offset;
  const currency = await baseCurrency(bank);
  const day = sql<number>`floor((e.booked_at + ${offset}) / ${DAY_MS})`;
  const rows = await bank.db
    .selectFrom('entries as e')
    .innerJoin('accounts as a', 'a.id', 'e.account_id')
    .select([
      day.as('day'),
      sql<number>`count(distinct e.journal_id)`.as('n'),
      sql<number>`sum(case when e.amount > 0 then e.amount else 0 end)`.as('credits'),
      sql<number>`sum(case when e.amount < 0 then -e.amount else 0 end)`.as('debits'),
    ])
    .where('a.kind', '=', 'customer')
    .where('a.currency', '=', currency)
    .where('e.booked_at', '>=', from)
    .where('e.booked_at', '<=', q.until)
    .groupBy(day)
    .execute();
  const byDay = new Map(rows.map((r) => [Number(r.day), r]));
  const days = [];
  for (let d = firstDay; d <= lastDay; d++) {
    const r = byDay.get(d);
    days.push({ day: dayLabel(d), count: Number(r?.n ?? 0), credits: Number(r?.credits ?? 0), debits: Number(r?.debits ?? 0) });
  }
  return { currency, days };
}

export async function activity(bank: Bank, limit: number): Promise<ActivityItem[]> {
  // Pick the newest journals through the booked_at index first; joining before limiting made the
  // engine walk every entry. Twice the limit leaves room for journals with two customer legs.
  const rows = await bank.db
    .selectFrom((eb) => eb.selectFrom('journal').select('id').orderBy('booked_at', 'desc').orderBy('id', 'desc').limit(limit * 2).as('latest'))
    .innerJoin('journal as j', 'j.id', 'latest.id')
    .innerJoin('entries as e', 'e.journal_id', 'j.id')
    .innerJoin('accounts as a', 'a.id', 'e.account_id')
    .leftJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['j.id', 'j.reference', 'j.booked_at', 'j.type', 'j.channel', 'j.description', 'a.account_no', 'a.currency', 'c.legal_name', 'e.amount'])
    .where('a.kind', '=', 'customer')
    .orderBy('j.booked_at', 'desc')
    .orderBy('j.id', 'desc')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    reference: r.reference,
    bookedAt: Number(r.booked_at),
    type: r.type,
    channel: r.channel,
    description: r.description,
    accountNo: r.account_no,
    customerName: r.legal_name,
    amount: Number(r.amount),
    currency: r.currency,
  }));
}
