import { sql } from 'kysely';
import { bankDayOf, dayIso, parseDayIso } from '../../shared/bank-time';
import type { MetricId, MetricQuery, MetricResult, MetricRow } from '../../shared/contract';
import { metricInfo } from './catalog';
import { cellKey } from './engine';
import { addExposures, type ExposureCell, type ExposureDeltas, type ExposureQuery } from './exposures';
import type { MetricRunner } from './handlers';
import type { MetricStore } from './store';

/**
 * Daily metric answers kept between evaluations on the cache, so a live re-evaluation after a sync
 * round asks again only for the bank days the round could have changed.
 *
 * Postings are append-only and copied by id: the new ones are the entries above the last id seen, and
 * the earliest of them is the first bank day whose figures can move. Every daily figure built on
 * postings is a function of the postings up to its day (flows of that day, balances at its end, a
 * reactivation's 180-day look-back), so days before it keep their answer and the question is asked
 * again from that day on. On the cache those metrics read the rollups, where an account's branch,
 * product and currency are taken as they were when the posting was booked: the accounts the sync
 * re-copies for their new balances do not move them.
 *
 * Metrics on other tables (the loan book, customers' KYC dates, alerts) are asked again whole when a
 * table they read was re-copied, and kept otherwise. The bank itself (MySQL, the embedded bank) has no
 * sync marks to go by: there every question is asked whole.
 */

/** What each metric reads besides postings; metrics in POSTING_METRICS are answered by day from postings. */
const POSTING_METRICS: ReadonlySet<MetricId> = new Set(['transactions_count', 'transactions_volume', 'deposits_held', 'cash_volume', 'dormant_reactivated']);
const READS: Partial<Record<MetricId, readonly string[]>> = {
  transactions_count: ['customers'],
  transactions_volume: ['customers'],
  deposits_held: ['customers'],
  cash_volume: ['customers'],
  dormant_reactivated: ['customers'],
  loan_portfolio_outstanding: ['loans', 'loan_repayments', 'accounts', 'customers'],
  npl_ratio: ['loans', 'loan_repayments', 'accounts', 'customers'],
  kyc_reviews_overdue: ['customers', 'branches'],
  fraud_alerts_backlog: ['fraud_alerts', 'branches'],
};

/** What borrowers' outstanding reads on the cache: the loan states, recomputed from these tables' rows. */
const EXPOSURE_READS = ['loans', 'loan_repayments'] as const;

interface Marks {
  entriesMaxId: number;
  /** Per source table: its sync watermark and row count (changes whenever the sync copied or deleted rows). */
  tables: Map<string, string>;
}

interface Kept {
  q: MetricQuery;
  result: MetricResult;
  marks: Marks;
}

async function readMarks(store: MetricStore): Promise<Marks> {
  const db = store.bank.db;
  const [max, state] = await Promise.all([
    sql<{ m: number | null }>`select max(id) as m from entries`.execute(db),
    sql<{ table_name: string; wm_updated: number; wm_id: number; rows_total: number }>`select table_name, wm_updated, wm_id, rows_total from sync_state`.execute(db),
  ]);
  return { entriesMaxId: Number(max.rows[0]?.m ?? 0), tables: new Map(state.rows.map((r) => [r.table_name, `${r.wm_updated}|${r.wm_id}|${r.rows_total}`])) };
}

/** A daily question whose answers can be spliced: one series per day, no comparison. */
function spliceable(q: MetricQuery): boolean {
  return q.grain === 'day' && q.compare === 'none';
}

export class IncrementalQueries {
  private readonly kept = new Map<string, Kept>();
  private keptExposures: { d: ExposureDeltas; marks: Marks } | null = null;
  private readonly firstBooked = new Map<number, Promise<number | null>>();
  private marks: Promise<Marks> | null = null;

  constructor(
    private readonly store: MetricStore,
    private readonly runner: MetricRunner,
  ) {}

  /** The marks of this evaluation, read once (an evaluation's questions all see the same round). */
  private current(): Promise<Marks> {
    if (!this.marks) this.marks = readMarks(this.store);
    return this.marks;
  }

  /** Starts a new evaluation: marks are read afresh on its first question. */
  begin(store: MetricStore, runner: MetricRunner): IncrementalQueries {
    if (store.bank !== this.store.bank || store.source !== 'cache' || !store.rollups) return new IncrementalQueries(store, runner);
    Object.assign(this, { store, runner });
    this.marks = null;
    this.firstBooked.clear();
    return this;
  }

  /**
   * The earliest booking time among the entries above `id`, once per evaluation. By the primary key
   * (`+booked_at` keeps SQLite off the booked_at index, which it would walk from the oldest entry).
   */
  private firstBookedAfter(id: number): Promise<number | null> {
    let p = this.firstBooked.get(id);
    if (!p) {
      p = sql<{ t: number | null }>`select min(+booked_at) as t from entries where id > ${id}`
        .execute(this.store.bank.db)
        .then((r) => (r.rows[0]?.t === null || r.rows[0]?.t === undefined ? null : Number(r.rows[0].t)));
      this.firstBooked.set(id, p);
    }
    return p;
  }

  async query(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult> {
    if (this.store.source !== 'cache' || !this.store.rollups || !spliceable(q) || !READS[q.metric]) return this.runner.query(this.store, q, signal);
    // Kept by the question without its range: the next evaluation's window has moved on with the bank day.
    const key = JSON.stringify({ ...q, from: '', to: '' });
    const marks = await this.current();
    const before = this.kept.get(key);
    const result = before && !tablesMoved(before.marks, marks, READS[q.metric] ?? []) ? await this.since(before, marks, q, signal) : await this.runner.query(this.store, q, signal);
    this.kept.set(key, { q, result, marks });
    return result;
  }

  /**
   * Borrowers' outstanding over [fromDay, toDay) as daily changes (main/metrics/exposures.ts). On the
   * cache the last answer is kept: while no loan or instalment was re-copied its days stand, and only
   * the days after it are asked (their changes, without the opening sum over every loan state).
   */
  async exposures(fromDay: number, toDay: number, signal?: AbortSignal): Promise<ExposureDeltas> {
    const ask = (q: ExposureQuery): Promise<ExposureDeltas> => this.runner.exposures(this.store, q, signal);
    if (this.store.source !== 'cache' || !this.store.rollups) return ask({ fromDay, toDay, opening: true });
    const marks = await this.current();
    const before = this.keptExposures;
    let d: ExposureDeltas;
    if (before && !tablesMoved(before.marks, marks, EXPOSURE_READS) && before.d.fromDay <= fromDay && before.d.toDay <= toDay && fromDay <= before.d.toDay) {
      const more = toDay > before.d.toDay ? await ask({ fromDay: before.d.toDay, toDay, opening: false }) : null;
      d = foldTo({ ...before.d, toDay, changes: [...before.d.changes, ...(more?.changes ?? [])] }, fromDay);
    } else d = await ask({ fromDay, toDay, opening: true });
    this.keptExposures = { d, marks };
    return d;
  }

  /**
   * Days the kept answer covers and nothing has changed since keep their rows; the question is asked
   * again from the first bank day new postings touch (posting metrics), or from the first day the kept
   * answer did not cover.
   */
  private async since(before: Kept, marks: Marks, q: MetricQuery, signal?: AbortSignal): Promise<MetricResult> {
    const from = parseDayIso(q.from) ?? 0;
    const to = parseDayIso(q.to) ?? 0;
    const keptFrom = parseDayIso(before.q.from) ?? 0;
    let boundary = Math.min(to, parseDayIso(before.q.to) ?? 0);
    if (POSTING_METRICS.has(q.metric) && marks.entriesMaxId !== before.marks.entriesMaxId) {
      const t = await this.firstBookedAfter(before.marks.entriesMaxId);
      if (t !== null) boundary = Math.min(boundary, bankDayOf(t, this.store.timeZone));
    }
    if (from < keptFrom || boundary <= from) return this.runner.query(this.store, q, signal);
    const lo = dayIso(from);
    const cut = dayIso(boundary);
    const kept = before.result.rows.filter((r) => r.period !== null && r.period >= lo && r.period < cut);
    if (boundary >= to) return { ...before.result, from: q.from, to: q.to, asOf: this.store.asOf, rows: kept };
    const fresh = (await this.balanceSince(q, kept, boundary, to, signal)) ?? (await this.runner.query(this.store, { ...q, from: cut }, signal));
    return { ...fresh, from: q.from, rows: [...kept, ...fresh.rows] };
  }

  /**
   * Deposits held (unsplit) continued from the kept answer: each currency's balance at the end of the
   * last kept day plus the net flows of the new days, so a continuation does not sum every posting
   * before it again. The same cells as the engine's balances (main/metrics/evaluators.ts): a currency
   * with postings before has a kept cell (its series holds a cell every day), one without starts at 0.
   */
  private async balanceSince(q: MetricQuery, kept: readonly MetricRow[], boundary: number, to: number, signal?: AbortSignal): Promise<MetricResult | null> {
    if (q.metric !== 'deposits_held' || q.by.length > 0 || q.filters.length > 0) return null;
    const last = dayIso(boundary - 1);
    const balance = new Map<string, number>();
    for (const r of kept) if (r.period === last && r.currency !== null) balance.set(r.currency, r.value);
    if (balance.size === 0 && kept.length > 0) return null;
    const flows = await this.runner.query(this.store, { ...q, metric: 'transactions_volume', from: dayIso(boundary), by: ['direction'] }, signal);
    const net = new Map<string, number>();
    for (const r of flows.rows) {
      if (r.period === null || r.currency === null) continue;
      const k = `${r.period}\u0000${r.currency}`;
      net.set(k, (net.get(k) ?? 0) + (r.dims.direction === 'out' ? -r.value : r.value));
      if (!balance.has(r.currency)) balance.set(r.currency, 0);
    }
    const rows: MetricRow[] = [];
    for (let day = boundary; day < to; day++) {
      const period = dayIso(day);
      const cells: MetricRow[] = [];
      for (const [currency, before] of balance) {
        const value = before + (net.get(`${period}\u0000${currency}`) ?? 0);
        balance.set(currency, value);
        cells.push({ period, dims: {}, labels: {}, currency, value });
      }
      // As the engine orders a period's cells: larger first, then by split and currency.
      cells.sort((a, b) => b.value - a.value || cellKey(a, q.by).localeCompare(cellKey(b, q.by)));
      rows.push(...cells);
    }
    const info = metricInfo(q.metric);
    return { ...flows, metric: info.id, label: info.label, unit: info.unit, kind: info.kind, by: q.by, filters: q.filters, filterLabels: {}, rows };
  }
}

/** The changes before `fromDay` folded into the opening. */
function foldTo(d: ExposureDeltas, fromDay: number): ExposureDeltas {
  if (fromDay <= d.fromDay) return d;
  const open = new Map<string, ExposureCell>();
  addExposures(open, d.opening);
  for (const ch of d.changes) {
    if (ch.day >= fromDay) break;
    addExposures(open, ch.cells);
  }
  return { fromDay, toDay: d.toDay, opening: [...open.values()], changes: d.changes.filter((ch) => ch.day >= fromDay) };
}

function tablesMoved(a: Marks, b: Marks, tables: readonly string[]): boolean {
  return [...tables, 'row_deletions'].some((t) => a.tables.get(t) !== b.tables.get(t));
}

/** One memo per cache: evaluations on the same cache share it. */
const memos = new WeakMap<object, IncrementalQueries>();

export function incrementalQueries(store: MetricStore, runner: MetricRunner): IncrementalQueries {
  const prev = memos.get(store.bank);
  const memo = prev ? prev.begin(store, runner) : new IncrementalQueries(store, runner);
  memos.set(store.bank, memo);
  return memo;
}
