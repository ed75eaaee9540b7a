import type { TxnChannel } from './types';

/**
 * A distribution of positive amounts kept incrementally in logarithmic buckets (a quarter of a
 * doubling each, about 19 % wide): O(1) to learn, fixed memory, percentiles accurate to a bucket,
 * and the same relative resolution in every currency's own minor units (JPY or BHD alike).
 */
export class LogHistogram {
  static readonly BUCKETS = 256;
  private readonly counts = new Uint32Array(LogHistogram.BUCKETS);
  n = 0;

  static bucketOf(amount: number): number {
    if (amount <= 1) return 0;
    return Math.min(LogHistogram.BUCKETS - 1, Math.floor(Math.log2(amount) * 4));
  }

  add(amount: number): void {
    const b = LogHistogram.bucketOf(amount);
    this.counts[b] = (this.counts[b] ?? 0) + 1;
    this.n++;
  }

  /** Share of the learnt amounts strictly below `amount`'s bucket (0–1; 0 when empty). */
  rank(amount: number): number {
    if (this.n === 0) return 0;
    const b = LogHistogram.bucketOf(amount);
    let below = 0;
    for (let i = 0; i < b; i++) below += this.counts[i] ?? 0;
    return below / this.n;
  }

  /** The amount at quantile `q` (0–1): the lower edge of the bucket holding it; 0 when empty. */
  quantile(q: number): number {
    if (this.n === 0) return 0;
    const want = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < LogHistogram.BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= want) return Math.round(2 ** (i / 4));
    }
    return Math.round(2 ** ((LogHistogram.BUCKETS - 1) / 4));
  }
}

/** What an account's channel use says about it: how it mostly pays. Part of its peer group. */
export type ChannelMix = 'card' | 'online' | 'cash' | 'mixed' | 'new';

/** How often an account paid by each kind of channel: what its mix class is read from. */
export interface ChannelTally {
  cardN: number;
  onlineN: number;
  cashN: number;
  otherN: number;
}

/** Counts one more transaction on `channel`. */
export function learnChannel(c: ChannelTally, channel: TxnChannel): void {
  if (channel === 'card') c.cardN++;
  else if (channel === 'online' || channel === 'wire') c.onlineN++;
  else if (channel === 'branch' || channel === 'atm') c.cashN++;
  else c.otherN++;
}

/** The mix class once the account has a few transactions ('new' before: its peers are the other new accounts). */
export function channelMix(c: ChannelTally, minTxns = 5): ChannelMix {
  const n = c.cardN + c.onlineN + c.cashN;
  if (n < minTxns) return 'new';
  if (c.cardN / n >= 0.6) return 'card';
  if (c.onlineN / n >= 0.6) return 'online';
  if (c.cashN / n >= 0.6) return 'cash';
  return 'mixed';
}

/**
 * Channel counts on their own. An account's profile keeps the same counts in its own fields
 * (ChannelTally): a separate object per account was 56 bytes more for each of an import's 640,000.
 */
export class ChannelCounts implements ChannelTally {
  cardN = 0;
  onlineN = 0;
  cashN = 0;
  otherN = 0;

  learn(channel: TxnChannel): void {
    learnChannel(this, channel);
  }

  mix(minTxns = 5): ChannelMix {
    return channelMix(this, minTxns);
  }
}

/** One peer group's distributions: payments out and balances before them. */
export class PeerGroup {
  readonly out = new LogHistogram();
  readonly balance = new LogHistogram();
}

/** A peer group and its currency's whole population: what an account learns into and is judged by. */
export interface PeerPair {
  group: PeerGroup;
  currency: PeerGroup;
}

/**
 * Population baselines by peer group — currency, product, customer type and channel mix — so an
 * account with little history is compared with accounts like it instead of an empty profile. Every
 * group is also learnt into its currency's whole population, used while the group itself is small.
 */
export class PeerBaselines {
  private readonly groups = new Map<string, PeerGroup>();
  /** The pair per group key: one object per group, not one per account taking the key. */
  private readonly pairs = new Map<string, PeerPair>();

  constructor(
    /** Observations a group needs before its own percentiles are trusted over its currency's. */
    readonly minGroup = 200,
  ) {}

  static key(currency: string, product: number | null, customerType: string, mix: ChannelMix): string {
    return `${currency}|${product ?? '-'}|${customerType}|${mix}`;
  }

  private group(key: string): PeerGroup {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = new PeerGroup()));
    return g;
  }

  /** The group and its currency's population, created empty when new: kept by an account while its key holds. */
  pair(key: string, currency: string): PeerPair {
    let p = this.pairs.get(key);
    if (!p) this.pairs.set(key, (p = { group: this.group(key), currency: this.group(currency) }));
    return p;
  }

  /** Learns a payment out of `amount` from a balance of `balanceBefore`, in the group and in its currency. */
  learnOut(key: string, currency: string, amount: number, balanceBefore: number): void {
    PeerBaselines.learnOutIn(this.pair(key, currency), amount, balanceBefore);
  }

  static learnOutIn(pair: PeerPair, amount: number, balanceBefore: number): void {
    for (const g of [pair.group, pair.currency]) {
      g.out.add(amount);
      if (balanceBefore > 0) g.balance.add(balanceBefore);
    }
  }

  /** The group's distributions, or its currency's while the group has fewer than `minGroup` payments. */
  view(key: string, currency: string): PeerGroup | undefined {
    const g = this.groups.get(key);
    const c = this.groups.get(currency);
    if (!g) return c && c.out.n > 0 ? c : undefined;
    return this.viewOf({ group: g, currency: c ?? g });
  }

  viewOf(pair: PeerPair): PeerGroup {
    if (pair.group.out.n >= this.minGroup) return pair.group;
    return pair.currency.out.n > 0 ? pair.currency : pair.group;
  }

  get size(): number {
    return this.groups.size;
  }
}
