import { describe, expect, it } from 'vitest';
import { auditDetailPairs, auditDetailSummary } from '../../renderer/src/screens/audit/audit-details';

/** Issue 16: the audit log showed "amount: 20000" for EUR 200.00. */
describe('audit details: money in its currency', () => {
  it('says an operation’s amount and its legs in the entry’s currency', () => {
    const details = { amount: 20_000, currency: 'EUR', status: 'posted', accounts: [{ accountNo: 'CZ65', amount: -20_000 }] };
    expect(auditDetailSummary(details)).toBe('amount: 200.00 EUR · currency: EUR · status: posted · accounts: [{ accountNo: CZ65, amount: -200.00 EUR }]');
  });

  it('uses the currency’s ISO decimals and thousands separators', () => {
    expect(auditDetailSummary({ initialDeposit: 1_500_000, currency: 'JPY' })).toBe('initialDeposit: 1,500,000 JPY · currency: JPY');
    expect(auditDetailSummary({ threshold: 1_500_000, currency: 'EUR' })).toBe('threshold: 15,000.00 EUR · currency: EUR');
  });

  it('leaves a number alone when no currency says what it is, and non-money keys as they are', () => {
    expect(auditDetailSummary({ amount: 20_000 })).toBe('amount: 20000');
    expect(auditDetailSummary({ amount: 5, currency: 'XYZ' })).toBe('amount: 5 · currency: XYZ');
    expect(auditDetailSummary({ ids: [1, 2], reviewed: 2, offline: true })).toBe('ids: [1, 2] · reviewed: 2 · offline: true');
  });

  it('says a rule change’s money parameters (threshold, minAmount) in the entry’s currency, other parameters as numbers', () => {
    const details = {
      changes: [
        { name: 'threshold', before: 1_500_000, after: 2_000_000 },
        { name: 'maxCount', before: 8, after: 12 },
      ],
      currency: 'EUR',
    };
    expect(auditDetailSummary(details)).toBe(
      'changes: [{ name: threshold, before: 15,000.00 EUR, after: 20,000.00 EUR }, { name: maxCount, before: 8, after: 12 }] · currency: EUR',
    );
  });

  it('lists every pair for the expanded view, without undefined fields', () => {
    expect(auditDetailPairs({ amount: 1, currency: 'EUR', gone: undefined })).toEqual([
      { key: 'amount', text: '0.01 EUR' },
      { key: 'currency', text: 'EUR' },
    ]);
  });
});
