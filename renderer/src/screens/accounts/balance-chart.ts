import type { MantineTheme } from '@mantine/core';
import type { Statement } from '../../../../shared/contract';
import { distinctAxisFormatter } from '../../components/chart/axis-format';
import type { ChartOption } from '../../components/chart/echarts';
import { formatDate, formatDateTime } from '../../format/date';
import { formatMoney, minorToMajorForChart } from '../../format/money';

/** The same union as state/theme's (not imported: that module touches window, and this one is unit-tested in Node). */
type ColorScheme = 'light' | 'dark';

export const BALANCE_CHART_HEIGHT = 220;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The running balance over the period as a step line: flat between bookings, a step at each one. It starts at the
 * opening balance on the first day and runs to the end of the period (or now), so an idle month still shows a line.
 */
export function balanceOption(s: Statement, theme: MantineTheme, scheme: ColorScheme, now: number = Date.now()): ChartOption {
  const dark = scheme === 'dark';
  const text = dark ? theme.colors.dark[1] : theme.colors.gray[7];
  const grid = dark ? theme.colors.dark[4] : theme.colors.gray[2];
  const line = theme.colors.bank?.[dark ? 4 : 6] ?? theme.colors.blue[6];
  const currency = s.account.currency;
  const lines = [...s.lines].sort((a, b) => a.bookedAt - b.bookedAt || a.journalId - b.journalId);
  const end = Math.min(s.to, Math.max(now, lines.at(-1)?.bookedAt ?? s.from));
  // [time, balance in major units for the axis, exact minor units for the tooltip, what happened]
  const points: [number, number, number, string][] = [
    [s.from, minorToMajorForChart(s.opening, currency), s.opening, 'Opening balance'],
    ...lines.map((l): [number, number, number, string] => [l.bookedAt, minorToMajorForChart(l.balanceAfter, currency), l.balanceAfter, l.description || l.type]),
    [end, minorToMajorForChart(s.closing, currency), s.closing, 'Closing balance'],
  ];
  const values = points.map((p) => p[1]);
  const axisLabel = distinctAxisFormatter(Math.min(...values), Math.max(...values), 4);
  // An account opened during the period starts its line when it opened, not at the period's start at zero.
  const start = Math.min(Math.max(s.from, s.account.openedAt), lines[0]?.bookedAt ?? s.from);
  points[0] = [start, points[0]?.[1] ?? 0, s.opening, 'Opening balance'];
  const short = end - start < 2 * 86_400_000;
  const tick = short ? new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: end - start < 3_600_000 ? '2-digit' : undefined, hourCycle: 'h23' }) : null;
  return {
    backgroundColor: 'transparent',
    textStyle: { color: text, fontFamily: theme.fontFamily },
    animationDuration: 300,
    grid: { left: 56, right: 16, top: 16, bottom: 24 },
    tooltip: {
      trigger: 'axis',
      backgroundColor: dark ? theme.colors.dark[6] : theme.white,
      borderColor: grid,
      textStyle: { color: dark ? theme.colors.dark[0] : theme.black, fontSize: 12 },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const p = first?.dataIndex === undefined ? undefined : points[first.dataIndex];
        if (!p) return '';
        return (
          `<div style="font-weight:600">${escapeHtml(formatDateTime(p[0]))}</div>` +
          `<div>${escapeHtml(p[3])}</div>` +
          `<b style="font-variant-numeric:tabular-nums">${escapeHtml(formatMoney(p[2], currency))}</b>`
        );
      },
    },
    xAxis: {
      type: 'time',
      min: start,
      max: end,
      axisLabel: { color: text, hideOverlap: true, formatter: (v: number) => (tick ? tick.format(v) : formatDate(v).replace(/,? \d{4}$/, '')) },
      // Days as labels: ticks no closer than a day, or half-day ticks repeat "Dec 01 Dec 01".
      ...(short ? {} : { minInterval: 86_400_000 }),
      axisLine: { lineStyle: { color: grid } },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', scale: true, splitNumber: 4, axisLabel: { color: text, formatter: axisLabel }, splitLine: { lineStyle: { color: grid } } },
    series: [
      {
        name: `Balance (${currency})`,
        type: 'line',
        step: 'end',
        symbol: 'circle',
        symbolSize: lines.length > 120 ? 0 : 5,
        showSymbol: lines.length <= 120,
        lineStyle: { color: line, width: 2 },
        itemStyle: { color: line },
        areaStyle: { color: line, opacity: 0.08 },
        data: points.map((p) => [p[0], p[1]]),
      },
    ],
  };
}
