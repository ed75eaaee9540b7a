import { sql, type RawBuilder } from 'kysely';
import { bankDayStart, dayIso, parseDayIso } from '../../shared/bank-time';
import type { Dimension, MetricFilter } from '../../shared/contract';
import { bankDaySql } from './bank-day-sql';
import type { MetricStore } from './store';

/**
 * A fact is one table (or join) a metric counts or sums: where its rows are, how each dimension reads
 * off a row, and which column places a row in time. Metrics compile to one parameterised GROUP BY over
 * a fact, the same text on MySQL, the embedded bank and the cache; identifiers come only from these
 * specs, never from input, and every value from input is a bound parameter.
 */
export interface Fact {
  readonly from: RawBuilder<unknown>;
  readonly where: readonly RawBuilder<unknown>[];
  /**
   * instant: UTC ms column; date: 'YYYY-MM-DD' text (already a bank date); day: a bank-day number (rollups).
   * `sqliteRange`: a column holding the same instant whose index SQLite should read a window from; on
   * SQLite it is bounded as well (MySQL plans from its own statistics, and did worse with it).
   */
  readonly time: { kind: 'instant' | 'date' | 'day'; column: RawBuilder<unknown>; sqliteRange?: RawBuilder<unknown> };
  readonly dims: Partial<Record<Dimension, RawBuilder<unknown>>>;
  /** The currency of a money measure; null for counts of things that have none. */
  readonly currency: RawBuilder<unknown> | null;
}

/** Dimensions whose values are numeric ids (branch 3, product 12): filters bind them as numbers. */
const NUMERIC: ReadonlySet<Dimension> = new Set(['branch', 'product', 'customer']);

export interface DayCell {
  /** Bank day number, or null when not grouped by day. */
  day: number | null;
  dims: Partial<Record<Dimension, string>>;
  currency: string | null;
  value: number;
}

export interface Bounds {
  /** First bank day included, or null for "since the beginning". */
  fromDay: number | null;
  /** First bank day excluded. */
  toDay: number;
}

export function supports(fact: Fact, dims: readonly Dimension[]): boolean {
  return dims.every((d) => fact.dims[d] !== undefined);
}

export function filterCondition(fact: Fact, f: MetricFilter): RawBuilder<unknown> {
  const column = fact.dims[f.dimension];
  if (!column) return sql`1 = 0`;
  if (NUMERIC.has(f.dimension)) {
    const n = Number(f.value);
    return Number.isSafeInteger(n) ? sql`${column} = ${n}` : sql`1 = 0`;
  }
  return sql`${column} = ${f.value}`;
}

export function timeConditions(store: MetricStore, fact: Fact, b: Bounds): RawBuilder<unknown>[] {
  const col = fact.time.column;
  const out: RawBuilder<unknown>[] = [];
  switch (fact.time.kind) {
    case 'instant':
      for (const c of fact.time.sqliteRange && store.bank.dialect === 'sqlite' ? [col, fact.time.sqliteRange] : [col]) {
        if (b.fromDay !== null) out.push(sql`${c} >= ${bankDayStart(b.fromDay, store.timeZone)}`);
        out.push(sql`${c} < ${bankDayStart(b.toDay, store.timeZone)}`);
      }
      break;
    case 'date':
      if (b.fromDay !== null) out.push(sql`${col} >= ${dayIso(b.fromDay)}`);
      out.push(sql`${col} < ${dayIso(b.toDay)}`);
      break;
    case 'day':
      if (b.fromDay !== null) out.push(sql`${col} >= ${b.fromDay}`);
      out.push(sql`${col} < ${b.toDay}`);
      break;
  }
  return out;
}

function dayExpression(store: MetricStore, fact: Fact, b: Bounds): RawBuilder<unknown> {
  if (fact.time.kind !== 'instant') return fact.time.column;
  const fromMs = b.fromDay === null ? bankDayStart(b.toDay, store.timeZone) : bankDayStart(b.fromDay, store.timeZone);
  return bankDaySql(store.bank.dialect, fact.time.column as RawBuilder<number>, store.timeZone, fromMs, bankDayStart(b.toDay, store.timeZone));
}

function toDay(kind: Fact['time']['kind'], v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (kind === 'date') return parseDayIso(String(v).slice(0, 10));
  return Number(v);
}

/**
 * One aggregate over a fact: `measure` per (bank day?, dimensions, currency) within the bounds.
 * Returns cells; periods, comparisons and labels are the engine's work.
 */
export async function aggregate(
  store: MetricStore,
  fact: Fact,
  measure: RawBuilder<unknown>,
  opts: { bounds: Bounds; byDay: boolean; by: readonly Dimension[]; filters: readonly MetricFilter[]; extraWhere?: readonly RawBuilder<unknown>[]; perCurrency?: boolean },
): Promise<DayCell[]> {
  const selects: RawBuilder<unknown>[] = [];
  const groups: RawBuilder<unknown>[] = [];
  if (opts.byDay) {
    const day = dayExpression(store, fact, opts.bounds);
    selects.push(sql`${day} as d_day`);
    groups.push(day);
  }
  opts.by.forEach((d, i) => {
    const col = fact.dims[d];
    if (!col) throw new Error(`fact does not support dimension ${d}`);
    selects.push(sql`${col} as ${sql.ref(`d${i}`)}`);
    groups.push(col);
  });
  const currency = opts.perCurrency === false ? null : fact.currency;
  if (currency) {
    selects.push(sql`${currency} as d_currency`);
    groups.push(currency);
  }
  selects.push(sql`${measure} as v`);
  const where = [...fact.where, ...timeConditions(store, fact, opts.bounds), ...opts.filters.map((f) => filterCondition(fact, f)), ...(opts.extraWhere ?? [])];
  const query = sql<Record<string, unknown>>`select ${sql.join(selects)} from ${fact.from} where ${sql.join(where, sql` and `)}${
    groups.length ? sql` group by ${sql.join(groups)}` : sql``
  }`;
  const result = await query.execute(store.bank.db);
  return result.rows.map((r) => {
    const dims: Partial<Record<Dimension, string>> = {};
    opts.by.forEach((d, i) => {
      dims[d] = String(r[`d${i}`] ?? '');
    });
    return { day: opts.byDay ? toDay(fact.time.kind, r.d_day) : null, dims, currency: currency ? String(r.d_currency) : null, value: Number(r.v ?? 0) };
  });
}
