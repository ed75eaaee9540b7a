import { describe, expect, it } from 'vitest';
import type { FraudRule } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { RULES, type RuleId } from '../../main/fraud';
import { validateParams } from '../../main/fraud-review';
import { formValue, saveFormSchema } from '../../renderer/src/screens/fraud/rule-values';

/** A rule as fraud.rules.list describes it, on its shipped defaults. */
function ruleOf(id: RuleId): FraudRule {
  const defaults = RULES[id].defaults as unknown as Record<string, number | boolean>;
  return {
    id,
    title: RULES[id].title,
    description: '',
    version: RULES[id].version,
    enabled: true,
    params: Object.entries(defaults).map(([name, v]) => ({ name, value: v, defaultValue: v, description: name })),
    currency: 'EUR',
    stats: { hits: 0, confirmed: 0, escalated: 0, dismissed: 0, open: 0, falsePositiveRate: null, decided: 0 },
    history: [],
  };
}

function formAccepts(rule: FraudRule, change: Record<string, number>): boolean {
  const params = Object.fromEntries(rule.params.map((p) => [p.name, formValue(p, change[p.name] ?? p.value, rule.currency)]));
  return saveFormSchema(rule).safeParse({ params, enabled: true, note: 'Checked against the server' }).success;
}

function serverAccepts(id: RuleId, change: Record<string, number>): boolean {
  try {
    validateParams(id, change);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION') return false;
    throw e;
  }
}

/** Issue 16: the rule form refuses exactly what the server refuses, before anything is sent. */
describe('the rule form validates ranges as the server does', () => {
  const cases: [RuleId, Record<string, number>][] = [
    ['velocity', { score: 150 }],
    ['velocity', { score: 100 }],
    ['velocity', { maxCount: 0 }],
    ['velocity', { maxCount: 2.5 }],
    ['velocity', { windowMinutes: 90 }],
    ['account_drain', { drainedShare: 1.2 }],
    ['account_drain', { drainedShare: 0.9 }],
    // A rank of balances, not money: the form once typed it as an amount and could not be saved.
    ['account_drain', { minPeerBalanceRank: 0.7 }],
    ['amount_spike', { zScore: 0.1 }],
    ['amount_spike', { minAmount: 250_000 }],
    ['network_chain', { minFee: 0.3 }],
    ['network_chain', { minFee: 0.1 }],
    ['structuring', { windowDays: 400 }],
  ];
  it.each(cases)('%s %j', (id, change) => {
    const server = serverAccepts(id, change);
    expect(formAccepts(ruleOf(id), change)).toBe(server);
  });
  it('refuses the out-of-range ones on both sides', () => {
    expect(cases.filter(([id, c]) => !serverAccepts(id, c)).length).toBe(7);
  });
});
