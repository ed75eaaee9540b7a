import type { MantineTheme } from '@mantine/core';
import type { MethodOutput } from '../../../../shared/contract';
import type { ChartOption } from '../../components/chart/echarts';
import { formatDayKey } from '../../format/date';
import { formatMoney, minorToMajorForChart } from '../../format/money';
import { formatCount } from '../../format/number';
import type { ColorScheme } from '../../state/theme';

type Volume = MethodOutput<'dashboard.volume'>;

/**
 * Two grids on one day axis, so neither measure runs through the other: money on top (credits up, debits down from
 * a zero line), the daily count below (its own zero at the bottom). Pixel layout, so both grids' axes line up.
 */
export const VOLUME_CHART_HEIGHT = 340;
const LEFT = 56;
const RIGHT = 12;
/** The money axis name (left) and the legend (right) share the top line. */
const MONEY_TOP = 30;
const MONEY_HEIGHT = 170;
const COUNT_TOP = MONEY_TOP + MONEY_HEIGHT + 36;
const X_LABELS = 24;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Credits and debits (bars around a zero line) over the daily count (bars); colours from the theme. */
export function volumeOption(volume: Volume, theme: MantineTheme, scheme: ColorScheme): ChartOption {
  const dark = scheme === 'dark';
  const text = dark ? theme.colors.dark[1] : theme.colors.gray[7];
  const grid = dark ? theme.colors.dark[4] : theme.colors.gray[2];
  const axisLine = dark ? theme.colors.dark[3] : theme.colors.gray[5];
  const credit = theme.colors.teal[dark ? 5 : 6];
  const debit = theme.colors.red[dark ? 5 : 6];
  const count = theme.colors.bank?.[dark ? 4 : 6] ?? theme.colors.blue[6];
  const { currency } = volume;
  const days = volume.days.map((d) => formatDayKey(d.day));
  const counts = volume.days.map((d) => d.count);
  // One tooltip for both grids: the day (with its weekday) once, then its figures in legend order. The amounts are
  // the exact minor units from the data; the bars only need magnitudes.
  const tooltip = (params: unknown): string => {
    const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
    const day = first?.dataIndex === undefined ? undefined : volume.days[first.dataIndex];
    if (!day) return '';
    const row = (color: string, label: string, value: string) =>
      `<div style="display:flex;align-items:center;gap:8px"><span style="width:10px;height:10px;border-radius:2px;background:${color}"></span>` +
      `<span style="flex:1">${label}</span><b style="margin-left:16px;font-variant-numeric:tabular-nums">${escapeHtml(value)}</b></div>`;
    return (
      `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(formatDayKey(day.day, undefined, { weekday: true }))}</div>` +
      row(credit, 'Credits', formatMoney(Math.abs(day.credits), currency)) +
      row(debit, 'Debits', formatMoney(Math.abs(day.debits), currency)) +
      row(count, 'Transactions', formatCount(day.count))
    );
  };
  const compact = new Intl.NumberFormat(undefined, { notation: 'compact' });
  const axisName = { color: text, fontSize: 11, fontWeight: 600 as const, align: 'left' as const };
  const grids = [
    { left: LEFT, right: RIGHT, top: MONEY_TOP, height: MONEY_HEIGHT },
    { left: LEFT, right: RIGHT, top: COUNT_TOP, bottom: X_LABELS },
  ];

  return {
    backgroundColor: 'transparent',
    textStyle: { color: text, fontFamily: theme.fontFamily },
    animationDuration: 300,
    grid: grids,
    legend: { top: 2, right: 0, textStyle: { color: text }, itemWidth: 14, itemHeight: 10, itemGap: 16 },
    // One pointer across both grids: hovering a day shows its money and its count together.
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: dark ? theme.colors.dark[6] : theme.white,
      borderColor: grid,
      textStyle: { color: dark ? theme.colors.dark[0] : theme.black, fontSize: 12 },
      formatter: tooltip,
    },
    xAxis: [
      {
        type: 'category',
        gridIndex: 0,
        data: days,
        axisLabel: { show: false },
        // The zero line between credits and debits.
        axisLine: { onZero: true, lineStyle: { color: axisLine } },
        axisTick: { show: false },
      },
      { type: 'category', gridIndex: 1, data: days, axisLabel: { color: text, hideOverlap: true }, axisLine: { lineStyle: { color: axisLine } }, axisTick: { show: false } },
    ],
    yAxis: [
      {
        type: 'value',
        gridIndex: 0,
        name: `Credits / debits, ${currency}`,
        nameLocation: 'end',
        nameGap: 14,
        nameTextStyle: axisName,
        splitNumber: 4,
        axisLabel: { color: text, formatter: (v: number) => compact.format(v) },
        splitLine: { lineStyle: { color: grid } },
      },
      {
        type: 'value',
        gridIndex: 1,
        name: 'Transactions per day',
        nameLocation: 'end',
        nameGap: 12,
        nameTextStyle: axisName,
        splitNumber: 2,
        axisLabel: { color: text, formatter: (v: number) => formatCount(v) },
        splitLine: { lineStyle: { color: grid } },
      },
    ],
    series: [
      {
        name: 'Credits',
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        stack: 'flow',
        barCategoryGap: '30%',
        itemStyle: { color: credit },
        data: volume.days.map((d) => minorToMajorForChart(d.credits, currency)),
      },
      {
        name: 'Debits',
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        stack: 'flow',
        barCategoryGap: '30%',
        itemStyle: { color: debit },
        data: volume.days.map((d) => -Math.abs(minorToMajorForChart(d.debits, currency))),
      },
      { name: 'Transactions', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, barCategoryGap: '30%', itemStyle: { color: count }, data: counts },
    ],
  };
}
