import type { Row } from '../source';

export type JournalType = Row<'journal'>['type'];
export type Channel = Row<'journal'>['channel'];
export type JournalStatus = Row<'journal'>['status'];

/** One side of a posting, signed from its account's point of view. */
export interface Leg {
  account: number;
  amount: number;
}

/**
 * A movement to post: one journal and its legs. The one shape every writer of money uses — the
 * banking operations (writeJournal, one at a time under row locks), the importers and the demo
 * generator (PostingBook, in bulk) — so the double-entry rules are written once, in checkPosting.
 */
export interface Posting {
  type: JournalType;
  channel: Channel;
  /** The size of the movement: the sum of the positive legs. */
  amount: number;
  currency: string;
  description: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  /** The source system's id of a movement brought in from elsewhere (an import's transaction id). */
  externalRef?: string | null;
  idempotencyKey: string | null;
  status: JournalStatus;
  createdBy: string;
  /** The journal's unique reference; by default the writer makes one (newReference, or the book's numbering). */
  reference?: string;
  /** Signed from each account's point of view; they sum to zero. */
  legs: readonly Leg[];
}

/**
 * What breaks the double-entry rules in a posting, or null when it keeps them: at least two legs,
 * each a non-zero whole number of minor units on a different account, summing to zero, and the
 * journal's amount equal to what moves (the sum of the positive legs).
 */
export function postingProblem(p: Pick<Posting, 'amount' | 'legs'>): string | null {
  if (p.legs.length < 2) return 'A posting needs at least two legs';
  let sum = 0;
  let moved = 0;
  // Millions of postings in bulk, two or three legs each: a pairwise look allocates nothing.
  for (let i = 0; i < p.legs.length; i++) {
    const l = p.legs[i] as Leg;
    if (!Number.isSafeInteger(l.amount) || l.amount === 0) return `Leg amount must be a non-zero whole number of minor units, got ${l.amount}`;
    for (let k = 0; k < i; k++) if ((p.legs[k] as Leg).account === l.account) return `Account ${l.account} appears twice in one posting`;
    sum += l.amount;
    if (l.amount > 0) moved += l.amount;
  }
  if (sum !== 0) return `Posting does not balance: legs sum to ${sum}`;
  if (p.amount !== moved) return `Journal amount ${p.amount} differs from the ${moved} its legs move`;
  return null;
}

/** The double-entry invariants, checked before anything is written. */
export function checkPosting(p: Pick<Posting, 'amount' | 'legs'>): void {
  const problem = postingProblem(p);
  if (problem) throw new Error(problem);
}
