import type { Row } from '../source';

export type JournalType = Row<'journal'>['type'];
export type Channel = Row<'journal'>['channel'];

/** One money movement to book: the customer side and its counter-entry, signed from each account's point of view. */
export interface Posting {
  at: number;
  type: JournalType;
  channel: Channel;
  currency: string;
  description: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  externalRef: string | null;
  idempotencyKey: string | null;
  createdBy: string;
  /** The journal's unique reference; by default derived from its id. */
  reference?: string;
  /** Signed amounts per account; they must sum to zero. */
  legs: ReadonlyArray<{ account: number; amount: number }>;
}

export type Emit = (journal: Row<'journal'>, entries: Row<'entries'>[]) => void;

/**
 * The double-entry rules every import obeys: each posting is one journal whose entries sum to
 * zero, amounts are whole minor units, and each entry carries its account's running balance.
 * Balances live here in memory from the account's current balance on, so the final figures can
 * be written once at the end (and must equal the sum of the account's entries).
 */
export class PostingBook {
  private readonly balances = new Map<number, number>();
  private nextJournal: number;
  private nextEntry: number;

  constructor(
    first: { journal: number; entry: number },
    private readonly reference: (journalId: number) => string,
  ) {
    this.nextJournal = first.journal;
    this.nextEntry = first.entry;
  }

  /** Starts an account at its balance before the import (0 for a new account). */
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
  fits(legs: Posting['legs']): boolean {
    return legs.every((l) => Number.isSafeInteger(this.balanceOf(l.account) + l.amount));
  }

  /** Books the posting, hands its rows to `emit` and returns the journal id. */
  post(p: Posting, emit: Emit): number {
    let sum = 0;
    let positive = 0;
    for (const l of p.legs) {
      if (!Number.isSafeInteger(l.amount)) throw new Error(`leg amount ${l.amount} is not a whole number of minor units`);
      sum += l.amount;
      if (l.amount > 0) positive += l.amount;
    }
    if (sum !== 0 || p.legs.length < 2) throw new Error(`a posting's legs must be at least two and sum to zero (got ${sum})`);
    if (!this.fits(p.legs)) throw new Error(`posting ${p.externalRef ?? p.description} would take a balance beyond 2^53 − 1 minor units`);
    const id = this.nextJournal++;
    const entries: Row<'entries'>[] = p.legs.map((l) => {
      const balance = this.balanceOf(l.account) + l.amount;
      this.balances.set(l.account, balance);
      return { id: this.nextEntry++, journal_id: id, account_id: l.account, amount: l.amount, balance_after: balance, booked_at: p.at };
    });
    emit(
      {
        id,
        reference: p.reference ?? this.reference(id),
        booked_at: p.at,
        type: p.type,
        channel: p.channel,
        amount: positive,
        currency: p.currency,
        description: p.description,
        counterparty_name: p.counterpartyName,
        counterparty_account: p.counterpartyAccount,
        idempotency_key: p.idempotencyKey,
        external_ref: p.externalRef,
        status: 'posted',
        created_by: p.createdBy,
      },
      entries,
    );
    return id;
  }

  /** Every account's balance now. */
  finalBalances(): ReadonlyMap<number, number> {
    return this.balances;
  }
}
