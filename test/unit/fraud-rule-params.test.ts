import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from '../../main/fraud';
import { ruleParamIssue, ruleParamsCrossIssues, RULE_PARAM_RANGES } from '../../shared/fraud-rule-params';

describe('rule parameter ranges (one schema for the form and the server)', () => {
  it('covers every numeric parameter of every rule, and every shipped default is inside its range', () => {
    for (const id of RULE_IDS) {
      for (const [name, value] of Object.entries(RULES[id].defaults as unknown as Record<string, number | boolean>)) {
        if (typeof value !== 'number') continue;
        expect(RULE_PARAM_RANGES[name], `${id}.${name} has a range`).toBeDefined();
        expect(ruleParamIssue(name, value), `${id}.${name} = ${value}`).toBeNull();
      }
      expect(ruleParamsCrossIssues(RULES[id].defaults as unknown as Record<string, number>)).toEqual([]);
    }
  });

  it('says what is wrong: out of range, fractions where whole numbers are needed, shares above 1', () => {
    expect(ruleParamIssue('score', 101)).toMatch(/from 0 to 100/);
    expect(ruleParamIssue('maxCount', 2.5)).toMatch(/whole number/);
    expect(ruleParamIssue('drainedShare', 1.2)).toMatch(/from 0 to 1/);
    expect(ruleParamIssue('minAmount', -1)).toMatch(/0 or more/);
    expect(ruleParamIssue('minAmount', Number.NaN)).toBe('Enter a number');
    expect(ruleParamsCrossIssues({ minFee: 0.3, maxFee: 0.2 })).toEqual([{ name: 'maxFee', message: 'The largest fee cannot be below the smallest' }]);
  });
});
