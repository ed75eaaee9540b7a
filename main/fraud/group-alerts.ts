import type { FraudRuleHit } from '../../shared/fraud-explanation';
import { absorb, episodeAlert, type AlertScoring } from './alert-episode';
import { NETWORK_DEFAULTS, NetworkWatch, type GroupFinding } from './network';
import type { Episode, Seen } from './profile';
import type { RuleId, RuleParams } from './rule-def';
import { RULES } from './rules';
import type { AccountDirectory, AlertEvent, DetectedAlert, Txn } from './types';

/*
 * The detector's collaborator for the two network rules: it owns the transaction graph between the
 * bank's accounts and the group alerts it raises (one per group, growing as the group does, with its
 * members' open episodes folded in). Kept apart from detector.ts because it has its own state and only
 * exists when a network rule is on.
 */

/** A network group's alert state: like an account's episode, plus every member account. */
interface GroupState extends Episode {
  accountId: number;
  customerId: number | null;
  members: Set<number>;
}

/** The graph the enabled network rules need, with their parameters; null when both are off. */
export function networkWatchFor(params: RuleParams, enabled: Set<RuleId>, versions: Map<RuleId, number>, directory: AccountDirectory): NetworkWatch | null {
  if (!enabled.has('network_fan') && !enabled.has('network_chain')) return null;
  const fan = params.network_fan;
  const chain = params.network_chain;
  return new NetworkWatch(
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
    (id) => directory.get(id)?.currency ?? 'XXX',
    { fan: versions.get('network_fan') ?? RULES.network_fan.version, chain: versions.get('network_chain') ?? RULES.network_chain.version },
  );
}

/** More evidence for a group alert, through a member's episode folded into it (`ep.group`). */
export function extendGroup(group: Episode, lastHitAt: number, hits: FraudRuleHit[], scoring: AlertScoring): AlertEvent {
  const state = group as GroupState;
  state.lastHitAt = Math.max(state.lastHitAt, lastHitAt);
  for (const h of hits) absorb(state, h);
  return { kind: 'extend', alert: groupAlert(state, scoring) };
}

/** A group alert as stored: the group's hits and those of its members' folded episodes. */
function groupAlert(state: GroupState, scoring: AlertScoring): DetectedAlert {
  return episodeAlert(state, { accountId: state.accountId, customerId: state.customerId }, scoring);
}

export class GroupAlerts {
  /** Group alerts (one per network group), by key. */
  private readonly groups = new Map<string, GroupState>();
  /** The live group each account last joined as a member: its own evidence goes to that group's alert. */
  private readonly memberOf = new Map<number, GroupState>();

  constructor(
    private readonly network: NetworkWatch,
    private readonly directory: AccountDirectory,
    /** An account's current episode (the detector's profiles): a member's open alert joins the group's. */
    private readonly episodeOf: (accountId: number) => Episode | null | undefined,
    private readonly episodeMs: number,
    private readonly scoring: AlertScoring,
    private readonly onHit: ((hit: FraudRuleHit, txn: Txn) => void) | undefined,
  ) {}

  /** The movement as an edge of the graph (its other party is the bank's account `other`), and the group alerts it raises. */
  observe(txn: Txn, s: Seen, other: number): AlertEvent[] {
    if (s.internal || txn.channel === 'system' || txn.type === 'fee' || txn.type === 'interest') return [];
    const found = this.network.add({ id: txn.id, journalId: txn.journalId, a: txn.accountId, b: other, amount: Math.abs(txn.amount), at: txn.at });
    return found.map((g) => this.raise(g, txn));
  }

  /** The live group the account is a member of at `at`, if any: an episode opening there opens inside it. */
  liveGroupOf(accountId: number, at: number): Episode | undefined {
    const group = this.memberOf.get(accountId);
    if (group && this.groups.get(group.key) === group && at - group.lastHitAt <= this.episodeMs) return group;
    return undefined;
  }

  /** A network group's alert: one per group, growing as the group does. */
  private raise(g: GroupFinding, txn: Txn): AlertEvent {
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
      const ep = this.episodeOf(m);
      if (ep && !ep.group && txn.at - ep.lastHitAt <= this.episodeMs) {
        for (const h of ep.best.values()) absorb(state, h);
        ep.group = state;
        absorbed.push(ep.key);
      }
    }
    if (this.memberOf.size > 100_000) this.memberOf.delete(this.memberOf.keys().next().value as number);
    return { kind, alert: groupAlert(state, this.scoring), ...(absorbed.length ? { absorbed } : {}) };
  }
}
