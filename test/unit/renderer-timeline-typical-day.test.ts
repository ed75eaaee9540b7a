import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import type { AlertDetail } from '../../shared/contract';
import { timelineOption } from '../../renderer/src/screens/fraud/timeline-option';
import { theme } from '../../renderer/src/theme';

interface Series {
  name?: string;
  markLine?: { label?: { show?: boolean } };
}

/** Issue 16: the "typical day" label sat at the line's right end, on top of the newest (flagged) markers. */
describe('investigation timeline: the typical day', () => {
  it('is a legend entry, with no label drawn inside the plot', () => {
    const at = Date.UTC(2026, 10, 20, 12);
    const txn = (i: number, amount: number, flagged: boolean) => ({
      journalId: i,
      reference: `TX${i}`,
      externalRef: null,
      bookedAt: at + i * 3_600_000,
      type: 'transfer',
      channel: 'online',
      description: 'Payment',
      counterpartyName: null,
      counterpartyAccount: null,
      amount,
      currency: 'EUR',
      balanceAfter: 100_000,
      flagged,
      confirmedFraud: false,
    });
    const timeline = [txn(1, -2_000, false), txn(2, -90_000, true)] as unknown as AlertDetail['timeline'];
    const normalRange = { p10: 1_000, p50: 3_000, p90: 9_000 } as unknown as AlertDetail['normalRange'];
    const option = timelineOption(timeline, normalRange, 'EUR', mergeMantineTheme(DEFAULT_THEME, theme), 'light') as { series: Series[] };
    const labelled = option.series.filter((s) => s.markLine && s.markLine.label?.show !== false);
    expect(labelled).toEqual([]);
    expect(option.series.map((s) => s.name)).toContain('Typical day');
  });
});
