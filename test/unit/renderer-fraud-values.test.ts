import { describe, expect, it } from 'vitest';
import type { FraudRule } from '../../shared/contract';
import {
  activeFilterCount,
  amountFilterProblems,
  DEFAULT_QUEUE_FILTERS,
  figureKeys,
  figureLabel,
  formatAge,
  formatFigure,
  formatRate,
  humanizeRuleId,
  isMoneyFigure,
  riskColor,
  slaLevel,
  stepIndex,
  toAlertFilter,
} from '../../renderer/src/screens/fraud/fraud-values';
import { apiParams, catchRate, changedParams, paramDescription, paramValues, saveFormSchema, signedDelta } from '../../renderer/src/screens/fraud/rule-values';
import { sarFileName, sarText, type SarDraft } from '../../renderer/src/screens/fraud/sar-text';
import { niceCeil, timelineCounts, timelineGroup } from '../../renderer/src/screens/fraud/timeline-option';

const HOUR = 3_600_000;

describe('queue cursor', () => {
  it('steps the cursor inside the list', () => {
    expect(stepIndex(0, 1, 10)).toBe(1);
    expect(stepIndex(9, 1, 10)).toBe(9);
    expect(stepIndex(0, -1, 10)).toBe(0);
    expect(stepIndex(-1, 1, 10)).toBe(0);
    expect(stepIndex(3, 1, 0)).toBe(-1);
  });
});

describe('SLA and risk', () => {
  it('turns amber after 4 h and red after 24 h', () => {
    expect(slaLevel(4 * HOUR - 1)).toBe('ok');
    expect(slaLevel(4 * HOUR)).toBe('warn');
    expect(slaLevel(24 * HOUR - 1)).toBe('warn');
    expect(slaLevel(24 * HOUR)).toBe('breach');
  });

  it('formats waiting time in minutes, hours and days', () => {
    expect(formatAge(59_000)).toBe('0 min');
    expect(formatAge(12 * 60_000)).toBe('12 min');
    expect(formatAge(3 * HOUR)).toBe('3 h');
    expect(formatAge(3 * HOUR + 20 * 60_000)).toBe('3 h 20 min');
    expect(formatAge(52 * HOUR)).toBe('2 d 4 h');
    expect(formatAge(-5)).toBe('0 min');
  });

  it('colours risk by band', () => {
    expect(riskColor(96)).toBe('red');
    expect(riskColor(80)).toBe('red');
    expect(riskColor(79)).toBe('orange');
    expect(riskColor(45)).toBe('yellow');
    expect(riskColor(10)).toBe('gray');
  });
});

describe('queue filters', () => {
  it('sends only what differs from "anyone, any amount", amounts in minor units of the chosen currency', () => {
    expect(toAlertFilter(DEFAULT_QUEUE_FILTERS)).toEqual({ status: ['new', 'in_review'] });
    expect(toAlertFilter({ ...DEFAULT_QUEUE_FILTERS, assignee: 'me', currency: 'EUR', minAmount: '1000.5', maxAmount: '0', ruleId: 'velocity', branchId: 7 })).toEqual({
      status: ['new', 'in_review'],
      assignee: 'me',
      currency: 'EUR',
      minAmount: 100_050,
      maxAmount: 0,
      ruleId: 'velocity',
      branchId: 7,
    });
    // The shared parser and the ISO table: no float scaling, HUF has 2 decimals, JPY none, BHD 3.
    expect(toAlertFilter({ ...DEFAULT_QUEUE_FILTERS, currency: 'HUF', minAmount: '1 000,50' }).minAmount).toBe(100_050);
    expect(toAlertFilter({ ...DEFAULT_QUEUE_FILTERS, currency: 'JPY', minAmount: '150000', maxAmount: '1,500,000' })).toMatchObject({ minAmount: 150_000, maxAmount: 1_500_000 });
    expect(toAlertFilter({ ...DEFAULT_QUEUE_FILTERS, currency: 'BHD', minAmount: '1.25' }).minAmount).toBe(1_250);
    expect(toAlertFilter({ ...DEFAULT_QUEUE_FILTERS, currency: 'EUR', minAmount: '0.29' }).minAmount).toBe(29);
    // A range without a currency, or in more decimals than it has, is shown as a problem and not sent.
    expect(amountFilterProblems({ ...DEFAULT_QUEUE_FILTERS, minAmount: '10' })).toEqual({ minAmount: 'Choose the currency first' });
    expect(amountFilterProblems({ ...DEFAULT_QUEUE_FILTERS, currency: 'JPY', maxAmount: '10.5' }).maxAmount).toMatch(/JPY has no decimals/);
    expect(toAlertFilter({ ...DEFAULT_QUEUE_FILTERS, currency: 'JPY', maxAmount: '10.5' }).maxAmount).toBeUndefined();
    expect(toAlertFilter({ ...DEFAULT_QUEUE_FILTERS, minAmount: '10' }).minAmount).toBeUndefined();
    // No status chosen means the open ones, never "nothing".
    expect(toAlertFilter({ ...DEFAULT_QUEUE_FILTERS, status: [] }).status).toEqual(['new', 'in_review']);
  });

  it('counts active filters for the reset button', () => {
    expect(activeFilterCount(DEFAULT_QUEUE_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_QUEUE_FILTERS, status: ['in_review', 'new'] })).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_QUEUE_FILTERS, status: ['confirmed'], assignee: 'unassigned', minAmount: '5' })).toBe(3);
  });
});

describe('explanation figures', () => {
  it('shows money in the alert currency, shares as percents, instants as dates, counts grouped', () => {
    expect(isMoneyFigure('paidOut')).toBe(true);
    expect(isMoneyFigure('minShareOfBalance')).toBe(false);
    expect(isMoneyFigure('count')).toBe(false);
    expect(formatFigure('amount', 1_234_550, 'EUR', 'en-US').replace(/\s/g, ' ')).toBe('EUR 12,345.50');
    expect(formatFigure('drainedShare', 0.93, 'EUR', 'en-US')).toBe('93%');
    expect(formatFigure('windowHours', 48, 'EUR', 'en-US')).toBe('48');
    expect(formatFigure('count', 12_345, 'EUR', 'en-US')).toBe('12,345');
    expect(formatFigure('payee', 'CZ65 0800', 'EUR')).toBe('CZ65 0800');
    expect(formatFigure('lastActive', '2025-03-01T10:00:00.000Z', null, 'en-US')).toMatch(/2025/);
    expect(formatFigure('x', undefined, null)).toBe('—');
  });

  it('labels camelCase and snake_case names and lists every figure once', () => {
    expect(figureLabel('minShareOfBalance')).toBe('Min share of balance');
    expect(figureLabel('window_hours')).toBe('Window hours');
    expect(humanizeRuleId('new_payee_large')).toBe('New payee large');
    expect(figureKeys({ amount: 1, zScore: 2 }, { zScore: 3, minAmount: 4 }, { typicalAmount: 5 })).toEqual(['amount', 'zScore', 'minAmount', 'typicalAmount']);
    expect(figureKeys({ count: 1 }, { maxCount: 2 }, null)).toEqual(['count', 'maxCount']);
  });

  it('shows the false-positive rate as a percent, or a dash without dispositions', () => {
    expect(formatRate(0.256, 'en-US')).toBe('26%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('timeline', () => {
  const t = (amount: number, flagged = false, confirmedFraud = false) => ({ amount, flagged, confirmedFraud });
  it('puts confirmed fraud and flagged evidence in their own series, the rest by direction', () => {
    expect(timelineGroup(t(-500, true, true))).toBe('confirmed');
    expect(timelineGroup(t(-500, true))).toBe('flagged');
    expect(timelineGroup(t(500))).toBe('in');
    expect(timelineGroup(t(-500))).toBe('out');
  });

  it('rounds an axis end up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(1.2)).toBe(2);
    expect(niceCeil(4_100)).toBe(5_000);
    expect(niceCeil(6_000)).toBe(10_000);
  });

  it('counts the groups', () => {
    const row = (amount: number, flagged: boolean) => ({
      journalId: 1,
      reference: 'TX1',
      externalRef: null,
      bookedAt: 0,
      type: 'transfer',
      channel: 'online',
      description: '',
      counterpartyName: null,
      counterpartyAccount: null,
      amount,
      currency: 'EUR',
      balanceAfter: 0,
      flagged,
      confirmedFraud: false,
    });
    expect(timelineCounts([row(5, false), row(-5, true), row(-1, false)])).toEqual({ confirmed: 0, flagged: 1, in: 1, out: 1 });
  });
});

describe('rules', () => {
  const rule: FraudRule = {
    id: 'velocity',
    title: 'Velocity',
    description: 'Many transactions in a short window.',
    version: 3,
    enabled: true,
    params: [
      { name: 'maxCount', value: 8, defaultValue: 8, description: 'Most transactions allowed' },
      { name: 'windowMinutes', value: 60, defaultValue: 60, description: 'Window' },
      { name: 'cardOnly', value: false, defaultValue: false, description: 'Only card transactions' },
    ],
    currency: 'EUR',
    stats: { hits: 10, confirmed: 2, escalated: 0, dismissed: 6, open: 2, falsePositiveRate: 0.75, decided: 8 },
    history: [],
  };

  it('knows which parameters changed', () => {
    expect(paramValues(rule)).toEqual({ maxCount: 8, windowMinutes: 60, cardOnly: false });
    expect(changedParams(rule, { maxCount: 8, windowMinutes: 60, cardOnly: false })).toEqual([]);
    expect(changedParams(rule, { maxCount: 6, windowMinutes: 60, cardOnly: true })).toEqual(['maxCount', 'cardOnly']);
  });

  it('validates the save form: numbers, booleans and a note of at least 5 characters', () => {
    const schema = saveFormSchema(rule);
    expect(schema.safeParse({ params: { maxCount: 6, windowMinutes: 30, cardOnly: true }, enabled: true, note: 'Tighter window after review' }).success).toBe(true);
    expect(schema.safeParse({ params: { maxCount: Number.NaN, windowMinutes: 30, cardOnly: true }, enabled: true, note: 'Tighter window' }).success).toBe(false);
    expect(schema.safeParse({ params: { maxCount: -1, windowMinutes: 30, cardOnly: true }, enabled: true, note: 'Tighter window' }).success).toBe(false);
    expect(schema.safeParse({ params: { maxCount: 6, windowMinutes: 30, cardOnly: true }, enabled: true, note: 'ok' }).success).toBe(false);
  });

  it('shows backtest deltas with their sign and catch rates', () => {
    expect(signedDelta(10, 14, 'en-US')).toBe('+4');
    expect(signedDelta(10, 7, 'en-US')).toBe('−3');
    expect(signedDelta(10, 10, 'en-US')).toBe('±0');
    expect(catchRate(9, 10, 'en-US')).toBe('90%');
    expect(catchRate(0, 0)).toBe('—');
  });
});

describe('SAR draft text', () => {
  const draft: SarDraft = {
    title: 'Suspicious activity report — alert #7',
    subject: { name: 'Jana Nováková', customerNo: 'CB0000172', dateOfBirth: '1980-04-02', nationalId: '800402/1234', address: 'Dlouhá 5, Praha' },
    accounts: ['CZ7120260000001094001649'],
    transactions: [
      {
        journalId: 1,
        reference: 'TX0000028965',
        externalRef: 'EXT-9',
        bookedAt: Date.UTC(2025, 10, 16, 12),
        type: 'deposit',
        channel: 'branch',
        description: 'Cash',
        counterpartyName: null,
        counterpartyAccount: null,
        amount: 959_500,
        currency: 'EUR',
        balanceAfter: 1_000_000,
        flagged: true,
        confirmedFraud: false,
      },
    ],
    totalAmount: 959_500,
    currency: 'EUR',
    period: { from: Date.UTC(2025, 10, 16), to: Date.UTC(2025, 10, 23) },
    narrative: 'Pre-filled.',
  };

  it('carries the facts and the edited narrative', () => {
    const text = sarText(draft, 'Four cash deposits just under the threshold.', 'Adam Fischer', Date.UTC(2025, 10, 25));
    expect(text).toContain('Jana Nováková');
    expect(text).toContain('CB0000172');
    expect(text).toContain('CZ7120260000001094001649');
    expect(text).toContain('TX0000028965');
    expect(text).toContain('ext EXT-9');
    expect(text).toContain('Four cash deposits just under the threshold.');
    expect(text).not.toContain('Pre-filled.');
    expect(text).toContain('Prepared by: Adam Fischer');
    expect(sarFileName(7, new Date(2025, 10, 25, 12).getTime())).toBe('sar-draft-alert-7-2025-11-25.txt');
  });
});

describe('money parameters', () => {
  const rule: FraudRule = {
    id: 'structuring',
    title: 'Structuring',
    description: '',
    version: 1,
    enabled: true,
    params: [
      { name: 'threshold', value: 1_000_000, defaultValue: 1_000_000, description: 'Reporting threshold' },
      { name: 'margin', value: 0.1, defaultValue: 0.1, description: 'How far under' },
    ],
    currency: 'EUR',
    stats: { hits: 0, confirmed: 0, escalated: 0, dismissed: 0, open: 0, falsePositiveRate: null, decided: 0 },
    history: [],
  };
  it('are typed in major units of the display currency and sent in minor units, by the shared parser', () => {
    expect(paramValues(rule)).toEqual({ threshold: '10000.00', margin: 0.1 });
    expect(apiParams(rule, { threshold: '9500.5', margin: 0.2 })).toEqual({ threshold: 950_050, margin: 0.2 });
    expect(apiParams(rule, { threshold: '0.29', margin: 0.2 })).toEqual({ threshold: 29, margin: 0.2 });
    expect(changedParams(rule, { threshold: '10 000,00', margin: 0.1 })).toEqual([]);
    expect(changedParams(rule, { threshold: '9000', margin: 0.1 })).toEqual(['threshold']);
    expect(changedParams(rule, { threshold: '9000.', margin: 0.1 })).toEqual(['threshold']);
  });

  it('use the ISO decimals of a bank whose base currency is JPY, HUF or BHD', () => {
    const jpy = { ...rule, currency: 'JPY' };
    expect(paramValues(jpy)).toEqual({ threshold: '1000000', margin: 0.1 });
    expect(apiParams(jpy, { threshold: '950000', margin: 0.1 }).threshold).toBe(950_000);
    expect(saveFormSchema(jpy).safeParse({ params: { threshold: '9500.5', margin: 0.1 }, enabled: true, note: 'Lower threshold' }).success).toBe(false);
    expect(paramValues({ ...rule, currency: 'HUF' }).threshold).toBe('10000.00');
    expect(paramValues({ ...rule, currency: 'BHD' }).threshold).toBe('1000.000');
    expect(saveFormSchema(rule).safeParse({ params: { threshold: '0', margin: 0.1 }, enabled: true, note: 'Every deposit' }).success).toBe(true);
  });
});

describe('parameter descriptions', () => {
  it('say money is typed in the display currency, not minor units', () => {
    expect(paramDescription({ name: 'minAmount', defaultValue: 100_000, description: 'Min amount (minor units).' }, 'EUR')).toBe(
      'Min amount. In EUR, e.g. 1,000.00 EUR; accounts in other currencies compare the same number of minor units.',
    );
    expect(paramDescription({ name: 'minAmount', defaultValue: 100_000, description: 'Min amount (minor units).' }, 'JPY')).toMatch(/e\.g\. 100,000 JPY/);
    expect(paramDescription({ name: 'windowHours', defaultValue: 24, description: 'Look-back window' }, 'EUR')).toBe('Look-back window');
  });
});
