import type Database from 'better-sqlite3-multiple-ciphers';
import { bankDayStart, parseDayIso, zoneClock, type ZoneClock } from '../../shared/bank-time';

/**
 * Loan and instalment states per bank day, for the loan-book metrics (portfolio outstanding,
 * delinquency buckets, non-performing ratios) on the cache.
 *
 * A loan's position at the start of a bank day (what is still owed, how many days the oldest unpaid
 * instalment is past due) only changes on a few days: the day after it starts, after each due date,
 * when a payment takes effect, and when the oldest unpaid instalment crosses 30, 60 and 90 days. Each
 * loan's changes are kept in `cache_loan_states` (so they can be taken back exactly), and summed per
 * day × branch × product × currency × status × days-past-due bucket × non-performing in
 * `rollup_loans_daily`: the book at the start of day D is the sum of every row with `day <= D`. A
 * year of month ends, or a day series, is then one ordered read of a small table instead of every
 * loan and instalment replayed in memory.
 *
 * Kept by the sync: triggers mark the loans whose row, instalments or account changed
 * (`cache_loans_dirty`); after each round their changes are recomputed. Rebuilt in full with the
 * rollups (a zone change moves payment days).
 */

export const DPD_BUCKETS = ['current', '1-29', '30-59', '60-89', '90+'] as const;
export type DpdBucket = (typeof DPD_BUCKETS)[number];

export interface LoanFacts {
  startDay: number;
  status: string;
  instalments: readonly { dueDay: number; amountDue: number; amountPaid: number; paidAt: number | null }[];
}

export function bucketOf(dpd: number): DpdBucket {
  if (dpd <= 0) return 'current';
  if (dpd < 30) return '1-29';
  if (dpd < 60) return '30-59';
  if (dpd < 90) return '60-89';
  return '90+';
}

/**
 * A loan's position at the start of bank day `asOfDay` (starting at `asOfMs`), or null when it is not
 * in the book then (not yet granted, or nothing owed). An instalment counts as paid once paid (at
 * `paid_at`, or on its due date where the history records the payment without a time).
 */
export function loanStateAt(loan: LoanFacts, asOfDay: number, asOfMs: number): { outstanding: number; daysPastDue: number } | null {
  if (loan.startDay >= asOfDay) return null;
  let due = 0;
  let paid = 0;
  let oldestUnpaid: number | null = null;
  for (const i of loan.instalments) {
    due += i.amountDue;
    const paidByThen = i.amountPaid > 0 && (i.paidAt !== null ? i.paidAt < asOfMs : i.dueDay < asOfDay);
    if (paidByThen) paid += i.amountPaid;
    if (i.dueDay < asOfDay && (!paidByThen || i.amountPaid < i.amountDue) && (oldestUnpaid === null || i.dueDay < oldestUnpaid)) oldestUnpaid = i.dueDay;
  }
  const outstanding = Math.max(0, due - paid);
  if (outstanding === 0) return null;
  return { outstanding, daysPastDue: oldestUnpaid === null ? 0 : asOfDay - oldestUnpaid };
}

/** A change on a day, per loan in cache_loan_states and summed in rollup_loans_daily: the two tables' common columns. */
const STATE_COLUMNS = `
  day integer not null,
  branch_id integer not null,
  product_id integer not null,
  currency text not null,
  status text not null,
  bucket text not null,
  npl integer not null,
  n integer not null,
  outstanding integer not null,`;

export const LOAN_STATES_DDL = `
create table if not exists cache_loan_states (
  loan_id integer not null,${STATE_COLUMNS}
  primary key (loan_id, day, bucket, npl)
) without rowid;
create table if not exists rollup_loans_daily (${STATE_COLUMNS}
  primary key (day, branch_id, product_id, currency, status, bucket, npl)
) without rowid;
-- Large exposures read the states of a few days at a time (main/metrics/exposures.ts).
create index if not exists cache_loan_states_day on cache_loan_states (day);
create table if not exists cache_loans_dirty (loan_id integer primary key);
create index if not exists loans_account on loans (account_id);`;

export const LOAN_STATE_TRIGGERS = [
  'loans_state_insert',
  'loans_state_delete',
  'loans_state_update',
  'repayments_state_insert',
  'repayments_state_delete',
  'repayments_state_update',
  'accounts_loan_state_insert',
  'accounts_loan_state_delete',
  'accounts_loan_state_update',
] as const;

/**
 * `on conflict do nothing`, not `insert or ignore`: a trigger's OR clause gives way to the firing
 * statement's, and the sync's in-place update (an upsert) would make it abort on a loan already marked.
 */
const dirty = (id: string): string => `insert into cache_loans_dirty (loan_id) values (${id}) on conflict (loan_id) do nothing;`;
/** A loan's branch is its account's: an account that arrives, goes or moves branch changes its loans' states. */
const dirtyByAccount = (row: 'new' | 'old'): string =>
  `insert into cache_loans_dirty (loan_id) select id from loans where account_id = ${row}.id on conflict (loan_id) do nothing;`;

export const LOAN_STATE_TRIGGERS_SQL = `
create trigger if not exists loans_state_insert after insert on loans begin ${dirty('new.id')} end;
create trigger if not exists loans_state_delete after delete on loans begin ${dirty('old.id')} end;
create trigger if not exists loans_state_update after update on loans begin ${dirty('old.id')} ${dirty('new.id')} end;
create trigger if not exists repayments_state_insert after insert on loan_repayments begin ${dirty('new.loan_id')} end;
create trigger if not exists repayments_state_delete after delete on loan_repayments begin ${dirty('old.loan_id')} end;
create trigger if not exists repayments_state_update after update on loan_repayments begin ${dirty('old.loan_id')} ${dirty('new.loan_id')} end;
create trigger if not exists accounts_loan_state_insert after insert on accounts begin ${dirtyByAccount('new')} end;
create trigger if not exists accounts_loan_state_delete after delete on accounts begin ${dirtyByAccount('old')} end;
create trigger if not exists accounts_loan_state_update after update of branch_id on accounts when old.branch_id is not new.branch_id begin ${dirtyByAccount('new')} end;
`;

interface StateRow {
  day: number;
  bucket: DpdBucket;
  npl: number;
  n: number;
  outstanding: number;
}

type LoanState = { bucket: DpdBucket; npl: number; outstanding: number } | null;

const sameState = (a: LoanState, b: LoanState): boolean => (a === null || b === null ? a === b : a.bucket === b.bucket && a.npl === b.npl && a.outstanding === b.outstanding);

/** The days a loan's position may change on, and its change on each: leaving the old state, entering the new. */
export function loanChanges(loan: LoanFacts, clock: ZoneClock, dayStart: (day: number) => number): StateRow[] {
  const days = new Set<number>([loan.startDay + 1]);
  for (const i of loan.instalments) {
    for (const k of [1, 30, 60, 90]) days.add(i.dueDay + k);
    if (i.amountPaid > 0) days.add(i.paidAt !== null ? clock.dayOf(i.paidAt) + 1 : i.dueDay + 1);
  }
  const out: StateRow[] = [];
  let prev: LoanState = null;
  for (const day of [...days].sort((a, b) => a - b)) {
    const s = loanStateAt(loan, day, dayStart(day));
    const next = s ? { bucket: bucketOf(s.daysPastDue), npl: s.daysPastDue >= 90 || loan.status === 'defaulted' ? 1 : 0, outstanding: s.outstanding } : null;
    if (sameState(prev, next)) continue;
    const rows = new Map<string, StateRow>();
    const add = (st: { bucket: DpdBucket; npl: number; outstanding: number }, sign: 1 | -1): void => {
      const key = `${st.bucket}|${st.npl}`;
      const r = rows.get(key) ?? { day, bucket: st.bucket, npl: st.npl, n: 0, outstanding: 0 };
      r.n += sign;
      r.outstanding += sign * st.outstanding;
      rows.set(key, r);
    };
    if (prev) add(prev, -1);
    if (next) add(next, 1);
    for (const r of rows.values()) if (r.n !== 0 || r.outstanding !== 0) out.push(r);
    prev = next;
  }
  return out;
}

interface LoanRow {
  id: number;
  branch_id: number;
  product_id: number;
  currency: string;
  status: string;
  start_date: string;
}

/** Statements and the zone's day starts, prepared once per refresh. */
function stateWriter(db: Database.Database, timeZone: string) {
  const clock = zoneClock(timeZone);
  const starts = new Map<number, number>();
  const dayStart = (day: number): number => {
    let ms = starts.get(day);
    if (ms === undefined) {
      ms = bankDayStart(day, timeZone);
      starts.set(day, ms);
    }
    return ms;
  };
  const instalments = db.prepare('select due_date, amount_due, amount_paid, paid_at from loan_repayments where loan_id = ?');
  const old = db.prepare('select day, branch_id, product_id, currency, status, bucket, npl, n, outstanding from cache_loan_states where loan_id = ?');
  const forget = db.prepare('delete from cache_loan_states where loan_id = ?');
  const keep = db.prepare(
    `insert into cache_loan_states (loan_id, day, branch_id, product_id, currency, status, bucket, npl, n, outstanding)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const bump = db.prepare(
    `insert into rollup_loans_daily (day, branch_id, product_id, currency, status, bucket, npl, n, outstanding)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (day, branch_id, product_id, currency, status, bucket, npl) do update set
       n = n + excluded.n, outstanding = outstanding + excluded.outstanding`,
  );
  const prune = db.prepare(
    `delete from rollup_loans_daily where day = ? and branch_id = ? and product_id = ? and currency = ? and status = ? and bucket = ?
       and npl = ? and n = 0 and outstanding = 0`,
  );
  const dates = new Map<string, number>();
  const dayOfText = (t: unknown): number => {
    const s = String(t).slice(0, 10);
    let d = dates.get(s);
    if (d === undefined) dates.set(s, (d = parseDayIso(s) ?? 0));
    return d;
  };
  return {
    /** Takes back what the loan added before (its rows as then stored, with the dimensions it had). */
    remove(loanId: number): void {
      for (const r of old.all(loanId) as (StateRow & Omit<LoanRow, 'id' | 'start_date'>)[]) {
        const key = [r.day, r.branch_id, r.product_id, r.currency, r.status, r.bucket, r.npl] as const;
        bump.run(...key, -r.n, -r.outstanding);
        prune.run(...key);
      }
      forget.run(loanId);
    },
    add(l: LoanRow): void {
      const facts: LoanFacts = {
        startDay: dayOfText(l.start_date),
        status: l.status,
        instalments: (instalments.all(l.id) as { due_date: string; amount_due: number; amount_paid: number; paid_at: number | null }[]).map((i) => ({
          dueDay: dayOfText(i.due_date),
          amountDue: Number(i.amount_due),
          amountPaid: Number(i.amount_paid),
          paidAt: i.paid_at === null ? null : Number(i.paid_at),
        })),
      };
      for (const c of loanChanges(facts, clock, dayStart)) {
        const dims = [c.day, l.branch_id, l.product_id, l.currency, l.status, c.bucket, c.npl] as const;
        keep.run(l.id, ...dims, c.n, c.outstanding);
        bump.run(...dims, c.n, c.outstanding);
        prune.run(...dims);
      }
    },
  };
}

const LOANS = `select l.id, a.branch_id, l.product_id, l.currency, l.status, l.start_date from loans l join accounts a on a.id = l.account_id`;

/** Every loan's changes recomputed from the rows. Call inside a transaction, with the triggers in place or not. */
export function rebuildLoanStates(db: Database.Database, timeZone: string): void {
  db.exec(LOAN_STATES_DDL);
  db.exec('delete from cache_loan_states; delete from rollup_loans_daily; delete from cache_loans_dirty;');
  const w = stateWriter(db, timeZone);
  for (const l of db.prepare(LOANS).all() as LoanRow[]) w.add(l);
}

/** The changes of the loans marked since the last refresh, recomputed; returns how many. Call inside a transaction. */
export function refreshLoanStates(db: Database.Database, timeZone: string): number {
  const ids = db.prepare('select loan_id from cache_loans_dirty').pluck().all() as number[];
  if (ids.length === 0) return 0;
  const w = stateWriter(db, timeZone);
  const one = db.prepare(`${LOANS} where l.id = ?`);
  for (const id of ids) {
    w.remove(id);
    const l = one.get(id) as LoanRow | undefined;
    if (l) w.add(l);
  }
  db.exec('delete from cache_loans_dirty');
  return ids.length;
}
