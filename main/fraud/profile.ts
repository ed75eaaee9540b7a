import type { FraudRuleHit } from '../../shared/fraud-explanation';
import type { Counterparty } from './counterparties';
import type { ChannelMix, ChannelTally, PeerPair } from './peers';
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

/**
 * Bounded "seen before" map (counterparty → first seen): the oldest keys go first once full. The first
 * counterparty is kept in two fields and a Map made only at the second: most accounts of an import
 * deal with one party, and an empty-ish Map is a hash table of its own for each of them.
 */
export class KnownSet {
  private one: string | null = null;
  private oneAt = 0;
  private keys: Map<string, number> | null = null;
  constructor(private readonly cap: number) {}
  firstSeen(k: string): number | undefined {
    if (this.keys) return this.keys.get(k);
    return this.one === k ? this.oneAt : undefined;
  }
  add(k: string, at: number): void {
    if (this.keys === null) {
      if (this.one === k) return;
      if (this.one === null && this.cap >= 1) {
        this.one = k;
        this.oneAt = at;
        return;
      }
      this.keys = new Map();
      if (this.one !== null) this.keys.set(this.one, this.oneAt);
      this.one = null;
    }
    const keys = this.keys;
    if (keys.has(k)) return;
    keys.set(k, at);
    if (keys.size > this.cap) {
      const first = keys.keys().next();
      if (!first.done) keys.delete(first.value);
    }
  }
  get size(): number {
    return this.keys ? this.keys.size : this.one === null ? 0 : 1;
  }
}

/** The known set of an account that has not dealt with any counterparty yet: never added to. */
const NO_KNOWN = new KnownSet(0);

/**
 * One account's behaviour, maintained incrementally: the log-amount distribution of what the customer
 * pays out (Welford), the hours they act at, the counterparties they know, and a short window of
 * recent transactions. Bounded: the window is trimmed by time and count, the known set by count.
 */
export class AccountProfile implements ChannelTally {
  outN = 0;
  /**
   * Log-amount mean and sum of squares, fractional once an account pays twice. Started at -0, which V8
   * stores as a double (0 would be a small integer): the first fractional value would otherwise change
   * the field's representation for every profile at once, 400,000 rows into an import, and each older
   * profile's lazy migration reset the engine's tiering until the scan ended (a third slower).
   */
  outMean = -0;
  outM2 = -0;
  /**
   * Activity by UTC hour, allocated at the second activity: until then `firstHour` holds the one
   * hour (an import's accounts mostly act once, and 24 slots each were 140 MB of its scan's heap).
   * A plain array of small integers: a Uint32Array of 24 lives outside the heap, and 640,000 of them
   * (one per account of an import) cost the scan's garbage collector seconds.
   */
  hours: number[] | null = null;
  firstHour = -1;
  hourN = 0;
  /** Counterparties the account has dealt with; made at the first one (addKnown). */
  private knownSet: KnownSet | null = null;
  /** Recent transactions, oldest first, within the longest rule window (see push). */
  recent: Seen[] = none();
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
  /** Its channel counts (ChannelTally), kept here rather than in an object of their own. */
  cardN = 0;
  onlineN = 0;
  cashN = 0;
  otherN = 0;
  /** The channel mix the account's peer group was chosen for. */
  peerMix: ChannelMix | null = null;
  /** The peer group and its currency's population, resolved when the key changes (not per transaction). */
  peerPair: PeerPair | null = null;

  constructor(
    readonly accountId: number,
    readonly customerId: number | null,
  ) {}

  /** The counterparties the account has dealt with (an empty set before the first). */
  get known(): KnownSet {
    return this.knownSet ?? NO_KNOWN;
  }

  /** Remembers a counterparty (at most `cap` of them, the oldest forgotten first). */
  addKnown(k: string, at: number, cap: number): void {
    (this.knownSet ??= new KnownSet(cap)).add(k, at);
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
    this.hourN++;
    if (this.hourN === 1) {
      this.firstHour = h;
      return;
    }
    let hours = this.hours;
    if (!hours) {
      hours = this.hours = new Array<number>(24).fill(0);
      hours[this.firstHour] = 1;
    }
    hours[h] = (hours[h] ?? 0) + 1;
  }

  /** Share of the customer's past activity within ±1 hour of `at`'s hour. */
  hourShare(at: number): number {
    if (this.hourN === 0) return 0;
    const h = hourOf(at);
    const hours = this.hours;
    if (!hours) {
      const d = (this.firstHour - h + 24) % 24;
      return d <= 1 || d === 23 ? 1 : 0;
    }
    const n = (hours[(h + 23) % 24] ?? 0) + (hours[h] ?? 0) + (hours[(h + 1) % 24] ?? 0);
    return n / this.hourN;
  }

  /**
   * Appends to the window and forgets what fell out of it. The array is compacted only now and then:
   * `recentStart` marks its first live item, so trimming costs nothing per transaction.
   */
  push(s: Seen, keepMs: number, keepCount: number): void {
    let r = this.recent;
    // The first two items as arrays of exactly their size (the shared empty list is frozen): a push
    // grows an array to 17 slots, and most accounts of an import see one or two transactions.
    if (r.length === 0) r = this.recent = [s];
    else if (r.length === 1) r = this.recent = [r[0] as Seen, s];
    else r.push(s);
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
