import { sql } from 'kysely';
import type { Dimension } from '../../shared/contract';
import type { Cell, EvalContext } from './evaluators';
import { postingsReady } from './rows-postings';

/** What a loan-book figure adds up: the amount still owed or the number of loans. */
export type BookValue = 'outstanding' | 'count';
/** Which positions count: all, those with something past due, the non-performing ones. */
export type BookKeep = 'all' | 'past_due' | 'non_performing';

/** The dimensions the cache's daily loan states carry (not the borrower: large exposures read the book). */
const ROLLUP_DIMS: readonly Dimension[] = ['branch', 'product', 'currency', 'loan_status', 'dpd_bucket'];

interface StateRow {
  day: number;
  branch_id: number;
  product_id: number;
  currency: string;
  status: string;
  bucket: string;
  npl: number;
  n: number;
  outstanding: number;
}

function dimOf(r: StateRow, d: Dimension): string | undefined {
  switch (d) {
    case 'branch':
      return String(r.branch_id);
    case 'product':
      return String(r.product_id);
    case 'currency':
      return r.currency;
    case 'loan_status':
      return r.status;
    case 'dpd_bucket':
      return r.bucket;
    default:
      return undefined;
  }
}

/** Whether the cache's loan states (rollup_loans_daily, main/cache/loan-states.ts) answer this question. */
export async function loanRollupAnswers(ctx: EvalContext): Promise<boolean> {
  if (!ctx.store.rollups || ctx.store.source !== 'cache') return false;
  if (![...ctx.by, ...ctx.filters.map((f) => f.dimension)].every((d) => ROLLUP_DIMS.includes(d))) return false;
  return postingsReady(ctx.store);
}

/**
 * The book at the start of each period's end day from the daily loan states: each state row is a
 * change on its day, so the book on day D is the sum of the rows up to D. The rows up to the first
 * period's end come summed per split; the rest in day order, summed as the period ends pass. The same cells as the in-memory book (main/metrics/loan-book.ts).
 */
export async function loanRollupCells(ctx: EvalContext, value: BookValue, keep: BookKeep, perCurrency: boolean): Promise<Cell[]> {
  const first = ctx.periods[0];
  const last = ctx.periods.at(-1);
  if (!first || !last) return [];
  // Everything up to the first period's end is summed in SQL (one row per split), then the changes after it in day order.
  const rows = await sql<StateRow>`
    select ${first.to} as day, branch_id, product_id, currency, status, bucket, npl, sum(n) as n, sum(outstanding) as outstanding
    from rollup_loans_daily where day <= ${first.to} group by branch_id, product_id, currency, status, bucket, npl
    union all
    select day, branch_id, product_id, currency, status, bucket, npl, n, outstanding
    from rollup_loans_daily where day > ${first.to} and day <= ${last.to}
    order by day`.execute(ctx.store.bank.db);
  const kept = rows.rows.filter(
    (r) => (keep === 'all' || (keep === 'past_due' ? r.bucket !== 'current' : Number(r.npl) === 1)) && ctx.filters.every((f) => dimOf(r, f.dimension) === f.value),
  );
  // Running totals per split and currency: loans and what they owe.
  const running = new Map<string, { dims: Cell['dims']; currency: string | null; n: number; outstanding: number }>();
  const cells: Cell[] = [];
  let i = 0;
  ctx.periods.forEach((p, period) => {
    for (; i < kept.length && (kept[i]?.day ?? Infinity) <= p.to; i++) {
      const r = kept[i];
      if (!r) break;
      const values = ctx.by.map((d) => dimOf(r, d) ?? '');
      const currency = perCurrency ? r.currency : null;
      const k = `${values.join('\u0000')}\u0000${currency ?? ''}`;
      let g = running.get(k);
      if (!g) running.set(k, (g = { dims: Object.fromEntries(ctx.by.map((d, j) => [d, values[j] ?? ''])), currency, n: 0, outstanding: 0 }));
      g.n += Number(r.n);
      g.outstanding += Number(r.outstanding);
    }
    for (const g of running.values()) if (g.n > 0) cells.push({ period, dims: g.dims, currency: g.currency, value: value === 'count' ? g.n : g.outstanding });
  });
  return cells;
}
