import type { FraudRuleHit } from '../../shared/fraud-explanation';
import type { Counterparty } from './counterparties';
import { ChannelCounts, type ChannelMix, type PeerPair } from './peers';
import type { Txn } from './types';

/** A transaction with what the engine derives from it once, kept in an account's recent window. */
export interface Seen {
  id: number;
  journalId: number;
  at: number;
  amount: number;
  balanceAfter: number;
  /** Moved by the customer (not interest, fees, loan servicing or system postings). */
  act: boolean;
  /** Between two accounts of the same customer. */
  internal: boolean;
  /** Counterparty of a transfer or payment (account number, else name); null otherwise. */
  cp: string | null;
  /** First time this account dealt with that counterparty. */
  newCp: boolean;
  /** When the account first dealt with the counterparty (this transaction's time when new). */
  cpSince: number;
  /** Transfer or payment: a movement to or from a named party (not a card purchase or cash). */
  transfer: boolean;
  cash: boolean;
  card: boolean;
  /** A loan disbursement. */
  loan: boolean;
  /** A credit soon passed on (set later, by the debit that passed it on). */
  followed: boolean;
}

/** How long a loan disbursement explains large payments out of the account (the purchase it finances). */
export const LOAN_EARMARK_MS = 30 * 86_400_000;

/**
 * The empty list every profile starts its rarely used lists with, frozen (a push would throw): the
 * detector replaces a list before adding to it. An import's 640,000 one-row accounts kept four empty
 * arrays each for the garbage collector to trace.
 */
const EMPTY: readonly never[] = Object.freeze([]);
const none = <T>(): T[] => EMPTY as unknown as T[];

/** A hit remembered on its account for the scoring lookback. */
export interface StoredHit {
  hit: FraudRuleHit;
  at: number;
}

export interface Episode {
  key: string;
  ruleId: string;
  ruleVersion: number;
  openedAt: number;
  lastHitAt: number;
  /** Strongest hit per rule. */
  best: Map<string, FraudRuleHit>;
  journalIds: Set<number>;
  /**
   * The network group alert this episode was folded into (its account is a member): the analyst
   * sees the group and its members' evidence as one alert, so later hits go there too.
   */
  group?: Episode;
}

/** Bounded "seen before" map (counterparty → first seen): the oldest keys go first once full. */
export class KnownSet {
  /** Created at the first counterparty: most accounts of a large import never have one. */
  private keys: Map<string, number> | null = null;
  constructor(private readonly cap: number) {}
  firstSeen(k: string): number | undefined {
    return this.keys?.get(k);
  }
  add(k: string, at: number): void {
    const keys = (this.keys ??= new Map());
    if (keys.has(k)) return;
    keys.set(k, at);
    if (keys.size > this.cap) {
      const first = keys.keys().next();
      if (!first.done) keys.delete(first.value);
    }
  }
  get size(): number {
    return this.keys?.size ?? 0;
  }
}

/**
 * One account's behaviour, maintained incrementally: the log-amount distribution of what the customer
 * pays out (Welford), the hours they act at, the counterparties they know, and a short window of
 * recent transactions. Bounded: the window is trimmed by time and count, the known set by count.
 */
export class AccountProfile {
  outN = 0;
  outMean = 0;
  outM2 = 0;
  /**
   * Activity by UTC hour; allocated at the first activity (imports hold millions of one-row accounts).
   * A plain array of small integers: a Uint32Array of 24 lives outside the heap, and 640,000 of them
   * (one per account of an import) cost the scan's garbage collector seconds.
   */
  hours: number[] | null = null;
  hourN = 0;
  readonly known: KnownSet;
  /** Recent transactions, oldest first, within the longest rule window. */
  recent: Seen[] = [];
  recentStart = 0;
  /** Cash deposits just under the reporting threshold (kept longer than `recent`). */
  nearThreshold: Seen[] = none();
  /** Sizeable credits from new senders (kept longer than `recent`). */
  largeNewIn: Seen[] = none();
  /** Loan disbursements received lately: money already earmarked for the purchase it finances. */
  loanIn: { at: number; amount: number }[] = none();
  hits: StoredHit[] = none();
  episode: Episode | null = null;
  /** First transaction the engine saw on the account, and how many since: its history, for cold start. */
  firstAt = -1;
  seenN = 0;
  /** Distinct counterparties the account has paid: "new payee" means something once there are a few. */
  payees = 0;
  /** The account has been emptied by a payment before: for it, doing so again is habit, not a takeover. */
  drainedBefore = false;
  readonly channels = new ChannelCounts();
  /** The account's peer group key, for its current channel mix. */
  peerMix: ChannelMix | null = null;
  peerKey = '';
  /** The peer group and its currency's population, resolved when the key changes (not per transaction). */
  peerPair: PeerPair | null = null;

  constructor(
    readonly accountId: number,
    readonly customerId: number | null,
    knownCap: number,
  ) {
    this.known = new KnownSet(knownCap);
  }

  /** True when loan money received lately covers `amount` paid out: the purchase the loan was for. */
  loanCovers(at: number, amount: number): boolean {
    let sum = 0;
    for (const l of this.loanIn) if (l.at >= at - LOAN_EARMARK_MS) sum += l.amount;
    return sum > 0 && amount <= sum * 1.1;
  }

  get outSd(): number {
    return this.outN > 1 ? Math.sqrt(this.outM2 / (this.outN - 1)) : 0;
  }

  learnOut(amount: number): void {
    const x = Math.log(amount);
    this.outN++;
    const d = x - this.outMean;
    this.outMean += d / this.outN;
    this.outM2 += d * (x - this.outMean);
  }

  learnHour(at: number): void {
    const h = hourOf(at);
    const hours = (this.hours ??= new Array<number>(24).fill(0));
    hours[h] = (hours[h] ?? 0) + 1;
    this.hourN++;
  }

  /** Share of the customer's past activity within ±1 hour of `at`'s hour. */
  hourShare(at: number): number {
    const hours = this.hours;
    if (this.hourN === 0 || !hours) return 0;
    const h = hourOf(at);
    const n = (hours[(h + 23) % 24] ?? 0) + (hours[h] ?? 0) + (hours[(h + 1) % 24] ?? 0);
    return n / this.hourN;
  }

  /**
   * Appends to the window and forgets what fell out of it. The array is compacted only now and then:
   * `recentStart` marks its first live item, so trimming costs nothing per transaction.
   */
  push(s: Seen, keepMs: number, keepCount: number): void {
    const r = this.recent;
    r.push(s);
    const cutoff = s.at - keepMs;
    let i = this.recentStart;
    while (i < r.length && ((r[i] as Seen).at < cutoff || r.length - i > keepCount)) i++;
    if (i > 64 && i * 2 > r.length) {
      this.recent = r.slice(i);
      i = 0;
    }
    this.recentStart = i;
  }

  /** Index of the first window item booked at or after `from`. */
  firstSince(from: number): number {
    const r = this.recent;
    let i = r.length;
    while (i > this.recentStart && (r[i - 1] as Seen).at >= from) i--;
    return i;
  }
}

/** UTC hour of day. */
export function hourOf(at: number): number {
  return Math.floor(at / 3_600_000) % 24;
}

/** Days of history the account has in the engine's view before `at`. */
export function historyDays(prof: AccountProfile, at: number): number {
  return prof.firstAt < 0 ? 0 : (at - prof.firstAt) / 86_400_000;
}

/**
 * What the engine derives from a transaction once. `counterparty` is the transaction's other party
 * (account number, else name) already resolved by the Detector's CounterpartyIndex, or null.
 */
export function derive(t: Txn, counterparty: Counterparty | null, known: KnownSet): Seen {
  const system = t.channel === 'system' || t.type === 'interest' || t.type === 'fee' || t.type === 'loan_disbursement' || t.type === 'loan_repayment';
  const transfer = t.type === 'transfer' || t.type === 'payment';
  // Counterparties matter for transfers and payments only (card merchants are not payees).
  const cp = transfer && counterparty ? counterparty.key : null;
  // Own accounts: the counterparty is an account number (not a name) owned by the same customer.
  const internal = cp !== null && t.counterpartyAccount !== null && t.customerId !== null && counterparty?.owner === t.customerId;
  const first = cp === null || internal ? undefined : known.firstSeen(cp);
  return {
    id: t.id,
    journalId: t.journalId,
    at: t.at,
    amount: t.amount,
    balanceAfter: t.balanceAfter,
    act: !system && (t.amount < 0 || t.type === 'deposit'),
    internal,
    cp,
    newCp: cp !== null && !internal && first === undefined,
    cpSince: first ?? t.at,
    transfer,
    cash: t.type === 'deposit' || t.type === 'withdrawal',
    card: t.type === 'card',
    loan: t.type === 'loan_disbursement',
    followed: false,
  };
}
