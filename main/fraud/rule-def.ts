import type { FraudRuleHit } from '../../shared/fraud-explanation';
import { describeMoney } from '../../shared/money';
import type { AccountProfile, Seen } from './profile';
import type { PeerGroup } from './peers';
import type { Txn } from './types';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** What a rule sees: the transaction, the account's profile *before* it (its window already includes it). */
export interface RuleInput {
  txn: Txn;
  seen: Seen;
  prof: AccountProfile;
  /** Last time the customer acted on any of their accounts before this transaction. */
  customerLastActive: number;
  /** The account's ISO 4217 currency: amounts in the sentences are its minor units. */
  currency: string;
  /** The account's peer group (currency, product, customer type, channel mix), or its currency's population. */
  peer?: PeerGroup | undefined;
  /** The data's timestamps carry dates only (most at midnight): rules finer than a day cannot judge it. */
  coarseTime?: boolean;
}

/** A peer distribution with enough observations to judge by. */
export const PEER_MIN = 200;
export const peerOut = (i: RuleInput): PeerGroup['out'] | null => (i.peer && i.peer.out.n >= PEER_MIN ? i.peer.out : null);
export const peerBalance = (i: RuleInput): PeerGroup['balance'] | null => (i.peer && i.peer.balance.n >= PEER_MIN ? i.peer.balance : null);

/** Every rule has a base score (its weight as evidence, 0–100); the rest is rule-specific. */
export interface BaseParams {
  score: number;
}

export interface RuleParamsMap {
  amount_spike: BaseParams & { minAmount: number; minHistory: number; zScore: number; minSd: number; peerRank: number; peerScore: number };
  velocity: BaseParams & { windowMinutes: number; maxCount: number };
  new_payee_large: BaseParams & { minAmount: number; minShareOfBalance: number; newForHours: number; minPayees: number; minHistoryDays: number; minPeerRank: number };
  account_drain: BaseParams & { windowHours: number; minPeak: number; drainedShare: number; minHistoryDays: number; minPeerBalanceRank: number };
  takeover_drain: BaseParams & { minShareOfBalance: number; minPeerBalanceRank: number; cashOutHours: number; cashOutShare: number };
  pass_through: BaseParams & { windowHours: number; minIn: number; outShare: number };
  structuring: BaseParams & { threshold: number; margin: number; windowDays: number; minCount: number };
  dormant_reactivation: BaseParams & { dormantDays: number; minAmount: number };
  mule_inflows: BaseParams & { windowDays: number; minAmount: number; minSenders: number; followHours: number; followShare: number };
  unusual_hour: BaseParams & { minHistory: number; maxShare: number; minAmount: number };
  fan_in: BaseParams & { windowHours: number; minCounterparties: number; minHistoryDays: number };
  fan_out: BaseParams & { windowHours: number; minCounterparties: number; minHistoryDays: number };
  network_fan: BaseParams & { fanMin: number; sameAmount: number; windowDays: number };
  network_chain: BaseParams & { chainMinHops: number; cycleMinHops: number; minFee: number; maxFee: number; rungTolerance: number; windowDays: number };
}
export type RuleId = keyof RuleParamsMap;

export interface RuleDef<K extends RuleId> {
  id: K;
  version: number;
  title: string;
  /** Plain language, for analysts and the rule catalogue screen. */
  description: string;
  /** The history the rule needs before it judges an account, and what it uses until then. */
  history: string;
  defaults: RuleParamsMap[K];
  /** Longest stretch of history the rule looks back over, for the window the profile keeps. */
  windowMs(p: RuleParamsMap[K]): number;
  evaluate(input: RuleInput, p: RuleParamsMap[K]): FraudRuleHit | null;
}

export type RuleCatalog = { [K in RuleId]: RuleDef<K> };
export type RuleParams = { [K in RuleId]: RuleParamsMap[K] };

/** A debit the customer made to someone else: what most rules count. */
export const paidOut = (s: Seen): boolean => s.act && s.amount < 0 && !s.internal;
/** Amounts in the sentences: the account currency's ISO 4217 decimals, the same text whichever runtime wrote it. */
export const money = describeMoney;
export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Base score, plus up to 15 for how far past the threshold the observation went. */
export function strength(base: number, ratio: number): number {
  return Math.max(0, Math.min(100, Math.round(base + 15 * Math.min(1, Math.max(0, ratio - 1)))));
}

/** The window's transactions (newest last) at or after `from`. */
export function since(recent: readonly Seen[], from: number): Seen[] {
  let i = recent.length;
  while (i > 0 && (recent[i - 1] as Seen).at >= from) i--;
  return recent.slice(i);
}

export function hit(
  def: { id: string; version: number; title: string },
  score: number,
  txn: Txn,
  summary: string,
  parts: Pick<FraudRuleHit, 'observed' | 'thresholds' | 'baseline' | 'journalIds'>,
): FraudRuleHit {
  return { ruleId: def.id, ruleVersion: def.version, title: def.title, score, at: txn.at, summary, ...parts };
}
