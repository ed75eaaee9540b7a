import { bankDayOf, dayIso } from '../../shared/bank-time';
import type { ActivityItem, MetricQueryInput, MetricResult, MetricRow, Money } from '../../shared/contract';
import { mostHeldCurrency } from '../banking';
import type { MetricStore } from '../metrics';
import type { Bank } from '../source';

/** "Since the beginning" for all-time counts: the first bank day. */
const EPOCH_DAY = '1970-01-01';

/** The currency most customer accounts hold: the volume chart is drawn in it rather than mixing currencies. */
export async function baseCurrency(bank: Bank): Promise<string> {
  return (await mostHeldCurrency(bank)) ?? 'EUR';
}

/** One figure's rows from the metric layer, through the runner that keeps SQLite reads off the main thread. */
type Ask = (q: MetricQueryInput) => Promise<MetricResult>;

function perCurrency(rows: readonly MetricRow[]): Money[] {
  const by = new Map<string, number>();
  for (const r of rows) if (r.currency) by.set(r.currency, (by.get(r.currency) ?? 0) + r.value);
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));
}

const total = (result: MetricResult): number => result.rows.reduce((s, r) => s + r.value, 0);

/** Headline figures, each a catalog metric: the dashboard writes no SQL of its own for them. */
export async function summary(ask: Ask, store: MetricStore) {
  const today = bankDayOf(store.asOf, store.timeZone);
  const day = dayIso(today);
  const tomorrow = dayIso(today + 1);
  const ever = { from: EPOCH_DAY, to: tomorrow };
  const [customers, opened, closed, deposits, count, volume] = await Promise.all([
    ask({ metric: 'new_customers', ...ever }),
    ask({ metric: 'accounts_opened', ...ever }),
    ask({ metric: 'accounts_closed', ...ever }),
    // Yesterday and today by day: the memo continues yesterday's kept balance with today's flows.
    ask({ metric: 'deposits_held', from: dayIso(today - 1), to: tomorrow, grain: 'day' }),
    ask({ metric: 'transactions_count', from: day, to: tomorrow }),
    ask({ metric: 'transactions_volume', from: day, to: tomorrow }),
  ]);
  return {
    customers: total(customers),
    accounts: total(opened) - total(closed),
    deposits: perCurrency(deposits.rows.filter((r) => r.period === day)),
    today: { count: total(count), volume: perCurrency(volume.rows) },
    day,
    timeZone: store.timeZone,
    source: store.source,
    asOf: store.asOf,
  };
}

/** Daily count and volume over the last `days` bank days, in the bank's main currency; empty days are zeros. */
export async function volume(ask: Ask, store: MetricStore, days: number) {
  const today = bankDayOf(store.asOf, store.timeZone);
  const range = { from: dayIso(today - days + 1), to: dayIso(today + 1), grain: 'day' as const };
  const currency = await baseCurrency(store.bank);
  const filters = [{ dimension: 'currency' as const, value: currency }];
  const [count, flows] = await Promise.all([
    ask({ metric: 'transactions_count', ...range, filters }),
    ask({ metric: 'transactions_volume', ...range, filters, by: ['direction'] }),
  ]);
  const byDay = new Map<string, { count: number; credits: number; debits: number }>();
  const at = (period: string | null) => {
    const key = period ?? '';
    let d = byDay.get(key);
    if (!d) byDay.set(key, (d = { count: 0, credits: 0, debits: 0 }));
    return d;
  };
  for (const r of count.rows) at(r.period).count += r.value;
  for (const r of flows.rows) {
    if (r.dims.direction === 'in') at(r.period).credits += r.value;
    else at(r.period).debits += r.value;
  }
  const out = [];
  for (let d = today - days + 1; d <= today; d++) out.push({ day: dayIso(d), ...(byDay.get(dayIso(d)) ?? { count: 0, credits: 0, debits: 0 }) });
  return { currency, timeZone: store.timeZone, source: store.source, asOf: store.asOf, days: out };
}

export async function activity(bank: Bank, limit: number): Promise<ActivityItem[]> {
  // The newest journals first, by the booked_at index, in a query of their own: joined in one statement,
  // SQLite's planner sometimes walked the whole journal by time with every entry and account joined
  // before the pick (~260 ms on the demo bank's cache while it is being written, against 2 ms). Twice
  // the limit leaves room for journals with two customer legs.
  const latest = await bank.db
    .selectFrom('journal')
    .select('id')
    .orderBy('booked_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit * 2)
    .execute();
  if (latest.length === 0) return [];
  const rows = await bank.db
    .selectFrom('journal as j')
    .innerJoin('entries as e', 'e.journal_id', 'j.id')
    .innerJoin('accounts as a', 'a.id', 'e.account_id')
    .leftJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['j.id', 'j.reference', 'j.booked_at', 'j.type', 'j.channel', 'j.description', 'a.account_no', 'a.currency', 'c.legal_name', 'e.amount'])
    .where(
      'j.id',
      'in',
      latest.map((r) => r.id),
    )
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
