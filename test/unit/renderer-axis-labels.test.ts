import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../shared/contract';
import { distinctAxisFormatter } from '../../renderer/src/components/chart/axis-format';
import { balanceOption } from '../../renderer/src/screens/accounts/balance-chart';
import { theme } from '../../renderer/src/theme';

const DAY = 86_400_000;

/** Issue 16: the statement chart's y-axis read "5.9K 5.9K 5.9K" for a balance moving between 5,880 and 5,920. */
describe('distinct axis labels', () => {
  it('the statement chart labels neighbouring ticks differently', () => {
    const from = Date.UTC(2026, 10, 1);
    const line = (i: number, balanceAfter: number) => ({ journalId: i, bookedAt: from + i * DAY, balanceAfter, description: `Payment ${i}`, type: 'transfer' });
    const s = {
      from,
      to: from + 30 * DAY,
      opening: 590_000,
      closing: 588_000,
      account: { currency: 'EUR', openedAt: 0 },
      lines: [line(1, 592_000), line(2, 588_000)],
    } as unknown as Statement;
    const option = balanceOption(s, mergeMantineTheme(DEFAULT_THEME, theme), 'light', from + 30 * DAY) as {
      yAxis: { axisLabel: { formatter: (v: number) => string } };
      xAxis: { minInterval?: number };
    };
    // Day labels on the time axis: never two ticks within one day ("Dec 01 Dec 01").
    expect(option.xAxis.minInterval).toBe(DAY);
    const ticks = [5880, 5890, 5900, 5910, 5920];
    const labels = ticks.map((v) => option.yAxis.axisLabel.formatter(v));
    expect(new Set(labels).size).toBe(ticks.length);
  });

  it('keeps short labels where the spacing allows', () => {
    const f = distinctAxisFormatter(0, 2_000_000, 4, 'en-US');
    expect([0, 500_000, 1_000_000, 1_500_000].map(f)).toEqual(['0', '500K', '1M', '1.5M']);
    const g = distinctAxisFormatter(5880, 5920, 4, 'en-US');
    expect([5880, 5890, 5900].map(g)).toEqual(['5.88K', '5.89K', '5.9K']);
    const h = distinctAxisFormatter(10.2, 10.6, 4, 'en-US');
    expect(new Set([10.2, 10.3, 10.4].map(h)).size).toBe(3);
  });
});
