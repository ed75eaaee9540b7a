import type { MantineTheme } from '@mantine/core';
import type { MethodOutput } from '../../../../shared/contract';
import type { ChartOption } from '../../components/chart/echarts';
import { formatDayKey } from '../../format/date';
import { formatMoney, minorToMajorForChart } from '../../format/money';
import { formatCount } from '../../format/number';
import type { ColorScheme } from '../../state/theme';

type Volume = MethodOutput<'dashboard.volume'>;

/** Credits up, debits down (bars, money axis), daily count as a line on its own axis; colours from the theme. */
export function volumeOption(volume: Volume, theme: MantineTheme, scheme: ColorScheme): ChartOption {
  const dark = scheme === 'dark';
  const text = dark ? theme.colors.dark[1] : theme.colors.gray[7];
  const grid = dark ? theme.colors.dark[4] : theme.colors.gray[2];
  const credit = theme.colors.teal[dark ? 5 : 6];
  const debit = theme.colors.red[dark ? 5 : 6];
  const count = theme.colors.bank?.[dark ? 3 : 8] ?? theme.colors.blue[7];
  const { currency } = volume;
  // The tooltip shows the exact minor-unit amounts from the data; the bars only need magnitudes.
  const money = (dataIndex: number, field: 'credits' | 'debits') => {
    const day = volume.days[dataIndex];
    return day ? formatMoney(Math.abs(day[field]), currency) : '—';
  };

  return {
    backgroundColor: 'transparent',
    textStyle: { color: text, fontFamily: theme.fontFamily },
    animationDuration: 300,
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: text }, itemWidth: 14, itemHeight: 10 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: dark ? theme.colors.dark[6] : theme.white,
      borderColor: grid,
      textStyle: { color: dark ? theme.colors.dark[0] : theme.black, fontSize: 12 },
    },
    xAxis: {
      type: 'category',
      data: volume.days.map((d) => formatDayKey(d.day)),
      axisLabel: { color: text, hideOverlap: true },
      axisLine: { lineStyle: { color: grid } },
      axisTick: { show: false },
    },
    yAxis: [
      {
        type: 'value',
        name: currency,
        nameTextStyle: { color: text, align: 'left' },
        axisLabel: { color: text, formatter: (v: number) => new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v) },
        splitLine: { lineStyle: { color: grid } },
      },
      {
        type: 'value',
        name: 'Transactions',
        nameTextStyle: { color: text, align: 'right' },
        axisLabel: { color: text, formatter: (v: number) => formatCount(v) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: 'Credits',
        type: 'bar',
        stack: 'flow',
        itemStyle: { color: credit },
        data: volume.days.map((d) => minorToMajorForChart(d.credits, currency)),
        tooltip: { valueFormatter: (_v, i) => money(i, 'credits') },
      },
      {
        name: 'Debits',
        type: 'bar',
        stack: 'flow',
        itemStyle: { color: debit },
        data: volume.days.map((d) => -Math.abs(minorToMajorForChart(d.debits, currency))),
        tooltip: { valueFormatter: (_v, i) => money(i, 'debits') },
      },
      {
        name: 'Transactions',
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        showSymbol: false,
        lineStyle: { width: 2, color: count },
        itemStyle: { color: count },
        data: volume.days.map((d) => d.count),
        tooltip: { valueFormatter: (v) => formatCount(Number(v)) },
      },
    ],
  };
}
