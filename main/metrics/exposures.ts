import { sql } from 'kysely';
import { loadLoanBook, positionsAt } from './loan-book';
import { postingsReady } from './rows-postings';
import type { MetricStore } from './store';

/**
 * Each borrower's loans outstanding per currency at the end of each bank day, as changes: what large
 * exposures needs (the largest single customer against Tier 1 capital) without a row per customer and
 * day. A customer's outstanding moves on a few days of a 90-day window (a loan granted, an instalment
 * paid); the rest of the days repeat it, and a daily series split by customer would carry every one of
 * them (over a million cells on a book of 100,000 loans).
 *
 * The figures are those of `loan_portfolio_outstanding` split by customer: the book at the start of
 * the next day (main/metrics/loan-book.ts). On the cache they come from its daily loan states
 * (cache_loan_states, main/cache/loan-states.ts: each loan's change on each day, summed here by the
 * loan's borrower as the loans table names it now); elsewhere from the book rebuilt in memory.
 */
export interface ExposureQuery {
  /** First bank day (number) whose end-of-day figures are asked. */
  fromDay: number;
  /** First bank day not asked. */
  toDay: number;
  /** Whether to return each borrower's outstanding at the end of day fromDay − 1 (a continuation does not need it). */
  opening: boolean;
}

/** [customer id, currency, amount in minor units]. */
export type ExposureCell = [customer: string, currency: string, amount: number];

export interface ExposureDeltas {
  fromDay: number;
  toDay: number;
  /** Outstanding at the end of day fromDay − 1, non-zero cells only; empty when not asked. */
  opening: ExposureCell[];
  /** Per bank day in [fromDay, toDay): how each borrower's outstanding moved from the end of the day before. */
  changes: { day: number; cells: ExposureCell[] }[];
}

/** Whether the cache's loan states answer (its rollups are built at the current version). */
async function fromLoanStates(store: MetricStore): Promise<boolean> {
  return store.rollups && store.source === 'cache' && (await postingsReady(store));
}

export async function exposureDeltas(store: MetricStore, q: ExposureQuery): Promise<ExposureDeltas> {
  return (await fromLoanStates(store)) ? statesDeltas(store, q) : bookDeltas(store, q);
}

/**
 * On the cache: a loan state row on day D is a change of the book at the start of D, so the end of
 * day d is every row up to d + 1. The opening sums the rows up to fromDay; the changes are the rows on
 * (fromDay, toDay], read by the day index.
 */
async function statesDeltas(store: MetricStore, q: ExposureQuery): Promise<ExposureDeltas> {
  const db = store.bank.db;
  const [opening, changes] = await Promise.all([
    q.opening
      ? sql<{ customer_id: number; currency: string; v: number }>`
          select l.customer_id, x.currency, sum(x.v) as v from (
            select loan_id, currency, sum(outstanding) as v from cache_loan_states where day <= ${q.fromDay} group by loan_id, currency
          ) x join loans l on l.id = x.loan_id where x.v <> 0 group by l.customer_id, x.currency`.execute(db)
      : null,
    sql<{ day: number; customer_id: number; currency: string; v: number }>`
      select s.day, l.customer_id, s.currency, sum(s.outstanding) as v from cache_loan_states s join loans l on l.id = s.loan_id
      where s.day > ${q.fromDay} and s.day <= ${q.toDay} group by s.day, l.customer_id, s.currency order by s.day`.execute(db),
  ]);
  const byDay = new Map<number, ExposureCell[]>();
  for (const r of changes.rows) {
    const v = Number(r.v);
    if (v === 0) continue;
    const day = Number(r.day) - 1;
    let cells = byDay.get(day);
    if (!cells) byDay.set(day, (cells = []));
    cells.push([String(r.customer_id), r.currency, v]);
  }
  return {
    fromDay: q.fromDay,
    toDay: q.toDay,
    opening: (opening?.rows ?? []).filter((r) => Number(r.v) !== 0).map((r) => [String(r.customer_id), r.currency, Number(r.v)]),
    changes: [...byDay].map(([day, cells]) => ({ day, cells })),
  };
}

function bookAt(book: Parameters<typeof positionsAt>[0], day: number, timeZone: string): Map<string, ExposureCell> {
  const out = new Map<string, ExposureCell>();
  for (const p of positionsAt(book, day, timeZone)) {
    const k = `${p.loan.customer}\u0000${p.loan.currency}`;
    const cell = out.get(k);
    if (cell) cell[2] += p.outstanding;
    else out.set(k, [p.loan.customer, p.loan.currency, p.outstanding]);
  }
  return out;
}

/** Elsewhere: the book at the start of each next day, differenced. */
async function bookDeltas(store: MetricStore, q: ExposureQuery): Promise<ExposureDeltas> {
  const book = await loadLoanBook(store);
  let before = bookAt(book, q.fromDay, store.timeZone);
  const opening = q.opening ? [...before.values()].map((c): ExposureCell => [...c]) : [];
  const changes: ExposureDeltas['changes'] = [];
  for (let day = q.fromDay; day < q.toDay; day++) {
    const after = bookAt(book, day + 1, store.timeZone);
    const cells: ExposureCell[] = [];
    for (const [k, c] of after) {
      const d = c[2] - (before.get(k)?.[2] ?? 0);
      if (d !== 0) cells.push([c[0], c[1], d]);
    }
    for (const [k, c] of before) if (!after.has(k)) cells.push([c[0], c[1], -c[2]]);
    if (cells.length) changes.push({ day, cells });
    before = after;
  }
  return { fromDay: q.fromDay, toDay: q.toDay, opening, changes };
}

/** Running outstanding by borrower and currency (customer\0currency → cell): a copy of each cell, zeros dropped. */
export function addExposures(running: Map<string, ExposureCell>, cells: readonly ExposureCell[]): void {
  for (const c of cells) {
    const k = `${c[0]}\u0000${c[1]}`;
    const cell = running.get(k);
    if (!cell) running.set(k, [...c]);
    else if ((cell[2] += c[2]) === 0) running.delete(k);
  }
}

/**
 * Outstanding per borrower and currency at the end of each day of [fromDay, toDay): `visit` sees the
 * running cells (customer\0currency → cell) after each day's changes, and whether the day had any.
 */
export function walkExposures(d: ExposureDeltas, visit: (day: number, cells: ReadonlyMap<string, ExposureCell>, changed: boolean) => void): void {
  const running = new Map<string, ExposureCell>();
  addExposures(running, d.opening);
  let i = 0;
  for (let day = d.fromDay; day < d.toDay; day++) {
    let changed = day === d.fromDay;
    for (; i < d.changes.length && (d.changes[i]?.day ?? Infinity) <= day; i++) {
      const cells = d.changes[i]?.cells ?? [];
      if (cells.length > 0) changed = true;
      addExposures(running, cells);
    }
    visit(day, running, changed);
  }
}
