import type { FraudExplanation, FraudRuleHit } from '../../shared/fraud-explanation';
import { describeMoney } from '../../shared/money';
import { CounterpartyIndex, type Counterparty } from './counterparties';
import { NETWORK_DEFAULTS, NetworkWatch, type GroupFinding } from './network';
import { PeerBaselines, type PeerPair } from './peers';
import { AccountProfile, derive, LOAN_EARMARK_MS, type Episode, type Seen } from './profile';
import type { RuleDef, RuleId, RuleInput, RuleParams, RuleParamsMap } from './rule-def';
import { RULE_IDS, RULES, defaultParams, type RuleOverrides } from './rules';
import { passesOnCredit } from './rules-network';
import type { AccountDirectory, AlertEvent, DetectedAlert, Txn } from './types';

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

/** Alert key: unique per primary rule, account and episode (the entry id of the transaction that opened it). */
export function alertKey(ruleId: string, accountId: number, openingEntryId: number): string {
  return `${ruleId}:${accountId}:${openingEntryId}`;
}

/** Independent evidence: 100 × (1 − Π(1 − score/100)), rounded. */
export function combineScores(scores: Iterable<number>): number {
  let keep = 1;
  for (const s of scores) keep *= 1 - Math.max(0, Math.min(100, s)) / 100;
  return Math.round(100 * (1 - keep));
}

type ActiveRule = { [K in RuleId]: { def: RuleDef<K>; params: RuleParamsMap[K]; version: number } }[RuleId];

/**
 * The one detection engine: feed it customer transactions in entry order and it returns the alert
 * events they cause. Pure apart from its own bounded in-memory state (per-account profiles), so the
 * overnight scan, the live monitor and backtests all run exactly this.
 */
export class Detector {
  readonly params: RuleParams;
  private readonly active: ActiveRule[];
  /** The active rules judged per transaction (the network rules run on the graph instead). */
  private readonly perTxn: ActiveRule[];
  /** Counterparties resolved once each (owner, account of the bank), not per transaction. */
  private readonly counterparties: CounterpartyIndex;

  private readonly profiles = new Map<number, AccountProfile>();
  private readonly lastActive = new Map<number, number>();
  private readonly threshold: number;
  private readonly lookbackMs: number;
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
  /** Group alerts (one per network group), by key. */
  private readonly groups = new Map<string, GroupState>();
  /** The live group each account last joined as a member: its own evidence goes to that group's alert. */
  private readonly memberOf = new Map<number, GroupState>();
  /** Accounts that just received a whole balance: their cash-out joins the sender's episode. */
  private readonly drained = new Map<number, DrainLink>();
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
    this.episodeMs = (opts.episodeHours ?? DEFAULT_DETECTOR.episodeHours) * HOUR;
    this.historyStart = opts.historyStart ?? 0;
    this.knownCap = opts.knownPerAccount ?? DEFAULT_DETECTOR.knownPerAccount;
    this.recentCap = opts.recentPerAccount ?? DEFAULT_DETECTOR.recentPerAccount;
    this.onHit = opts.onHit;
    this.keepMs = Math.max(HOUR, ...this.active.map((r) => windowOf(r)));
    this.enabledIds = enabled;
    const fan = params.network_fan;
    const chain = params.network_chain;
    this.network =
      enabled.has('network_fan') || enabled.has('network_chain')
        ? new NetworkWatch(
            {
              ...NETWORK_DEFAULTS,
              windowDays: Math.max(fan.windowDays, chain.windowDays),
              fanMin: enabled.has('network_fan') ? fan.fanMin : Number.MAX_SAFE_INTEGER,
              sameAmount: fan.sameAmount,
              fanScore: fan.score,
              chainMinHops: enabled.has('network_chain') ? chain.chainMinHops : Number.MAX_SAFE_INTEGER,
              cycleMinHops: enabled.has('network_chain') ? chain.cycleMinHops : Number.MAX_SAFE_INTEGER,
              minFee: chain.minFee,
              maxFee: chain.maxFee,
              rungTolerance: chain.rungTolerance,
              chainScore: chain.score,
            },
            (id) => this.directory.get(id)?.currency ?? 'XXX',
            { fan: versions.get('network_fan') ?? RULES.network_fan.version, chain: versions.get('network_chain') ?? RULES.network_chain.version },
          )
        : null;
  }

  /** True once most transactions seen carry no time of day (booked at midnight UTC). */
  get coarseTime(): boolean {
    return this.timeN >= 50 && this.midnightN > this.timeN * 0.9;
  }

  /** Accounts with a profile: the engine's memory, for monitoring it. */
  get accounts(): number {
    return this.profiles.size;
  }

  /** Profile of an account, after what the engine has seen (for tests and the investigation screen later). */
  profile(accountId: number): AccountProfile | undefined {
    return this.profiles.get(accountId);
  }

  process(txn: Txn): AlertEvent[] {
    let prof = this.profiles.get(txn.accountId);
    if (!prof) {
      prof = new AccountProfile(txn.accountId, txn.customerId, this.knownCap);
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
    if (last === undefined) last = Math.max(account.openedAt, this.historyStart);
    if (prof.firstAt < 0) prof.firstAt = txn.at;
    this.timeN++;
    if (txn.at % DAY === 0) this.midnightN++;
    prof.push(seen, this.keepMs, this.recentCap);
    // The key changes only when the account's channel mix does: built once per change, not per transaction.
    const mix = prof.channels.mix();
    let pair = prof.peerPair;
    if (prof.peerMix !== mix || !pair) {
      prof.peerMix = mix;
      prof.peerKey = PeerBaselines.key(account.currency, account.productId ?? null, account.customerId === null ? 'none' : 'customer', mix);
      pair = prof.peerPair = this.peers.pair(prof.peerKey, account.currency);
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
    if (drain && prof.episode) this.noteDrain(txn, prof, drain, cp);
    if (seen.act && seen.amount < 0) {
      const e = this.cashOut(txn, seen);
      if (e) events.push(e);
    }
    if (this.network && cp?.account) for (const g of this.graph(txn, seen, cp.account.id)) events.push(this.raiseGroup(g, txn));
    return events;
  }

  /** Accounts were added to the directory (live monitor): counterparties resolved before may now be the bank's. */
  accountsAdded(): void {
    this.counterparties.clear();
  }

  /** The movement as an edge of the graph: its other party is the bank's account `other`. */
  private graph(txn: Txn, s: Seen, other: number): GroupFinding[] {
    if (!this.network || s.internal || txn.channel === 'system' || txn.type === 'fee' || txn.type === 'interest') return [];
    return this.network.add({ id: txn.id, journalId: txn.journalId, a: txn.accountId, b: other, amount: Math.abs(txn.amount), at: txn.at });
  }

  /** A takeover drain to an account of the bank: watch that account's next payments out. */
  private noteDrain(txn: Txn, prof: AccountProfile, drain: FraudRuleHit, cp: Counterparty | null): void {
    const payee = cp?.account;
    const ep = prof.episode;
    if (!payee || !ep || payee.id === txn.accountId) return;
    this.drained.set(payee.id, {
      source: prof,
      sourceAccountNo: this.directory.get(txn.accountId)?.accountNo ?? '',
      episode: ep,
      at: txn.at,
      amount: -txn.amount,
      journalId: txn.journalId,
      outs: [],
      paid: 0,
      drain,
    });
    if (this.drained.size > 10_000) this.drained.delete(this.drained.keys().next().value as number);
  }

  /**
   * The receiving side of a takeover: money the drained account sent here leaves again (cash or
   * onwards) within the rule's window — added to the sender's episode, so both accounts are one alert.
   */
  private cashOut(txn: Txn, s: Seen): AlertEvent | null {
    const link = this.drained.get(txn.accountId);
    if (!link) return null;
    const p = this.params.takeover_drain;
    if (s.at - link.at > p.cashOutHours * HOUR) {
      this.drained.delete(txn.accountId);
      return null;
    }
    link.outs.push(txn.journalId);
    link.paid += -s.amount;
    if (link.paid < link.amount * p.cashOutShare) return null;
    this.drained.delete(txn.accountId);
    const receiver = this.directory.get(txn.accountId);
    const currency = receiver?.currency ?? 'XXX';
    const hours = Math.round(((s.at - link.at) / HOUR) * 10) / 10;
    const h: FraudRuleHit = {
      ruleId: 'takeover_drain',
      ruleVersion: link.drain.ruleVersion,
      title: 'Whole balance moved out, then cashed out',
      score: Math.min(100, link.drain.score + 20),
      at: s.at,
      summary: `The receiving account ${receiver?.accountNo ?? txn.accountId} passed on ${describeMoney(link.paid, currency)} of the ${describeMoney(link.amount, currency)} it received from ${link.sourceAccountNo} within ${hours} h.`,
      observed: { received: link.amount, passedOn: link.paid, hours },
      thresholds: { cashOutShare: p.cashOutShare, cashOutHours: p.cashOutHours },
      baseline: { members: `${link.source.accountId} ${txn.accountId}` },
      journalIds: [link.journalId, ...link.outs],
    };
    this.onHit?.(h, txn);
    const ep = link.episode;
    ep.lastHitAt = Math.max(ep.lastHitAt, s.at);
    absorb(ep, h);
    return this.extended(link.source, ep, h);
  }

  /** A network group's alert: one per group, growing as the group does. */
  private raiseGroup(g: GroupFinding, txn: Txn): AlertEvent {
    this.onHit?.(g.hit, txn);
    let state = this.groups.get(g.key);
    const kind = state ? 'extend' : 'open';
    if (!state) {
      const subject = this.directory.get(g.subject);
      state = {
        key: g.key,
        ruleId: g.hit.ruleId,
        ruleVersion: g.hit.ruleVersion,
        accountId: g.subject,
        customerId: subject?.customerId ?? null,
        openedAt: txn.at,
        lastHitAt: txn.at,
        best: new Map(),
        journalIds: new Set(),
        members: new Set(),
      };
      this.groups.set(g.key, state);
      if (this.groups.size > 10_000) this.groups.delete(this.groups.keys().next().value as string);
    }
    state.lastHitAt = txn.at;
    absorb(state, g.hit);
    const absorbed: string[] = [];
    for (const m of [g.subject, ...g.members]) {
      state.members.add(m);
      this.memberOf.set(m, state);
      // A member's open alert joins the group's: one alert for the group and its members.
      const ep = this.profiles.get(m)?.episode;
      if (ep && !ep.group && txn.at - ep.lastHitAt <= this.episodeMs) {
        for (const h of ep.best.values()) absorb(state, h);
        ep.group = state;
        absorbed.push(ep.key);
      }
    }
    if (this.memberOf.size > 100_000) this.memberOf.delete(this.memberOf.keys().next().value as number);
    return { kind, alert: this.groupSnapshot(state), ...(absorbed.length ? { absorbed } : {}) };
  }

  /** A group alert as stored: the group's hits and those of its members' folded episodes. */
  private groupSnapshot(state: GroupState): DetectedAlert {
    const hits = [...state.best.values()].sort((a, b) => a.at - b.at || a.ruleId.localeCompare(b.ruleId));
    const riskScore = combineScores(hits.map((h) => h.score));
    return {
      key: state.key,
      ruleId: state.ruleId,
      ruleVersion: state.ruleVersion,
      accountId: state.accountId,
      customerId: state.customerId,
      riskScore,
      openedAt: state.openedAt,
      journalIds: [...state.journalIds].sort((a, b) => a - b),
      explanation: {
        version: 1,
        riskScore,
        primaryRule: state.ruleId,
        subject: { accountId: state.accountId, customerId: state.customerId },
        hits,
        scoring: { method: 'noisy-or', alertThreshold: this.threshold, lookbackHours: this.lookbackMs / HOUR },
      },
    };
  }

  /** More evidence for an episode: its own alert, or the group alert it was folded into. */
  private extended(prof: AccountProfile, ep: Episode, ...hits: FraudRuleHit[]): AlertEvent {
    const group = ep.group as GroupState | undefined;
    if (!group) return { kind: 'extend', alert: this.snapshot(prof, ep) };
    group.lastHitAt = Math.max(group.lastHitAt, ep.lastHitAt);
    for (const h of hits) absorb(group, h);
    return { kind: 'extend', alert: this.groupSnapshot(group) };
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
      prof.channels.learn(channel);
    }
    if (s.cp !== null && !s.internal) prof.known.add(s.cp, s.at);
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
    const group = this.memberOf.get(prof.accountId);
    if (group && this.groups.get(group.key) === group && txn.at - group.lastHitAt <= this.episodeMs) {
      opened.group = group;
      return [this.extended(prof, opened, ...best.values())];
    }
    return [{ kind: 'open', alert: this.snapshot(prof, opened) }];
  }

  private snapshot(prof: AccountProfile, ep: Episode): DetectedAlert {
    const hits = [...ep.best.values()].sort((a, b) => a.at - b.at || a.ruleId.localeCompare(b.ruleId));
    const riskScore = combineScores(hits.map((h) => h.score));
    const explanation: FraudExplanation = {
      version: 1,
      riskScore,
      primaryRule: ep.ruleId,
      subject: { accountId: prof.accountId, customerId: prof.customerId },
      hits,
      scoring: { method: 'noisy-or', alertThreshold: this.threshold, lookbackHours: this.lookbackMs / HOUR },
    };
    return {
      key: ep.key,
      ruleId: ep.ruleId,
      ruleVersion: ep.ruleVersion,
      accountId: prof.accountId,
      customerId: prof.customerId,
      riskScore,
      openedAt: ep.openedAt,
      journalIds: [...ep.journalIds].sort((a, b) => a - b),
      explanation,
    };
  }
}

function windowOf(r: ActiveRule): number {
  return (r.def.windowMs as (p: ActiveRule['params']) => number)(r.params);
}

function evaluate(r: ActiveRule, input: RuleInput): FraudRuleHit | null {
  return (r.def.evaluate as (this: ActiveRule['def'], i: RuleInput, p: ActiveRule['params']) => FraudRuleHit | null).call(r.def, input, r.params);
}

/** A network group's alert state: like an account's episode, plus every member account. */
interface GroupState extends Episode {
  accountId: number;
  customerId: number | null;
  members: Set<number>;
}

/** A takeover drain waiting for the receiving account's cash-out. */
interface DrainLink {
  source: AccountProfile;
  sourceAccountNo: string;
  episode: Episode;
  at: number;
  amount: number;
  journalId: number;
  outs: number[];
  paid: number;
  drain: FraudRuleHit;
}

/** The items at or after `from`, at most `cap - 1` of them (room for one more). */
function keepSince(list: Seen[], from: number, cap: number): Seen[] {
  let i = 0;
  while (i < list.length && ((list[i] as Seen).at < from || list.length - i >= cap)) i++;
  return i ? list.slice(i) : list;
}

function absorb(ep: Episode, h: FraudRuleHit): void {
  const b = ep.best.get(h.ruleId);
  if (!b || h.score >= b.score) ep.best.set(h.ruleId, h);
  for (const j of h.journalIds) ep.journalIds.add(j);
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
