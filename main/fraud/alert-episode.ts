import type { FraudRuleHit } from '../../shared/fraud-explanation';
import type { Episode } from './profile';
import type { DetectedAlert } from './types';

/*
 * How an episode's evidence becomes an alert: its key, its combined score and the stored snapshot.
 * Shared by an account's own alert and a network group's alert (detector.ts, group-alerts.ts), so both
 * score and explain themselves the same way.
 */

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

/** A hit joins an episode: the strongest hit per rule is kept, and every journal any hit rests on. */
export function absorb(ep: Episode, h: FraudRuleHit): void {
  const b = ep.best.get(h.ruleId);
  if (!b || h.score >= b.score) ep.best.set(h.ruleId, h);
  for (const j of h.journalIds) ep.journalIds.add(j);
}

/** The detector's scoring settings, written into every explanation. */
export interface AlertScoring {
  alertThreshold: number;
  lookbackHours: number;
}

/** An episode's alert as stored: its hits in time order, their combined score, and why. */
export function episodeAlert(ep: Episode, subject: { accountId: number; customerId: number | null }, scoring: AlertScoring): DetectedAlert {
  const hits = [...ep.best.values()].sort((a, b) => a.at - b.at || a.ruleId.localeCompare(b.ruleId));
  const riskScore = combineScores(hits.map((h) => h.score));
  return {
    key: ep.key,
    ruleId: ep.ruleId,
    ruleVersion: ep.ruleVersion,
    accountId: subject.accountId,
    customerId: subject.customerId,
    riskScore,
    openedAt: ep.openedAt,
    journalIds: [...ep.journalIds].sort((a, b) => a - b),
    explanation: {
      version: 1,
      riskScore,
      primaryRule: ep.ruleId,
      subject: { accountId: subject.accountId, customerId: subject.customerId },
      hits,
      scoring: { method: 'noisy-or', alertThreshold: scoring.alertThreshold, lookbackHours: scoring.lookbackHours },
    },
  };
}
