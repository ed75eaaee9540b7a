import type { MantineTheme } from '@mantine/core';
import type { AlertDetail } from '../../../../shared/contract';
import type { ChartOption } from '../../components/chart/echarts';
import { formatDateTime } from '../../format/date';
import { formatMoney, minorToMajorForChart } from '../../format/money';

type Txn = AlertDetail['timeline'][number];
/** The same union as state/theme's (not imported: that module touches window, and this one is unit-tested in Node). */
type ColorScheme = 'light' | 'dark';
type NormalRange = AlertDetail['normalRange'];

export const TIMELINE_HEIGHT = 300;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A series without points of its own, behind the markers: its legend entry names the band or line its mark draws. */
function legendEntry(name: string) {
  return { type: 'line' as const, name, yAxisIndex: 0, data: [] as [number, number][], z: 0 };
}

/** 1, 2 or 5 times a power of ten, at least `v`: an axis end that reads well. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** Which series a transaction belongs to: confirmed fraud and flagged evidence stand out, the rest is context. */
export type TimelineGroup = 'confirmed' | 'flagged' | 'in' | 'out';

export function timelineGroup(t: Pick<Txn, 'flagged' | 'confirmedFraud' | 'amount'>): TimelineGroup {
  if (t.confirmedFraud) return 'confirmed';
  if (t.flagged) return 'flagged';
  return t.amount >= 0 ? 'in' : 'out';
}

/** Counts per group, for the legend and the accessible label. */
export function timelineCounts(timeline: readonly Txn[]): Record<TimelineGroup, number> {
  const counts: Record<TimelineGroup, number> = { confirmed: 0, flagged: 0, in: 0, out: 0 };
  for (const t of timeline) counts[timelineGroup(t)] += 1;
  return counts;
}

/**
 * The subject account's movements over time: each transaction a point at its size (money in and out
 * alike), the flagged ones in red, confirmed fraud darker; the customer's normal daily range (p10–p90)
 * as a shaded band with the median as a dashed line; the running balance as a thin step line on the right.
 */
export function timelineOption(timeline: readonly Txn[], normalRange: NormalRange, currency: string, theme: MantineTheme, scheme: ColorScheme): ChartOption {
  const dark = scheme === 'dark';
  const text = dark ? theme.colors.dark[1] : theme.colors.gray[7];
  const grid = dark ? theme.colors.dark[4] : theme.colors.gray[2];
  const axisLine = dark ? theme.colors.dark[3] : theme.colors.gray[5];
  const colors: Record<TimelineGroup, string> = {
    confirmed: theme.colors.red[9],
    flagged: theme.colors.red[dark ? 5 : 6],
    in: theme.colors.teal[dark ? 4 : 6],
    out: dark ? theme.colors.gray[5] : theme.colors.gray[6],
  };
  const band = theme.colors.green[dark ? 8 : 2];
  const balanceColor = theme.colors.bank?.[dark ? 4 : 5] ?? theme.colors.blue[5];
  const major = (minor: number) => minorToMajorForChart(minor, currency);

  const points = (group: TimelineGroup) => timeline.flatMap((t, index) => (timelineGroup(t) === group ? [{ value: [t.bookedAt, major(Math.abs(t.amount))], index }] : []));

  const tooltip = (params: unknown): string => {
    const p = params as { seriesName?: string; data?: { index?: number }; value?: [number, number] };
    if (p.seriesName === 'Balance' && p.value) return `<b>Balance</b> ${escapeHtml(formatDateTime(p.value[0]))}`;
    const t = p.data?.index === undefined ? undefined : timeline[p.data.index];
    if (!t) return '';
    const mark = t.confirmedFraud ? ' · <b style="color:' + colors.confirmed + '">confirmed fraud</b>' : t.flagged ? ' · <b style="color:' + colors.flagged + '">flagged</b>' : '';
    const cp = t.counterpartyName ?? t.counterpartyAccount;
    return (
      `<div style="font-weight:600">${escapeHtml(formatMoney(t.amount, t.currency))}${mark}</div>` +
      `<div>${escapeHtml(formatDateTime(t.bookedAt))}</div>` +
      `<div>${escapeHtml(t.type)} · ${escapeHtml(t.channel)}${cp ? ` · ${escapeHtml(cp)}` : ''}</div>` +
      `<div style="opacity:.75">${escapeHtml(t.reference)} — ${escapeHtml(t.description)}</div>` +
      `<div style="opacity:.75">Balance after ${escapeHtml(formatMoney(t.balanceAfter, t.currency))}</div>`
    );
  };

  const compact = new Intl.NumberFormat(undefined, { notation: 'compact' });
  const scatter = (name: string, group: TimelineGroup, size: number, symbol: string, z: number) => ({
    type: 'scatter' as const,
    name,
    data: points(group),
    symbol,
    symbolSize: size,
    itemStyle: { color: colors[group], borderColor: group === 'flagged' || group === 'confirmed' ? (dark ? theme.colors.dark[7] : theme.white) : undefined, borderWidth: 1 },
    z,
    yAxisIndex: 0,
  });

  const normal = normalRange
    ? {
        ...legendEntry('Normal range'),
        itemStyle: { color: band },
        lineStyle: { opacity: 0 },
        markArea: {
          silent: true,
          itemStyle: { color: band, opacity: dark ? 0.35 : 0.55 },
          // The legend names the band; a label inside it would sit on the axis when the band is thin.
          label: { show: false },
          data: [[{ yAxis: major(normalRange.p10) }, { yAxis: major(normalRange.p90) }]] as [{ yAxis: number }, { yAxis: number }][],
        },
      }
    : null;
  // The typical day as its own legend entry (a dashed line): a label at the line's end sat on the newest markers.
  const typicalColor = theme.colors.green[dark ? 5 : 7];
  const typical = normalRange
    ? {
        ...legendEntry('Typical day'),
        itemStyle: { color: typicalColor },
        lineStyle: { color: typicalColor, type: 'dashed' as const, width: 1 },
        symbol: 'none',
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: typicalColor, type: 'dashed' as const, width: 1 },
          label: { show: false },
          data: [{ yAxis: major(normalRange.p50) }],
        },
      }
    : null;
  const bandTop = normalRange ? major(normalRange.p90) : 0;
  const maxPoint = timeline.reduce((m, t) => Math.max(m, major(Math.abs(t.amount))), 0);

  return {
    backgroundColor: 'transparent',
    textStyle: { color: text, fontFamily: theme.fontFamily },
    animationDuration: 250,
    grid: { left: 64, right: 64, top: 30, bottom: 56 },
    legend: { bottom: 0, left: 'center', textStyle: { color: text }, itemWidth: 12, itemHeight: 10, itemGap: 14 },
    tooltip: {
      trigger: 'item',
      backgroundColor: dark ? theme.colors.dark[6] : theme.white,
      borderColor: grid,
      textStyle: { color: dark ? theme.colors.dark[0] : theme.black, fontSize: 12 },
      formatter: tooltip,
    },
    xAxis: { type: 'time', axisLine: { lineStyle: { color: axisLine } }, axisLabel: { color: text, hideOverlap: true }, splitLine: { show: false } },
    yAxis: [
      {
        type: 'value',
        name: `Amount (${currency})`,
        nameTextStyle: { color: text, fontSize: 11, fontWeight: 600, align: 'left' },
        axisLabel: { color: text, formatter: (v: number) => compact.format(v) },
        splitLine: { lineStyle: { color: grid } },
        min: 0,
        // The band must be visible even when every point is below it.
        ...(bandTop > maxPoint ? { max: niceCeil(bandTop * 1.15) } : {}),
      },
      {
        type: 'value',
        name: 'Balance',
        nameTextStyle: { color: text, fontSize: 11, fontWeight: 600, align: 'right' },
        axisLabel: { color: text, formatter: (v: number) => compact.format(v) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'line',
        name: 'Balance',
        yAxisIndex: 1,
        step: 'end',
        showSymbol: false,
        data: timeline.map((t) => [t.bookedAt, major(t.balanceAfter)]),
        lineStyle: { color: balanceColor, width: 1, opacity: 0.6 },
        itemStyle: { color: balanceColor },
        z: 1,
      },
      ...(normal ? [normal] : []),
      ...(typical ? [typical] : []),
      scatter('Money in', 'in', 7, 'circle', 2),
      scatter('Money out', 'out', 7, 'circle', 2),
      scatter('Flagged', 'flagged', 13, 'diamond', 4),
      scatter('Confirmed fraud', 'confirmed', 14, 'triangle', 5),
    ],
  };
}
