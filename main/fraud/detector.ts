import type { FraudRuleHit } from '../../shared/fraud-explanation';
import { absorb, alertKey, combineScores, episodeAlert, type AlertScoring } from './alert-episode';
import { CounterpartyIndex } from './counterparties';
import { extendGroup, GroupAlerts, networkWatchFor } from './group-alerts';
import type { NetworkWatch } from './network';
import { channelMix, learnChannel, PeerBaselines, type PeerPair } from './peers';
import { AccountProfile, derive, LOAN_EARMARK_MS, type Episode, type Seen } from './profile';
import type { RuleDef, RuleId, RuleInput, RuleParams, RuleParamsMap } from './rule-def';
import { RULE_IDS, RULES, defaultParams, type RuleOverrides } from './rules';
import { passesOnCredit } from './rules-network';
import { TakeoverCashOuts } from './takeover-cashout';
import type { AccountDirectory, AlertEvent, DetectedAlert, Txn } from './types';

// Re-exported: the fraud index and callers have always found the alert key and the scoring here.
export { alertKey, combineScores } from './alert-episode';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface DetectorOptions {
  rules?: RuleOverrides;
  /** An alert opens when the combined score of an account's recent hits reaches this (0–100). */
  alertThreshold?: number;
  /** How far back an account's hits combine into one score. */
  lookbackHours?: number;
  /** An alert stays open for more evidence until this long after its last hit. */
  episodeHours?: number;
  /**
   * Since when the engine has seen every transaction (the start of the bank's history, or of the
   * warm-up): a customer not seen since is taken as last active then, or when their account opened.
   */
  historyStart?: number;
  /** Most counterparties remembered per account, and most transactions kept in its window. */
  knownPerAccount?: number;
  recentPerAccount?: number;
  /** Every rule hit as it happens, alert or not (rule statistics, tests). */
  onHit?: (hit: FraudRuleHit, txn: Txn) => void;
}

export const DEFAULT_DETECTOR = { alertThreshold: 50, lookbackHours: 48, episodeHours: 72, knownPerAccount: 1_000, recentPerAccount: 400 } as const;

type ActiveRule = { [K in RuleId]: { def: RuleDef<K>; params: RuleParamsMap[K]; version: number } }[RuleId];

/**
 * The one detection engine: feed it customer transactions in entry order and it returns the alert
 * events they cause. Pure apart from its own bounded in-memory state (per-account profiles), so the
 * overnight scan, the live monitor and backtests all run exactly this. Network group alerts
 * (group-alerts.ts) and the takeover cash-out link (takeover-cashout.ts) are its collaborators.
 */
export class Detector {
  readonly params: RuleParams;
  private readonly active: ActiveRule[];
  /** The active rules judged per transaction (the network rules run on the graph instead). */
  private readonly perTxn: ActiveRule[];
  /** Counterparties resolved once each (owner, account of the bank), not per transaction. */
  private readonly counterparties: CounterpartyIndex;

  /** Profiles by account id, created at an account's first transaction. */
  private readonly profiles = new ById<AccountProfile>();
  /** When each customer last acted (customer id; an account without a customer by minus its id). */
  private readonly lastActive = new LastActive();
  private readonly threshold: number;
  private readonly lookbackMs: number;
  /** Written into every alert's explanation. */
  private readonly scoring: AlertScoring;
  private readonly episodeMs: number;
  private readonly keepMs: number;
  private readonly historyStart: number;
  private readonly knownCap: number;
  private readonly recentCap: number;
  private readonly onHit: DetectorOptions['onHit'];
  /** Population baselines by peer group, learnt as the engine goes (cold start). */
  readonly peers = new PeerBaselines();
  /** The transaction graph between the bank's accounts (network typologies); null when both network rules are off. */
  readonly network: NetworkWatch | null;
  private readonly enabledIds: Set<RuleId>;
  /** Group alerts (one per network group); null with the graph. */
  private readonly groupAlerts: GroupAlerts | null;
  /** Accounts that just received a whole balance: their cash-out joins the sender's episode. */
  private readonly drained: TakeoverCashOuts;
  /** How many transactions were booked exactly at midnight UTC: date-only data has no time of day. */
  private timeN = 0;
  private midnightN = 0;

  constructor(
    private readonly directory: AccountDirectory,
    opts: DetectorOptions = {},
  ) {
    const params = defaultParams();
    const enabled = new Set<RuleId>(RULE_IDS);
    const versions = new Map<RuleId, number>();
    for (const id of RULE_IDS) {
      const o = opts.rules?.[id];
      if (!o) continue;
      const { enabled: on, version, ...rest } = o;
      Object.assign(params[id], rest);
      if (on === false) enabled.delete(id);
      if (version !== undefined) versions.set(id, version);
    }
    this.params = params;
    this.active = RULE_IDS.filter((id) => enabled.has(id)).map((id) => ({ def: RULES[id], params: params[id], version: versions.get(id) ?? RULES[id].version }) as ActiveRule);
    this.perTxn = this.active.filter((r) => r.def.id !== 'network_fan' && r.def.id !== 'network_chain');
    this.counterparties = new CounterpartyIndex(directory);
    this.threshold = opts.alertThreshold ?? DEFAULT_DETECTOR.alertThreshold;
    this.lookbackMs = (opts.lookbackHours ?? DEFAULT_DETECTOR.lookbackHours) * HOUR;
    this.scoring = { alertThreshold: this.threshold, lookbackHours: this.lookbackMs / HOUR };
    this.episodeMs = (opts.episodeHours ?? DEFAULT_DETECTOR.episodeHours) * HOUR;
    this.historyStart = opts.historyStart ?? 0;
    this.knownCap = opts.knownPerAccount ?? DEFAULT_DETECTOR.knownPerAccount;
    this.recentCap = opts.recentPerAccount ?? DEFAULT_DETECTOR.recentPerAccount;
    this.onHit = opts.onHit;
    this.keepMs = Math.max(HOUR, ...this.active.map((r) => windowOf(r)));
    this.enabledIds = enabled;
    this.network = networkWatchFor(params, enabled, versions, directory);
    this.groupAlerts = this.network && new GroupAlerts(this.network, directory, (id) => this.profiles.get(id)?.episode, this.episodeMs, this.scoring, this.onHit);
    this.drained = new TakeoverCashOuts(directory);
  }

  /** True once most transactions seen carry no time of day (booked at midnight UTC). */
  get coarseTime(): boolean {
    return this.timeN >= 50 && this.midnightN > this.timeN * 0.9;
  }

  /** Accounts with a profile: the engine's memory, for monitoring it. */
  get accounts(): number {
    return this.profiles.count;
  }

  /** Profile of an account, after what the engine has seen (for tests and the investigation screen later). */
  profile(accountId: number): AccountProfile | undefined {
    return this.profiles.get(accountId);
  }

  process(txn: Txn): AlertEvent[] {
    let prof = this.profiles.get(txn.accountId);
    if (!prof) {
      prof = new AccountProfile(txn.accountId, txn.customerId);
      this.profiles.set(txn.accountId, prof);
    }
    const cpText = txn.counterpartyAccount ?? txn.counterpartyName;
    const cp = cpText === null ? null : this.counterparties.of(cpText);
    const seen = derive(txn, cp, prof.known);
    const customer = txn.customerId ?? -txn.accountId;
    const account = this.directory.get(txn.accountId);
    // Transactions reach the engine only from the directory's accounts (read.ts drops the rest).
    if (!account) throw new Error(`account ${txn.accountId} is not in the detector's directory`);
    let last = this.lastActive.get(customer);
    if (Number.isNaN(last)) last = Math.max(account.openedAt, this.historyStart);
    if (prof.firstAt < 0) prof.firstAt = txn.at;
    this.timeN++;
    if (txn.at % DAY === 0) this.midnightN++;
    prof.push(seen, this.keepMs, this.recentCap);
    // The key changes only when the account's channel mix does: built once per change, not per transaction.
    const mix = channelMix(prof);
    let pair = prof.peerPair;
    if (prof.peerMix !== mix || !pair) {
      prof.peerMix = mix;
      const key = PeerBaselines.key(account.currency, account.productId ?? null, account.customerId === null ? 'none' : 'customer', mix);
      pair = prof.peerPair = this.peers.pair(key, account.currency);
    }
    const input: RuleInput = { txn, seen, prof, customerLastActive: last, currency: account.currency, peer: this.peers.viewOf(pair), coarseTime: this.coarseTime };
    let hits: FraudRuleHit[] | null = null;
    for (const r of this.perTxn) {
      const h = evaluate(r, input);
      if (h) {
        h.ruleVersion = r.version;
        (hits ??= []).push(h);
        this.onHit?.(h, txn);
      }
    }
    this.learn(prof, seen, customer, pair, txn.channel);
    const events = hits ? this.raise(prof, txn, hits) : [];
    const drain = hits?.find((h) => h.ruleId === 'takeover_drain');
    if (drain && prof.episode) this.drained.note(txn, prof, drain, cp);
    if (seen.act && seen.amount < 0) {
      const e = this.cashOut(txn, seen);
      if (e) events.push(e);
    }
    if (this.groupAlerts && cp?.account) events.push(...this.groupAlerts.observe(txn, seen, cp.account.id));
    return events;
  }

  /** Accounts were added to the directory (live monitor): counterparties resolved before may now be the bank's. */
  accountsAdded(): void {
    this.counterparties.clear();
  }

  /**
   * The receiving side of a takeover: money the drained account sent here leaves again (cash or
   * onwards) within the rule's window — added to the sender's episode, so both accounts are one alert.
   */
  private cashOut(txn: Txn, s: Seen): AlertEvent | null {
    const out = this.drained.cashOut(txn, s, this.params.takeover_drain);
    if (!out) return null;
    this.onHit?.(out.hit, txn);
    const ep = out.episode;
    ep.lastHitAt = Math.max(ep.lastHitAt, s.at);
    absorb(ep, out.hit);
    return this.extended(out.source, ep, out.hit);
  }

  /** More evidence for an episode: its own alert, or the group alert it was folded into. */
  private extended(prof: AccountProfile, ep: Episode, ...hits: FraudRuleHit[]): AlertEvent {
    if (!ep.group) return { kind: 'extend', alert: this.snapshot(prof, ep) };
    return extendGroup(ep.group, ep.lastHitAt, hits, this.scoring);
  }

  private learn(prof: AccountProfile, s: Seen, customer: number, peers: PeerPair, channel: Txn['channel']): void {
    prof.seenN++;
    if (s.act) {
      this.lastActive.set(customer, s.at);
      prof.learnHour(s.at);
      if (s.amount < 0 && !s.internal) {
        prof.learnOut(-s.amount);
        const before = s.balanceAfter - s.amount;
        PeerBaselines.learnOutIn(peers, -s.amount, before);
        if (before > 0 && s.balanceAfter >= 0 && s.balanceAfter <= before * 0.01) prof.drainedBefore = true;
        if (s.transfer && s.newCp) prof.payees++;
      }
      learnChannel(prof, channel);
    }
    if (s.cp !== null && !s.internal) prof.addKnown(s.cp, s.at, this.knownCap);
    if (s.loan && s.amount > 0) {
      const cutoff = s.at - LOAN_EARMARK_MS;
      prof.loanIn = prof.loanIn.filter((l) => l.at >= cutoff);
      prof.loanIn.push({ at: s.at, amount: s.amount });
    }
    const p = this.params.structuring;
    if (s.cash && s.amount > 0 && s.amount < p.threshold && s.amount >= p.threshold * (1 - p.margin)) {
      prof.nearThreshold = keepSince(prof.nearThreshold, s.at - p.windowDays * DAY, this.recentCap);
      prof.nearThreshold.push(s);
    }
    const m = this.params.mule_inflows;
    if (s.amount >= m.minAmount && s.newCp && s.transfer) {
      prof.largeNewIn = keepSince(prof.largeNewIn, s.at - m.windowDays * DAY, this.recentCap);
      prof.largeNewIn.push(s);
    } else if (s.amount < 0) {
      for (const c of prof.largeNewIn) if (!c.followed && passesOnCredit(c, s, m)) c.followed = true;
    }
  }

  private raise(prof: AccountProfile, txn: Txn, hits: FraudRuleHit[]): AlertEvent[] {
    const cutoff = txn.at - this.lookbackMs;
    prof.hits = prof.hits.filter((h) => h.at >= cutoff);
    for (const h of hits) prof.hits.push({ hit: h, at: txn.at });

    const ep = prof.episode;
    if (ep && txn.at - ep.lastHitAt <= this.episodeMs) {
      ep.lastHitAt = txn.at;
      for (const h of hits) absorb(ep, h);
      return [this.extended(prof, ep, ...hits)];
    }

    const best = new Map<string, FraudRuleHit>();
    for (const { hit } of prof.hits) {
      const b = best.get(hit.ruleId);
      if (!b || hit.score >= b.score) best.set(hit.ruleId, hit);
    }
    if (combineScores([...best.values()].map((h) => h.score)) < this.threshold) return [];
    const primary = [...best.values()].reduce((a, b) => (b.score > a.score ? b : a));
    const opened: Episode = {
      key: alertKey(primary.ruleId, prof.accountId, txn.id),
      ruleId: primary.ruleId,
      ruleVersion: primary.ruleVersion,
      openedAt: txn.at,
      lastHitAt: txn.at,
      best: new Map(),
      journalIds: new Set(),
    };
    for (const h of best.values()) absorb(opened, h);
    prof.episode = opened;
    // A member of a live network group: the episode opens inside the group's alert, not beside it.
    const group = this.groupAlerts?.liveGroupOf(prof.accountId, txn.at);
    if (group) {
      opened.group = group;
      return [this.extended(prof, opened, ...best.values())];
    }
    return [{ kind: 'open', alert: this.snapshot(prof, opened) }];
  }

  private snapshot(prof: AccountProfile, ep: Episode): DetectedAlert {
    return episodeAlert(ep, { accountId: prof.accountId, customerId: prof.customerId }, this.scoring);
  }
}

function windowOf(r: ActiveRule): number {
  return (r.def.windowMs as (p: ActiveRule['params']) => number)(r.params);
}

function evaluate(r: ActiveRule, input: RuleInput): FraudRuleHit | null {
  return (r.def.evaluate as (this: ActiveRule['def'], i: RuleInput, p: ActiveRule['params']) => FraudRuleHit | null).call(r.def, input, r.params);
}

/** The items at or after `from`, at most `cap - 1` of them (room for one more), in a list that takes a push. */
function keepSince(list: Seen[], from: number, cap: number): Seen[] {
  let i = 0;
  while (i < list.length && ((list[i] as Seen).at < from || list.length - i >= cap)) i++;
  // An empty list may be the profile's shared frozen one (profile.ts).
  return i || list.length === 0 ? list.slice(i) : list;
}

/** Ids below this are kept in arrays indexed by id (the bank's ids count up from 1); others in a Map. */
const DENSE_IDS = 2 ** 24;

/**
 * Values by account id: an array indexed by id, not a Map. An import's 640,000 accounts made the
 * Map's table a large object for the garbage collector to trace and each lookup a hash.
 */
class ById<T> {
  private readonly dense: (T | undefined)[] = [];
  private readonly sparse = new Map<number, T>();
  count = 0;
  get(id: number): T | undefined {
    return id >= 0 && id < DENSE_IDS && Number.isInteger(id) ? this.dense[id] : this.sparse.get(id);
  }
  set(id: number, v: T): void {
    if (this.get(id) === undefined) this.count++;
    if (id >= 0 && id < DENSE_IDS && Number.isInteger(id)) this.dense[id] = v;
    else this.sparse.set(id, v);
  }
}

/**
 * Each customer's last activity (UTC ms; NaN when not seen): customers by id, accounts without a
 * customer (keyed by minus the account id) apart, in Float64Arrays that grow by doubling. In a Map
 * every time stored was a heap number of its own: 640,000 of them on an import.
 */
class LastActive {
  private byCustomer = new Float64Array(0);
  private byAccount = new Float64Array(0);
  private readonly sparse = new Map<number, number>();
  get(key: number): number {
    const a = key >= 0 ? this.byCustomer : this.byAccount;
    const i = key >= 0 ? key : -key;
    if (i < DENSE_IDS && Number.isInteger(i)) return i < a.length ? (a[i] as number) : Number.NaN;
    return this.sparse.get(key) ?? Number.NaN;
  }
  set(key: number, at: number): void {
    const i = key >= 0 ? key : -key;
    if (!(i < DENSE_IDS && Number.isInteger(i))) {
      this.sparse.set(key, at);
      return;
    }
    let a = key >= 0 ? this.byCustomer : this.byAccount;
    if (i >= a.length) {
      const grown = new Float64Array(Math.max(1024, 2 ** Math.ceil(Math.log2(i + 1)))).fill(Number.NaN);
      grown.set(a);
      a = grown;
      if (key >= 0) this.byCustomer = a;
      else this.byAccount = a;
    }
    a[i] = at;
  }
}

/**
 * Backtest / what-if: run the engine over transactions (in entry order) and return the alerts it
 * would raise, in their final state, without storing anything.
 */
export function runDetection(txns: Iterable<Txn>, directory: AccountDirectory, opts: DetectorOptions = {}): DetectedAlert[] {
  const d = new Detector(directory, opts);
  const alerts = new Map<string, DetectedAlert>();
  for (const t of txns)
    for (const e of d.process(t)) {
      alerts.set(e.alert.key, e.alert);
      for (const k of e.absorbed ?? []) alerts.delete(k);
    }
  return [...alerts.values()];
}
