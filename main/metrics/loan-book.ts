import { sql } from 'kysely';
import { bankDayStart, parseDayIso } from '../../shared/bank-time';
import type { Dimension } from '../../shared/contract';
import { bucketOf, loanStateAt, type DpdBucket } from '../cache';
import type { MetricStore } from './store';

/**
 * The loan book as it stood at a date, rebuilt from each loan's repayment schedule: what was still owed
 * (instalments not yet paid by then, principal and interest as scheduled) and how many days the oldest
 * unpaid instalment was past due. Read once per question, then evaluated at every period end in memory:
 * a bank's loans and their instalments are small next to its ledger.
 */

export { DPD_BUCKETS, type DpdBucket } from '../cache';

export interface BookLoan {
  id: number;
  branch: string;
  product: string;
  /** The borrower (customer id as text): large exposures split the book by it. */
  customer: string;
  currency: string;
  status: string;
  principal: number;
  startDay: number;
  instalments: { dueDay: number; amountDue: number; amountPaid: number; paidAt: number | null }[];
}

export interface LoanPosition {
  loan: BookLoan;
  outstanding: number;
  daysPastDue: number;
  bucket: DpdBucket;
  nonPerforming: boolean;
}

/**
 * Books already read, per read-only SQLite connection, with the connection's `data_version` they were
 * read at: it changes whenever another connection (the sync writer) commits, so an unchanged value
 * means unchanged loans. A question that compares periods, or a ratio of two book figures, read the
 * whole book two to four times; screens asking again on an idle cache read it once. Connections that
 * write themselves (the embedded bank's own) and MySQL are always read afresh: their own writes would
 * not move the marker.
 */
const books = new WeakMap<object, { version: number; book: Promise<BookLoan[]> }>();

function readOnlyVersion(store: MetricStore): number | null {
  const db = store.bank.sqlite;
  if (!db || store.bank.dialect !== 'sqlite') return null;
  const readOnly = db.readonly || Number(db.pragma('query_only', { simple: true })) === 1;
  return readOnly ? Number(db.pragma('data_version', { simple: true })) : null;
}

export async function loadLoanBook(store: MetricStore): Promise<BookLoan[]> {
  const version = readOnlyVersion(store);
  const conn = store.bank.sqlite;
  if (version === null || !conn) return readLoanBook(store);
  const kept = books.get(conn);
  if (kept && kept.version === version) return kept.book;
  const book = readLoanBook(store);
  books.set(conn, { version, book });
  // A failed read is not kept: the next question tries again.
  book.catch(() => books.delete(conn));
  return book;
}

/** Calendar dates repeat (monthly due dates): each text is parsed once per read. */
function dayParser(): (text: unknown) => number {
  const seen = new Map<string, number>();
  return (text) => {
    const t = String(text).slice(0, 10);
    let d = seen.get(t);
    if (d === undefined) {
      d = parseDayIso(t) ?? 0;
      seen.set(t, d);
    }
    return d;
  };
}

async function readLoanBook(store: MetricStore): Promise<BookLoan[]> {
  const db = store.bank.db;
  const dayOf = dayParser();
  const loans = await sql<{ id: number; branch_id: number; product_id: number; customer_id: number; currency: string; status: string; principal: number; start_date: string }>`
    select l.id, a.branch_id, l.product_id, l.customer_id, l.currency, l.status, l.principal, l.start_date
    from loans l join accounts a on a.id = l.account_id`.execute(db);
  const inst = await sql<{ loan_id: number; due_date: string; amount_due: number; amount_paid: number; paid_at: number | null }>`
    select loan_id, due_date, amount_due, amount_paid, paid_at from loan_repayments`.execute(db);
  const byId = new Map<number, BookLoan>();
  for (const l of loans.rows) {
    byId.set(Number(l.id), {
      id: Number(l.id),
      branch: String(l.branch_id),
      product: String(l.product_id),
      customer: String(l.customer_id),
      currency: l.currency,
      status: l.status,
      principal: Number(l.principal),
      startDay: dayOf(l.start_date),
      instalments: [],
    });
  }
  for (const r of inst.rows) {
    byId
      .get(Number(r.loan_id))
      ?.instalments.push({ dueDay: dayOf(r.due_date), amountDue: Number(r.amount_due), amountPaid: Number(r.amount_paid), paidAt: r.paid_at === null ? null : Number(r.paid_at) });
  }
  return [...byId.values()];
}

/**
 * Each loan granted before bank day `asOfDay` with something still owed at the start of that day.
 * An instalment counts as paid once paid (at `paid_at`, or on its due date where the history records
 * the payment without a time). Defaulted is the loan's current status: the schema keeps no date for it.
 */
/** Positions already worked out per book and day: a ratio of two book figures, or the same book asked again, reuses them. */
const positionMemo = new WeakMap<readonly BookLoan[], Map<string, LoanPosition[]>>();
/** Enough for a weekly series over several years; beyond it the oldest days are forgotten. */
const MEMO_DAYS = 600;

export function positionsAt(book: readonly BookLoan[], asOfDay: number, timeZone: string): readonly LoanPosition[] {
  let days = positionMemo.get(book);
  if (!days) positionMemo.set(book, (days = new Map()));
  const key = `${asOfDay}|${timeZone}`;
  const kept = days.get(key);
  if (kept) return kept;
  const computed = computePositions(book, asOfDay, timeZone);
  days.set(key, computed);
  if (days.size > MEMO_DAYS) {
    const oldest = days.keys().next().value;
    if (oldest !== undefined) days.delete(oldest);
  }
  return computed;
}

function computePositions(book: readonly BookLoan[], asOfDay: number, timeZone: string): LoanPosition[] {
  const asOfMs = bankDayStart(asOfDay, timeZone);
  const out: LoanPosition[] = [];
  for (const loan of book) {
    // One definition with the cache's daily loan states (main/cache/loan-states.ts): both give the same book.
    const s = loanStateAt(loan, asOfDay, asOfMs);
    if (!s) continue;
    out.push({ loan, outstanding: s.outstanding, daysPastDue: s.daysPastDue, bucket: bucketOf(s.daysPastDue), nonPerforming: s.daysPastDue >= 90 || loan.status === 'defaulted' });
  }
  return out;
}

export function positionDim(p: LoanPosition, d: Dimension): string | undefined {
  switch (d) {
    case 'branch':
      return p.loan.branch;
    case 'product':
      return p.loan.product;
    case 'currency':
      return p.loan.currency;
    case 'loan_status':
      return p.loan.status;
    case 'dpd_bucket':
      return p.bucket;
    case 'customer':
      return p.loan.customer;
    default:
      return undefined;
  }
}
