import type { MantineTheme } from '@mantine/core';
import type { MetricUnit } from '../../../../shared/contract/metrics';
import type { ChartOption } from '../../components/chart/echarts';
import { minorToMajorForChart } from '../../format/money';
import type { ColorScheme } from '../../state/theme';
import { formatCompact, formatValue } from './explore-format';
import type { Shaped } from './explore-series';

export const EXPLORE_CHART_HEIGHT = 360;
const BAR_ROW = 28;

/** The bar grid's margins: room for the legend on top when there is one, the value axis below. */
export const BAR_GRID = { top: (shaped: Pick<Shaped, 'series'>): number => (shaped.series.length > 1 ? 36 : 12), bottom: 28 };

/** Height that gives each bar of a split a readable row; lines and single figures use the default. */
export function chartHeight(shaped: Shaped): number {
  if (shaped.mode === 'time') return EXPLORE_CHART_HEIGHT;
  const perBar = BAR_ROW * (shaped.series.some((s) => s.previous) ? 1.4 : 1);
  return Math.round(Math.max(120, BAR_GRID.top(shaped) + BAR_GRID.bottom + shaped.categories.length * perBar));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface ChartInput {
  shaped: Shaped;
  unit: MetricUnit;
  currency: string | null;
  additive: boolean;
  theme: MantineTheme;
  scheme: ColorScheme;
}

/**
 * Lines over time, horizontal bars for a split (names of branches read across, ranked largest first). Money is
 * drawn in major units of one currency for the axis only; tooltips print the exact minor units through
 * format/money.
 */
export function exploreOption({ shaped, unit, currency, additive, theme, scheme }: ChartInput): ChartOption {
  const dark = scheme === 'dark';
  const text = dark ? theme.colors.dark[1] : theme.colors.gray[7];
  const gridLine = dark ? theme.colors.dark[4] : theme.colors.gray[2];
  const axisLine = dark ? theme.colors.dark[3] : theme.colors.gray[5];
  const palette = [
    theme.colors.bank?.[dark ? 4 : 6] ?? theme.colors.blue[6],
    theme.colors.teal[6],
    theme.colors.orange[6],
    theme.colors.grape[6],
    theme.colors.cyan[6],
    theme.colors.red[6],
    theme.colors.lime[7],
    theme.colors.indigo[4],
  ];
  const faded = dark ? theme.colors.dark[2] : theme.colors.gray[5];
  const toChart = (v: number | null): number | null => (v === null ? null : unit === 'money' && currency ? minorToMajorForChart(v, currency) : v);
  const exact = (v: number | null): string => (v === null ? '—' : formatValue(v, unit, currency));
  const axisLabel = (v: number): string =>
    unit === 'money' ? new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(v) : formatCompact(v, unit, currency);
  const stacked = additive && shaped.series.length > 1 && !shaped.series.some((s) => s.previous);
  // What a line and a bar series share: name, values, colour (the previous period's greyed) and hover focus.
  const seriesBase = (s: Shaped['series'][number], i: number) => ({
    name: s.name,
    data: s.values.map(toChart),
    itemStyle: s.previous ? { color: faded } : { color: palette[i % palette.length] },
    emphasis: { focus: 'series' as const },
  });

  const tooltip = (params: unknown): string => {
    const list = (Array.isArray(params) ? params : [params]) as { dataIndex?: number; seriesIndex?: number; color?: string }[];
    const index = list[0]?.dataIndex;
    const category = index === undefined ? undefined : shaped.categories[index];
    if (!category || index === undefined) return '';
    const lines = list.map((p) => {
      const series = p.seriesIndex === undefined ? undefined : shaped.series[p.seriesIndex];
      if (!series) return '';
      return (
        `<div style="display:flex;align-items:center;gap:8px"><span style="width:10px;height:10px;border-radius:2px;background:${escapeHtml(String(p.color ?? ''))}"></span>` +
        `<span style="flex:1">${escapeHtml(series.name)}</span><b style="margin-left:16px;font-variant-numeric:tabular-nums">${escapeHtml(exact(series.values[index] ?? null))}</b></div>`
      );
    });
    return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(category.label)}</div>${lines.join('')}<div style="opacity:.7;margin-top:4px;font-size:11px">Click to drill down</div>`;
  };

  const valueAxis = {
    type: 'value' as const,
    name: unit === 'money' && currency ? currency : undefined,
    nameTextStyle: { color: text, fontWeight: 600 as const, align: 'left' as const },
    axisLabel: { color: text, formatter: axisLabel },
    splitLine: { lineStyle: { color: gridLine } },
  };
  const categoryAxis = {
    type: 'category' as const,
    data: shaped.categories.map((c) => c.label),
    axisLabel: { color: text, hideOverlap: true, width: 160, overflow: 'truncate' as const },
    axisLine: { lineStyle: { color: axisLine } },
    axisTick: { show: false },
  };
  const common = {
    backgroundColor: 'transparent',
    textStyle: { color: text, fontFamily: theme.fontFamily },
    animationDuration: 250,
    color: palette,
    legend: shaped.series.length > 1 ? { top: 0, right: 0, type: 'scroll' as const, textStyle: { color: text }, itemWidth: 14, itemHeight: 10 } : undefined,
    tooltip: {
      trigger: 'axis' as const,
      axisPointer: { type: shaped.mode === 'time' ? ('line' as const) : ('shadow' as const) },
      backgroundColor: dark ? theme.colors.dark[6] : theme.white,
      borderColor: gridLine,
      textStyle: { color: dark ? theme.colors.dark[0] : theme.black, fontSize: 12 },
      formatter: tooltip,
    },
  };

  if (shaped.mode === 'time') {
    return {
      ...common,
      grid: { left: 64, right: 24, top: shaped.series.length > 1 ? 56 : 32, bottom: 28 },
      xAxis: { ...categoryAxis, boundaryGap: false },
      yAxis: valueAxis,
      series: shaped.series.map((s, i) => ({
        ...seriesBase(s, i),
        type: 'line' as const,
        showSymbol: shaped.categories.length <= 60,
        symbolSize: 7,
        connectNulls: false,
        lineStyle: s.previous ? { type: 'dashed' as const, width: 1.5, color: faded } : { width: 2 },
      })),
    };
  }
  return {
    ...common,
    grid: { left: 8, right: 40, top: BAR_GRID.top(shaped), bottom: BAR_GRID.bottom, containLabel: true },
    // Largest on top: ECharts draws a vertical category axis bottom-up.
    yAxis: { ...categoryAxis, inverse: true },
    xAxis: valueAxis,
    series: shaped.series.map((s, i) => ({ ...seriesBase(s, i), type: 'bar' as const, stack: stacked ? 'split' : undefined, barMaxWidth: 22 })),
  };
}
