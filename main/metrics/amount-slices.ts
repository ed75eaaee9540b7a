import { sql, type RawBuilder } from 'kysely';
import { bankDayOf, bankDayStart } from '../../shared/bank-time';
import { AMOUNT_SLICE_MS } from '../cache';
import type { MetricStore } from './store';

/**
 * The keys of a page of postings in amount order, on the cache, where the amount index is cut in
 * 30-day slices of time (main/cache/rollups.ts). Each slice the window touches answers one of two ways:
 * walk its part of the index from the top, skipping what falls outside the window or the filters, or
 * read its part of the window in time order and sort it. A walk costs about wanted × the slice's
 * postings / the matching ones in the window; a read costs the slice's postings in the window. The
 * rollups' postings per day tell both before anything is read, so each slice takes its cheaper way;
 * the best `wanted` of every slice are then merged, which always holds the best `wanted` of the window.
 */

/** Postings of one slice: all of them, and those inside the window. */
export interface SliceCount {
  slice: number;
  all: number;
  inWindow: number;
}

/** A walk down one slice's index, or a time-ordered read of [fromMs, toMs) (adjacent read slices merged). */
export type SliceTerm = { kind: 'walk'; slice: number } | { kind: 'read'; fromMs: number; toMs: number };

/** SQLite takes at most 500 terms in one compound SELECT; past this many the window is read whole. */
const MAX_TERMS = 400;

const sliceStart = (slice: number): number => slice * AMOUNT_SLICE_MS;

/**
 * How to read each slice of [fromMs, toMs). `matchShare` is the share of the window's postings that
 * pass the filters (1 without filters); `wanted` is offset + limit.
 */
export function planSlices(counts: readonly SliceCount[], fromMs: number, toMs: number, matchShare: number, wanted: number): SliceTerm[] {
  const terms: SliceTerm[] = [];
  for (const c of counts) {
    const matching = c.inWindow * matchShare;
    const walk = matching >= wanted ? (wanted * c.all) / matching : c.all;
    if (walk < c.inWindow) {
      terms.push({ kind: 'walk', slice: c.slice });
      continue;
    }
    const from = Math.max(fromMs, sliceStart(c.slice));
    const to = Math.min(toMs, sliceStart(c.slice + 1));
    const last = terms[terms.length - 1];
    if (last?.kind === 'read' && last.toMs === from) last.toMs = to;
    else terms.push({ kind: 'read', fromMs: from, toMs: to });
  }
  return terms.length > MAX_TERMS ? [{ kind: 'read', fromMs, toMs }] : terms;
}

/** The slices [fromMs, toMs) touches, with their postings counted from the rollups' days (a day is placed by its start). */
export async function sliceCounts(store: MetricStore, fromMs: number, toMs: number): Promise<SliceCount[]> {
  const first = Math.floor(fromMs / AMOUNT_SLICE_MS);
  const last = Math.floor((toMs - 1) / AMOUNT_SLICE_MS);
  const fromDay = bankDayOf(sliceStart(first), store.timeZone);
  const toDay = bankDayOf(sliceStart(last + 1), store.timeZone) + 1;
  const r = await sql<{ day: number; n: number }>`select day, sum(n) as n from rollup_daily where day >= ${fromDay} and day < ${toDay} group by day`.execute(store.bank.db);
  const counts = new Map<number, SliceCount>();
  for (let s = first; s <= last; s++) counts.set(s, { slice: s, all: 0, inWindow: 0 });
  for (const { day, n } of r.rows) {
    const start = bankDayStart(Number(day), store.timeZone);
    const c = counts.get(Math.floor(start / AMOUNT_SLICE_MS));
    if (!c) continue;
    c.all += Number(n);
    if (start >= fromMs && start < toMs) c.inWindow += Number(n);
  }
  return [...counts.values()];
}

/**
 * The page's keys (booked_at, id) in amount order, `dir` with ties by id. `where` holds the window and
 * the filters on `p`. The slice's expression is written as the index's (a bound value would not match it).
 */
export function amountKeys(terms: readonly SliceTerm[], where: RawBuilder<unknown>, dir: RawBuilder<unknown>, wanted: number, limit: number, offset: number): RawBuilder<unknown> {
  const slice = sql.raw(`p.booked_at / ${AMOUNT_SLICE_MS}`);
  const parts = terms.map((t) =>
    t.kind === 'walk'
      ? sql`select * from (select p.booked_at, p.id, p.amount from cache_postings p indexed by cache_postings_amount
          where ${slice} = ${t.slice} and ${where} order by p.amount ${dir}, p.id ${dir} limit ${wanted})`
      : sql`select * from (select p.booked_at, p.id, p.amount from cache_postings p
          where p.booked_at >= ${t.fromMs} and p.booked_at < ${t.toMs} and ${where} order by +p.amount ${dir}, p.id ${dir} limit ${wanted})`,
  );
  return sql`select booked_at, id from (${sql.join(parts, sql` union all `)}) order by amount ${dir}, id ${dir} limit ${limit} offset ${offset}`;
}
