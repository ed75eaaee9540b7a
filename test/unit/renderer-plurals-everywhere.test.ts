import { describe, expect, it } from 'vitest';
import { amountOf } from '../../renderer/src/format/plural';
import { formatLimit } from '../../renderer/src/screens/compliance/compliance-format';
import { formatValue } from '../../renderer/src/screens/explore/explore-format';
import { sarText, type SarDraft } from '../../renderer/src/screens/fraud/sar-text';
import { formatFigure } from '../../renderer/src/screens/reports/report-format';

/** Issue 16: "1 movements" — every count and duration goes through the one plural helper. */
describe('plurals everywhere', () => {
  it('measured amounts: one day, 1.5 days, a value shown as 1 reads as one', () => {
    expect(amountOf(1, 'day', 'days', 'en-US')).toBe('1 day');
    expect(amountOf(1.5, 'day', 'days', 'en-US')).toBe('1.5 days');
    expect(amountOf(1.04, 'day', 'days', 'en-US')).toBe('1 day');
    expect(amountOf(0, 'day', 'days', 'en-US')).toBe('0 days');
  });

  it('explorer, report and compliance figures in days', () => {
    expect(formatValue(1, 'days', null, 'en-US')).toBe('1 day');
    expect(formatValue(3, 'days', null, 'en-US')).toBe('3 days');
    expect(formatFigure(1, 'days', null)).toBe('1 day');
    expect(formatLimit({ unit: 'days', direction: 'max', limit: 1, currency: null })).toBe('≤ 1 day');
  });

  it('the SAR draft counts one transaction as one', () => {
    const draft: SarDraft = {
      title: 'Suspicious activity report — alert #7',
      subject: { name: 'Jana Nováková', customerNo: null, dateOfBirth: null, nationalId: null, address: null },
      accounts: [],
      transactions: [
        {
          journalId: 1,
          reference: 'TX1',
          externalRef: null,
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
      narrative: '',
    };
    const text = sarText(draft, 'One deposit.', 'Adam Fischer', Date.UTC(2025, 10, 25));
    expect(text).toMatch(/ in 1 transaction$/m);
  });
});
