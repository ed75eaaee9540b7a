import type { Row } from '../source';
import { postingProblem, type Leg, type Posting } from './posting';
import type { WriteRow, WriteTable } from './write-tables';

/** Where the book's journal and entry rows go (a BulkWriter, or memory). The book reuses its two row objects: copy what you keep. */
export interface JournalRowTarget {
  journal(row: WriteRow<'journal'>): void;
  entry(row: WriteRow<'entries'>): void;
}

/** Straight into a bulk writer (which copies the values). */
export const writeInto = (writer: { insert<T extends WriteTable>(table: T, row: WriteRow<T>): void }): JournalRowTarget => ({
  journal: (row) => writer.insert('journal', row),
  entry: (row) => writer.insert('entries', row),
});

/**
 * Posting in bulk (the importers, the demo generator): each posting becomes one journal row and
 * its entry rows, numbered here (ids are known before anything is written, so children never wait
 * for a parent's id), with each account's running balance kept in memory from its balance before
 * the first posting. The final balances are written once at the end and equal the sum of the
 * entries. Operations on a live bank post one at a time through writeJournal instead.
 */
export class PostingBook {
  private readonly balances = new Map<number, number>();
  private nextJournal: number;
  private nextEntry: number;
  // Millions of rows: two row objects reused (targets copy the values) instead of one allocation each.
  private readonly journalRow: Row<'journal'> = {
    id: 0,
    reference: '',
    booked_at: 0,
    type: 'fee',
    channel: 'system',
    amount: 0,
    currency: '',
    description: '',
    counterparty_name: null,
    counterparty_account: null,
    idempotency_key: null,
    external_ref: null,
    status: 'posted',
    created_by: '',
  };
  private readonly entryRow: Row<'entries'> = { id: 0, journal_id: 0, account_id: 0, amount: 0, balance_after: 0, booked_at: 0 };

  constructor(
    first: { journal: number; entry: number },
    /** The journal's reference when the posting names none, from its id. */
    private readonly reference: (journalId: number) => string,
    private readonly target: JournalRowTarget,
  ) {
    this.nextJournal = first.journal;
    this.nextEntry = first.entry;
  }

  /** Starts an account at its balance before the first posting (0 for a new account). */
  open(account: number, balance = 0): void {
    if (!this.balances.has(account)) this.balances.set(account, balance);
  }

  balanceOf(account: number): number {
    const b = this.balances.get(account);
    if (b === undefined) throw new Error(`account ${account} was not opened in the posting book`);
    return b;
  }

  /**
   * Whether every account's balance stays a safe integer (within ±(2^53 − 1) minor units) after
   * these legs: beyond it a balance no longer equals the sum of its entries. Importers ask first and
   * report the row; `post` refuses regardless, before anything is emitted.
   */
  fits(legs: readonly Leg[]): boolean {
    for (const l of legs) if (!Number.isSafeInteger(this.balanceOf(l.account) + l.amount)) return false;
    return true;
  }

  /** Journals posted so far. */
  get journalCount(): number {
    return this.nextJournal - 1;
  }

  /** Books the posting at `at`, hands its rows to the target and returns the journal id. */
  post(p: Posting, at: number): number {
    const problem = postingProblem(p);
    if (problem) throw new Error(`${problem} (${p.externalRef ?? p.description})`);
    if (!this.fits(p.legs)) throw new Error(`posting ${p.externalRef ?? p.description} would take a balance beyond 2^53 − 1 minor units`);
    const id = this.nextJournal++;
    const j = this.journalRow;
    j.id = id;
    j.reference = p.reference ?? this.reference(id);
    j.booked_at = at;
    j.type = p.type;
    j.channel = p.channel;
    j.amount = p.amount;
    j.currency = p.currency;
    j.description = p.description;
    j.counterparty_name = p.counterpartyName;
    j.counterparty_account = p.counterpartyAccount;
    j.idempotency_key = p.idempotencyKey;
    j.external_ref = p.externalRef ?? null;
    j.status = p.status;
    j.created_by = p.createdBy;
    this.target.journal(j);
    const e = this.entryRow;
    for (const l of p.legs) {
      const after = this.balanceOf(l.account) + l.amount;
      this.balances.set(l.account, after);
      e.id = this.nextEntry++;
      e.journal_id = id;
      e.account_id = l.account;
      e.amount = l.amount;
      e.balance_after = after;
      e.booked_at = at;
      this.target.entry(e);
    }
    return id;
  }

  /** Every account's balance now. */
  finalBalances(): ReadonlyMap<number, number> {
    return this.balances;
  }
}
