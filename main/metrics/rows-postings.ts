import { sql, type RawBuilder } from 'kysely';
import { bankDayStart } from '../../shared/bank-time';
import type { Dimension, MetricFilter, MetricRowsQuery } from '../../shared/contract';
import { POSTINGS_ROLLUP } from './fact-tables';
import { filterCondition, supports, type Fact } from './facts';
import { ROLLUP_VERSION } from '../cache';
import { amountKeys, planSlices, sliceCounts, type SliceTerm } from './amount-slices';
import type { MetricStore } from './store';

/**
 * The transactions behind a flow figure, on the cache, where `cache_postings` (kept by the sync with the
 * rollups) holds every posting on a customer account in time order with its journal's channel, type,
 * reference and description. A page is picked there by keys alone — no join per row, so a month of
 * postings is not joined and sorted in full just to show two hundred of them — and the rollups give
 * the exact total of the window.
 *
 * Sorted by amount, the keys come from the amount index cut in slices of time (./amount-slices.ts).
 */

/** Sorts this page can pick keys for; the others (names, references) need the joined rows. */
export const POSTING_KEY_SORTS = new Set(['bookedAt', 'amount']);

/** What a posting is filtered by on the cache: its own columns, or its account's (through a key lookup). */
const POSTING_DIMS: Partial<Record<Dimension, RawBuilder<unknown>>> = {
  channel: sql`p.channel`,
  type: sql`p.type`,
  direction: sql`case when p.amount > 0 then 'in' else 'out' end`,
};
const POSTING_FACT: Fact = { from: sql`cache_postings p`, where: [], time: { kind: 'instant', column: sql`p.booked_at` }, dims: POSTING_DIMS, currency: null };
const ACCOUNT_FACT: Fact = {
  from: sql`accounts a`,
  where: [],
  time: { kind: 'instant', column: sql`a.opened_at` },
  dims: { branch: sql`a.branch_id`, product: sql`coalesce(a.product_id, 0)`, currency: sql`a.currency` },
  currency: null,
};

function conditions(filters: readonly MetricFilter[]): RawBuilder<unknown>[] {
  const own = filters.filter((f) => POSTING_DIMS[f.dimension] !== undefined).map((f) => filterCondition(POSTING_FACT, f));
  const ofAccount = filters.filter((f) => POSTING_DIMS[f.dimension] === undefined);
  if (ofAccount.length === 0) return own;
  // A few thousand accounts at most match a branch or product: SQLite probes them as a small key set.
  return [
    ...own,
    sql`p.account_id in (select a.id from accounts a where ${sql.join(
      ofAccount.map((f) => filterCondition(ACCOUNT_FACT, f)),
      sql` and `,
    )})`,
  ];
}

/** The postings in the window matching the filters, from the rollups when they carry every filter (direction they do not). */
async function windowTotal(
  store: MetricStore,
  filters: readonly MetricFilter[],
  fromDay: number,
  toDay: number,
  where: RawBuilder<unknown>,
  cap: number,
): Promise<{ total: number; capped: boolean }> {
  if (
    supports(
      POSTINGS_ROLLUP,
      filters.map((f) => f.dimension),
    )
  ) {
    const conds = [sql`r.day >= ${fromDay}`, sql`r.day < ${toDay}`, ...filters.map((f) => filterCondition(POSTINGS_ROLLUP, f))];
    const r = await sql<{ n: number | null }>`select sum(r.n) as n from rollup_daily r where ${sql.join(conds, sql` and `)}`.execute(store.bank.db);
    return { total: Number(r.rows[0]?.n ?? 0), capped: false };
  }
  const r = await sql<{ n: number }>`select count(*) as n from (select 1 from cache_postings p where ${where} limit ${cap + 1}) counted`.execute(store.bank.db);
  const n = Number(r.rows[0]?.n ?? 0);
  return { total: Math.min(n, cap), capped: n > cap };
}

/**
 * The columns of the transactions rows (rows.ts), read from cache_postings and the small account,
 * customer and branch tables for the page's postings only.
 */
const PAGE_SELECT = sql`p.id as "id", p.booked_at as "bookedAt", p.reference as "reference", c.legal_name as "customerName", a.customer_id as "customerId",
  a.account_no as "accountNo", b.name as "branch", p.channel as "channel", p.type as "type", p.amount as "amount", a.currency as "currency", p.description as "description"`;

/** Whether this cache's postings copy has the shape this code reads (a cache still on older rollups is rebuilt by its next sync round). */
export async function postingsReady(store: MetricStore): Promise<boolean> {
  const r = await sql<{ v: string }>`select value as v from cache_info where key = 'rollup_version'`.execute(store.bank.db);
  return r.rows[0]?.v === ROLLUP_VERSION;
}

/**
 * One page of the transactions in the window, in the asked order (ties by id, as the bank's own query
 * breaks them), and the window's total. The page's keys are picked first in an inner query; only
 * those rows are joined to their accounts, customers and branches.
 */
export async function postingsPage(
  store: MetricStore,
  q: MetricRowsQuery,
  sortKey: string,
  fromDay: number,
  toDay: number,
  cap: number,
): Promise<{ rows: Record<string, unknown>[]; total: number; capped: boolean }> {
  const fromMs = bankDayStart(fromDay, store.timeZone);
  const toMs = bankDayStart(toDay, store.timeZone);
  const where = sql.join([sql`p.booked_at >= ${fromMs}`, sql`p.booked_at < ${toMs}`, ...conditions(q.filters)], sql` and `);
  const dir = q.direction === 'asc' ? sql`asc` : sql`desc`;
  const { total, capped } = await windowTotal(store, q.filters, fromDay, toDay, where, cap);
  if (total === 0) return { rows: [], total, capped };
  let keys: RawBuilder<unknown>;
  let outer: RawBuilder<unknown>;
  if (sortKey === 'bookedAt') {
    outer = sql`p.booked_at ${dir}, p.id ${dir}`;
    keys = sql`select p.booked_at, p.id from cache_postings p where ${where} order by ${outer} limit ${q.limit} offset ${q.offset}`;
  } else {
    outer = sql`p.amount ${dir}, p.id ${dir}`;
    const wanted = q.offset + q.limit;
    // A capped count says too little about the filters' share to weigh walks: the window is read whole.
    let terms: SliceTerm[] = [{ kind: 'read', fromMs, toMs }];
    if (!capped) {
      const counts = await sliceCounts(store, fromMs, toMs);
      const inWindow = counts.reduce((n, c) => n + c.inWindow, 0);
      terms = planSlices(counts, fromMs, toMs, inWindow > 0 ? Math.min(1, total / inWindow) : 1, wanted);
    }
    keys = amountKeys(terms, where, dir, wanted, q.limit, q.offset);
  }
  // CROSS JOIN keeps the page's keys as the outer loop: with a plain join SQLite may walk the whole
  // amount index for the outer ORDER BY and probe the keys, reading every posting for one page.
  const page = await sql<Record<string, unknown>>`
    select ${PAGE_SELECT}
    from (${keys}) k
    cross join cache_postings p on p.booked_at = k.booked_at and p.id = k.id
    join accounts a on a.id = p.account_id left join customers c on c.id = a.customer_id left join branches b on b.id = a.branch_id
    order by ${outer}`.execute(store.bank.db);
  return { rows: page.rows, total, capped };
}
