import { sql, type RawBuilder } from 'kysely';
import { bankDayStart, dayIso, type Period } from '../../shared/bank-time';
import type { Dimension, MetricFilter, MetricId } from '../../shared/contract';
import {
  ACCOUNTS_CLOSED,
  ACCOUNTS_OPENED,
  ACCOUNTS_ROLLUP,
  ALERTS_RAISED,
  alertsDisposed,
  CUSTOMERS,
  CUSTOMERS_ROLLUP,
  FRAUD_MARKS,
  LOANS_GRANTED,
  POSTINGS,
  POSTINGS_ROLLUP,
  CASH_POSTINGS,
  CASH_ROLLUP,
  REACTIVATIONS,
  REACTIVATIONS_ROLLUP,
} from './fact-tables';
import { aggregate, supports, type DayCell, type Fact } from './facts';
import { loadLoanBook, positionDim, positionsAt, type LoanPosition } from './loan-book';
import { loanRollupAnswers, loanRollupCells, type BookKeep, type BookValue } from './loan-rollup';
import { postingsReady } from './rows-postings';
import type { MetricStore } from './store';

/** What an evaluator is asked: a range of bank days cut into periods (or one period), a split and filters. */
export interface EvalContext {
  store: MetricStore;
  fromDay: number;
  toDay: number;
  periods: readonly Period[];
  by: readonly Dimension[];
  filters: readonly MetricFilter[];
}

/** One figure: period index into ctx.periods, the split's values, the currency for money. */
export interface Cell {
  period: number;
  dims: Partial<Record<Dimension, string>>;
  currency: string | null;
  value: number;
}

type Evaluator = (ctx: EvalContext) => Promise<Cell[]>;

/** A map key for one split and currency (values joined by a control character; no currency is not the empty one). */
function keyOf(dims: Partial<Record<Dimension, string>>, by: readonly Dimension[], currency: string | null): string {
  let k = currency === null ? '\u0001' : `\u0002${currency}`;
  for (const d of by) k += `\u0000${dims[d] ?? ''}`;
  return k;
}

/** Counts things per period and split (each thing once per period it counts in), as cells. */
function counter(by: readonly Dimension[]): { add(period: number, dims: Cell['dims']): void; cells(): Cell[] } {
  const out = new Map<string, Cell>();
  return {
    add(period, dims) {
      const k = `${period}|${keyOf(dims, by, null)}`;
      const cell = out.get(k);
      if (cell) cell.value += 1;
      else out.set(k, { period, dims, currency: null, value: 1 });
    },
    cells: () => [...out.values()],
  };
}

/** The rows that pass the filters, each with its values of the split; `dimOf` is a row's value of a dimension. */
function splitRows<R>(ctx: EvalContext, rows: readonly R[], dimOf: (r: R, d: Dimension) => string): { row: R; dims: Cell['dims'] }[] {
  return rows
    .filter((r) => ctx.filters.every((f) => dimOf(r, f.dimension) === f.value))
    .map((row) => {
      const dims: Cell['dims'] = {};
      for (const d of ctx.by) dims[d] = dimOf(row, d);
      return { row, dims };
    });
}

/** Sums cells that fall in the same (period, split, currency). */
function sumCells(cells: Iterable<Cell>, by: readonly Dimension[]): Cell[] {
  const out = new Map<string, Cell>();
  for (const c of cells) {
    const k = `${c.period}|${keyOf(c.dims, by, c.currency)}`;
    const prev = out.get(k);
    if (prev) prev.value += c.value;
    else out.set(k, { ...c });
  }
  return [...out.values()];
}

/** Index of the period that contains a bank day, or -1 outside the range. */
function periodIndexer(periods: readonly Period[]): (day: number) => number {
  return (day) => {
    let lo = 0;
    let hi = periods.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = periods[mid];
      if (!p) return -1;
      if (day < p.from) hi = mid - 1;
      else if (day >= p.to) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
}

function filterDims(filters: readonly MetricFilter[]): Dimension[] {
  return filters.map((f) => f.dimension);
}

/** Flow over a fact: per bank day in SQL, then summed into the asked periods. */
async function flowCells(ctx: EvalContext, fact: Fact, measure: RawBuilder<unknown>, opts: { perCurrency?: boolean; extraWhere?: RawBuilder<unknown>[] } = {}): Promise<Cell[]> {
  const byDay = ctx.periods.length > 1;
  const rows = await aggregate(ctx.store, fact, measure, { bounds: { fromDay: ctx.fromDay, toDay: ctx.toDay }, byDay, by: ctx.by, filters: ctx.filters, ...opts });
  const index = periodIndexer(ctx.periods);
  const cells: Cell[] = [];
  for (const r of rows) {
    const period = byDay ? index(r.day ?? -1) : 0;
    if (period >= 0) cells.push({ period, dims: r.dims, currency: r.currency, value: r.value });
  }
  return sumCells(cells, ctx.by);
}

/** The rollup when the store has one that carries every dimension asked, else the rows. */
function pick(ctx: EvalContext, rows: Fact, rollup: Fact | null): Fact {
  const dims = [...ctx.by, ...filterDims(ctx.filters)];
  return rollup && ctx.store.rollups && supports(rollup, dims) ? rollup : rows;
}

/** A flow from a rollup that keeps money in and out in two columns: direction becomes two cells. */
async function rollupByDirection(ctx: EvalContext, rollup: Fact, credits: RawBuilder<unknown>, debits: RawBuilder<unknown>): Promise<Cell[]> {
  const plain = { ...ctx, by: ctx.by.filter((d) => d !== 'direction'), filters: ctx.filters.filter((f) => f.dimension !== 'direction') };
  const wanted = new Set(ctx.filters.filter((f) => f.dimension === 'direction').map((f) => f.value));
  const sides: ['in' | 'out', RawBuilder<unknown>][] = [
    ['in', credits],
    ['out', debits],
  ];
  const out: Cell[] = [];
  for (const [direction, measure] of sides) {
    if (wanted.size && !wanted.has(direction)) continue;
    // A rollup row with money only one way has a zero on the other: no posting went that way.
    for (const c of await flowCells(plain, rollup, measure)) if (c.value !== 0) out.push({ ...c, dims: { ...c.dims, direction } });
  }
  return sumCells(out, ctx.by);
}

const rollupVolumeByDirection = (ctx: EvalContext): Promise<Cell[]> => rollupByDirection(ctx, POSTINGS_ROLLUP, sql`sum(r.credits)`, sql`sum(r.debits)`);

/**
 * Cash in and out: on the cache from its per-customer cash rollup (a few rows per customer and day
 * instead of every posting), elsewhere from the postings. Cash in and out are never netted.
 */
const cashVolume: Evaluator = async (ctx) => {
  const plain = { ...ctx, by: ctx.by.filter((d) => d !== 'direction'), filters: ctx.filters.filter((f) => f.dimension !== 'direction') };
  if (pick(plain, CASH_POSTINGS, CASH_ROLLUP) === CASH_ROLLUP) {
    const usesDirection = [...ctx.by, ...filterDims(ctx.filters)].includes('direction');
    return usesDirection ? rollupByDirection(ctx, CASH_ROLLUP, sql`sum(r.cash_in)`, sql`sum(r.cash_out)`) : flowCells(ctx, CASH_ROLLUP, sql`sum(r.cash_in + r.cash_out)`);
  }
  return flowCells(ctx, CASH_POSTINGS, sql`sum(abs(e.amount))`);
};

const transactionsVolume: Evaluator = async (ctx) => {
  const usesDirection = [...ctx.by, ...filterDims(ctx.filters)].includes('direction');
  const fact = pick({ ...ctx, by: ctx.by.filter((d) => d !== 'direction'), filters: ctx.filters.filter((f) => f.dimension !== 'direction') }, POSTINGS, POSTINGS_ROLLUP);
  if (fact === POSTINGS_ROLLUP) return usesDirection ? rollupVolumeByDirection(ctx) : flowCells(ctx, fact, sql`sum(r.credits + r.debits)`);
  return flowCells(ctx, POSTINGS, sql`sum(abs(e.amount))`);
};

const transactionsCount: Evaluator = async (ctx) => {
  const fact = pick(ctx, POSTINGS, POSTINGS_ROLLUP);
  // A count has no currency: one figure across all of them unless the question splits by currency.
  return flowCells(ctx, fact, fact === POSTINGS_ROLLUP ? sql`sum(r.n)` : sql`count(*)`, { perCurrency: false });
};

/**
 * Balances at each period's end from net flows: what came before the range, plus each day's net
 * movement up to the period's end. On the cache the flows come from the rollups, so a year of
 * month-end balances is a few thousand rollup rows instead of millions of entries.
 */
async function balanceCells(ctx: EvalContext): Promise<Cell[]> {
  const fact = pick(ctx, POSTINGS, POSTINGS_ROLLUP);
  const net = fact === POSTINGS_ROLLUP ? sql`sum(r.credits - r.debits)` : sql`sum(e.amount)`;
  const common = { by: ctx.by, filters: ctx.filters };
  const [opening, daily] = await Promise.all([
    aggregate(ctx.store, fact, net, { ...common, bounds: { fromDay: null, toDay: ctx.fromDay }, byDay: false }),
    aggregate(ctx.store, fact, net, { ...common, bounds: { fromDay: ctx.fromDay, toDay: ctx.toDay }, byDay: true }),
  ]);
  const series = new Map<string, { dims: DayCell['dims']; currency: string | null; start: number; days: DayCell[] }>();
  const entry = (c: DayCell) => {
    const k = keyOf(c.dims, ctx.by, c.currency);
    let s = series.get(k);
    if (!s) series.set(k, (s = { dims: c.dims, currency: c.currency, start: 0, days: [] }));
    return s;
  };
  for (const c of opening) entry(c).start += c.value;
  for (const c of daily) entry(c).days.push(c);
  const cells: Cell[] = [];
  for (const s of series.values()) {
    s.days.sort((a, b) => (a.day ?? 0) - (b.day ?? 0));
    let running = s.start;
    let i = 0;
    ctx.periods.forEach((p, period) => {
      while (i < s.days.length && (s.days[i]?.day ?? 0) < p.to) running += s.days[i++]?.value ?? 0;
      cells.push({ period, dims: s.dims, currency: s.currency, value: running });
    });
  }
  return cells;
}

/** Customers holding an open customer account at each period's end, per split and currency. */
async function holderCells(ctx: EvalContext): Promise<Cell[]> {
  const rows = await sql<{ customer_id: number | null; branch_id: number; product_id: number | null; currency: string; opened_at: number; closed_at: number | null }>`
    select customer_id, branch_id, product_id, currency, opened_at, closed_at from accounts where kind = 'customer'`.execute(ctx.store.bank.db);
  const dimOf = (r: (typeof rows.rows)[number], d: Dimension): string =>
    d === 'branch' ? String(r.branch_id) : d === 'product' ? String(r.product_id ?? 0) : d === 'currency' ? r.currency : '';
  const kept = splitRows(
    ctx,
    rows.rows.filter((r) => r.customer_id !== null),
    dimOf,
  );
  const cells: Cell[] = [];
  ctx.periods.forEach((p, period) => {
    const end = bankDayStart(p.to, ctx.store.timeZone);
    const holders = new Map<string, { cell: Cell; customers: Set<number> }>();
    for (const { row: r, dims } of kept) {
      if (Number(r.opened_at) >= end || (r.closed_at !== null && Number(r.closed_at) < end)) continue;
      const k = keyOf(dims, ctx.by, r.currency);
      let h = holders.get(k);
      if (!h) holders.set(k, (h = { cell: { period, dims, currency: r.currency, value: 0 }, customers: new Set() }));
      h.customers.add(Number(r.customer_id));
    }
    for (const h of holders.values()) cells.push({ ...h.cell, value: h.customers.size });
  });
  return cells;
}

/** Divides matching cells; a cell with no denominator has no ratio and is left out. */
function divide(num: readonly Cell[], den: readonly Cell[], by: readonly Dimension[], round = false): Cell[] {
  const n = new Map(num.map((c) => [`${c.period}|${keyOf(c.dims, by, c.currency)}`, c.value]));
  return den
    .filter((d) => d.value !== 0)
    .map((d) => {
      const v = (n.get(`${d.period}|${keyOf(d.dims, by, d.currency)}`) ?? 0) / d.value;
      return { ...d, value: round ? Math.round(v) : v };
    });
}

const BOOK_MEASURE: Record<BookValue, (p: LoanPosition) => number> = { outstanding: (p) => p.outstanding, count: () => 1 };
const BOOK_KEEP: Record<BookKeep, (p: LoanPosition) => boolean> = { all: () => true, past_due: (p) => p.daysPastDue > 0, non_performing: (p) => p.nonPerforming };

/**
 * Loan-book figures at each period's end: on the cache from its daily loan states when they carry the
 * split, otherwise from positions rebuilt in memory from every loan and instalment.
 */
function bookEvaluator(value: BookValue, which: BookKeep, perCurrency = true): Evaluator {
  return async (ctx) => {
    if (await loanRollupAnswers(ctx)) return loanRollupCells(ctx, value, which, perCurrency);
    const measure = BOOK_MEASURE[value];
    const keep = BOOK_KEEP[which];
    const book = await loadLoanBook(ctx.store);
    // Summed as they come (a weekly series is periods × loans positions): one cell per period, split and currency.
    const out = new Map<string, Cell>();
    ctx.periods.forEach((p, period) => {
      for (const pos of positionsAt(book, p.to, ctx.store.timeZone)) {
        if (!keep(pos) || !ctx.filters.every((f) => positionDim(pos, f.dimension) === f.value)) continue;
        const values = ctx.by.map((d) => positionDim(pos, d) ?? '');
        const currency = perCurrency ? pos.loan.currency : null;
        const k = `${period}\u0000${values.join('\u0000')}\u0000${currency ?? ''}`;
        const cell = out.get(k);
        if (cell) cell.value += measure(pos);
        else out.set(k, { period, dims: Object.fromEntries(ctx.by.map((d, i) => [d, values[i] ?? ''])), currency, value: measure(pos) });
      }
    });
    return [...out.values()];
  };
}

function nplRatio(value: BookValue, perCurrency: boolean): Evaluator {
  const all = bookEvaluator(value, 'all', perCurrency);
  const bad = bookEvaluator(value, 'non_performing', perCurrency);
  return async (ctx) => divide(await bad(ctx), await all(ctx), ctx.by);
}

/** Flows over facts that have a rollup on the cache only for some splits (accounts, customers). */
function countFlow(rows: Fact, rollup: Fact | null, rollupMeasure: RawBuilder<unknown>): Evaluator {
  return (ctx) => {
    const fact = pick(ctx, rows, rollup);
    return flowCells(ctx, fact, fact === rollup ? rollupMeasure : sql`count(*)`);
  };
}

/** Customers whose next KYC review date had passed at each period's end (registered by then). */
const kycReviewsOverdue: Evaluator = async (ctx) => {
  const last = ctx.periods.at(-1);
  if (!last) return [];
  const rows = await sql<{ branch_id: number; risk_rating: string; kyc_next_review: string; created_at: number }>`
    select branch_id, risk_rating, kyc_next_review, created_at from customers where kyc_next_review < ${dayIso(last.to)}`.execute(ctx.store.bank.db);
  const dimOf = (r: (typeof rows.rows)[number], d: Dimension): string => (d === 'branch' ? String(r.branch_id) : d === 'risk_rating' ? r.risk_rating : '');
  const count = counter(ctx.by);
  const customers = splitRows(ctx, rows.rows, dimOf).map(({ row: r, dims }) => ({ review: String(r.kyc_next_review).slice(0, 10), created: Number(r.created_at), dims }));
  ctx.periods.forEach((p, period) => {
    const endDay = dayIso(p.to);
    const endMs = bankDayStart(p.to, ctx.store.timeZone);
    for (const r of customers) if (r.review < endDay && r.created < endMs) count.add(period, r.dims);
  });
  return count.cells();
};

/** The review service level behind fraud_alerts_backlog. */
export const ALERT_SLA_MS = 72 * 3_600_000;

/** Alerts undecided at each period's end and raised more than the service level before it. */
const fraudAlertsBacklog: Evaluator = async (ctx) => {
  const first = ctx.periods[0];
  const last = ctx.periods.at(-1);
  if (!first || !last) return [];
  const fromMs = bankDayStart(first.to, ctx.store.timeZone);
  const toMs = bankDayStart(last.to, ctx.store.timeZone);
  const rows = await sql<{ branch_id: number; rule_id: string; detected_at: number; disposed_at: number | null }>`
    select branch_id, rule_id, detected_at, disposed_at from fraud_alerts
    where detected_at < ${toMs - ALERT_SLA_MS} and (disposed_at is null or disposed_at >= ${fromMs})`.execute(ctx.store.bank.db);
  const dimOf = (r: (typeof rows.rows)[number], d: Dimension): string => (d === 'branch' ? String(r.branch_id) : d === 'rule' ? r.rule_id : '');
  const count = counter(ctx.by);
  const alerts = splitRows(ctx, rows.rows, dimOf).map(({ row: r, dims }) => ({
    detected: Number(r.detected_at),
    disposed: r.disposed_at === null ? null : Number(r.disposed_at),
    dims,
  }));
  ctx.periods.forEach((p, period) => {
    const end = bankDayStart(p.to, ctx.store.timeZone);
    for (const r of alerts) if (r.detected < end - ALERT_SLA_MS && (r.disposed === null || r.disposed >= end)) count.add(period, r.dims);
  });
  return count.cells();
};

/** Dormant accounts woken: on the cache from its kept reactivations once its rollups are at the current version. */
const dormantReactivated: Evaluator = async (ctx) => {
  const rollup = pick(ctx, REACTIVATIONS, REACTIVATIONS_ROLLUP) === REACTIVATIONS_ROLLUP && ctx.store.source === 'cache' && (await postingsReady(ctx.store));
  return rollup ? flowCells(ctx, REACTIVATIONS_ROLLUP, sql`count(distinct r.account_id)`) : flowCells(ctx, REACTIVATIONS, sql`count(distinct e.account_id)`);
};

export const EVALUATORS: Record<MetricId, Evaluator> = {
  transactions_count: transactionsCount,
  transactions_volume: transactionsVolume,
  deposits_held: balanceCells,
  average_balance_per_customer: async (ctx) => divide(await balanceCells(ctx), await holderCells(ctx), ctx.by, true),
  new_customers: countFlow(CUSTOMERS, CUSTOMERS_ROLLUP, sql`sum(r.n)`),
  accounts_opened: countFlow(ACCOUNTS_OPENED, ACCOUNTS_ROLLUP, sql`sum(r.opened)`),
  accounts_closed: countFlow(ACCOUNTS_CLOSED, ACCOUNTS_ROLLUP, sql`sum(r.closed)`),
  loans_granted_count: (ctx) => flowCells(ctx, LOANS_GRANTED, sql`count(*)`, { perCurrency: false }),
  loans_granted_amount: (ctx) => flowCells(ctx, LOANS_GRANTED, sql`sum(l.principal)`),
  loan_portfolio_outstanding: bookEvaluator('outstanding', 'all'),
  delinquency: bookEvaluator('outstanding', 'past_due'),
  npl_ratio: nplRatio('outstanding', true),
  npl_ratio_count: nplRatio('count', false),
  default_rate: async (ctx) =>
    divide(
      await flowCells(ctx, LOANS_GRANTED, sql`sum(case when l.status = 'defaulted' then 1 else 0 end)`, { perCurrency: false }),
      await flowCells(ctx, LOANS_GRANTED, sql`count(*)`, { perCurrency: false }),
      ctx.by,
    ),
  fraud_alerts_raised: (ctx) => flowCells(ctx, ALERTS_RAISED, sql`count(*)`),
  fraud_alerts_confirmed: (ctx) => flowCells(ctx, alertsDisposed('confirmed'), sql`count(*)`),
  fraud_alerts_dismissed: (ctx) => flowCells(ctx, alertsDisposed('dismissed'), sql`count(*)`),
  fraud_confirmed_amount: (ctx) => flowCells(ctx, FRAUD_MARKS, sql`sum(j.amount)`),
  cash_volume: cashVolume,
  kyc_reviews_overdue: kycReviewsOverdue,
  dormant_reactivated: dormantReactivated,
  fraud_alerts_backlog: fraudAlertsBacklog,
};
