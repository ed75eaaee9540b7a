import { z } from 'zod';

/**
 * Why a fraud alert was raised: stored as JSON in `fraud_alerts.explanation`, read by the API and
 * the investigation screen. Every number is what the rule saw (observed), the limit it applied
 * (thresholds) and the customer's own normal it compared with (baseline), so an analyst can judge
 * the alert without re-running the rule. Money is integer minor units; instants are UTC epoch ms.
 */

const figures = z.record(z.string(), z.union([z.number(), z.string()]));

export const fraudRuleHitSchema = z.object({
  ruleId: z.string(),
  ruleVersion: z.number().int().positive(),
  /** The rule's plain-language title, e.g. "Account drained". */
  title: z.string(),
  /** This hit's own contribution to the risk score, 0–100. */
  score: z.number().int().min(0).max(100),
  /** When the transaction that triggered the hit was booked. */
  at: z.number().int(),
  /** One sentence with the figures filled in. */
  summary: z.string(),
  observed: figures,
  thresholds: figures,
  /** The customer's own normal the observation was compared with; null when the rule has no baseline. */
  baseline: figures.nullable(),
  /** The journal transactions this hit rests on. */
  journalIds: z.array(z.number().int()),
});
export type FraudRuleHit = z.infer<typeof fraudRuleHitSchema>;

export const fraudExplanationSchema = z.object({
  version: z.literal(1),
  /** 0–100; the rules' scores combined as independent evidence: 100 × (1 − Π(1 − score/100)). */
  riskScore: z.number().int().min(0).max(100),
  /** The rule with the highest score: the alert's `rule_id`. */
  primaryRule: z.string(),
  subject: z.object({ accountId: z.number().int(), customerId: z.number().int().nullable() }),
  /** Hits combined into this alert, oldest first (at most one per rule: the strongest). */
  hits: z.array(fraudRuleHitSchema).min(1),
  scoring: z.object({ method: z.literal('noisy-or'), alertThreshold: z.number(), lookbackHours: z.number() }),
});
export type FraudExplanation = z.infer<typeof fraudExplanationSchema>;

export const FRAUD_ALERT_STATUSES = ['new', 'in_review', 'confirmed', 'dismissed', 'escalated'] as const;
export type FraudAlertStatus = (typeof FRAUD_ALERT_STATUSES)[number];

/**
 * The one reader of a stored `fraud_alerts.explanation`: the parsed explanation, or null when the
 * text is not one this version can read (damaged, or written by a newer version).
 */
export function readFraudExplanation(text: string): FraudExplanation | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = fraudExplanationSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Every rule that contributed to an alert, strongest first; the alert's own rule when the explanation cannot be read. */
export function contributingRules(explanation: FraudExplanation | null, primaryRule: string): string[] {
  if (!explanation) return [primaryRule];
  const ids = [...explanation.hits].sort((a, b) => b.score - a.score).map((h) => h.ruleId);
  return [...new Set(ids)];
}
