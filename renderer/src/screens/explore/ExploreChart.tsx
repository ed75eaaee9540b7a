import { Group, SegmentedControl, Text, useMantineTheme } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import type { MetricInfo } from '../../../../shared/contract/metrics';
import { EChart } from '../../components/chart/EChart';
import type { EChartsType } from '../../components/chart/echarts';
import { useTheme } from '../../state/theme';
import { chartHeight, exploreOption } from './explore-chart';
import type { Category, Series, Shaped } from './explore-series';

interface Props {
  shaped: Shaped;
  info: MetricInfo;
  currency: string | null;
  currencies: string[];
  onCurrency: (c: string) => void;
  /** A click on a category (a period or a bar), with the series clicked when there was one. */
  onPick: (category: Category, series: Series | undefined) => void;
  label: string;
}

/**
 * The chart, clickable: on a bar or a point, and anywhere in its column (thin bars and single points are hard
 * to hit), both resolved to the category under the pointer.
 */
export function ExploreChart({ shaped, info, currency, currencies, onCurrency, onPick, label }: Props) {
  const theme = useMantineTheme();
  const scheme = useTheme((s) => s.scheme);
  const option = useMemo(() => exploreOption({ shaped, unit: info.unit, currency, additive: info.additive, theme, scheme }), [shaped, info, currency, theme, scheme]);

  const bind = useCallback(
    (chart: EChartsType) => {
      const pick = (index: number, seriesIndex: number | undefined) => {
        const category = shaped.categories[index];
        if (category) onPick(category, seriesIndex === undefined ? undefined : shaped.series[seriesIndex]);
      };
      const onElement = (p: { componentType?: string; dataIndex?: number; seriesIndex?: number }) => {
        if (p.componentType === 'series' && p.dataIndex !== undefined) pick(p.dataIndex, p.seriesIndex);
      };
      const zr = chart.getZr();
      const onBlank = (e: { offsetX: number; offsetY: number; target?: unknown }) => {
        // A click on a drawn element is handled by onElement; this one is for the empty part of a column.
        if (e.target) return;
        const point = [e.offsetX, e.offsetY];
        if (!chart.containPixel({ gridIndex: 0 }, point)) return;
        const [x, y] = chart.convertFromPixel({ gridIndex: 0 }, point) as [number, number];
        pick(Math.round(shaped.mode === 'time' ? x : y), undefined);
      };
      chart.on('click', onElement);
      zr.on('click', onBlank);
      return () => {
        chart.off('click', onElement);
        zr.off('click', onBlank);
      };
    },
    [shaped, onPick],
  );

  return (
    <div>
      {currencies.length > 1 && (
        <Group gap="xs" mb="xs">
          <Text size="xs" c="dimmed">
            Currency (amounts in different currencies are never added):
          </Text>
          <SegmentedControl size="xs" data={currencies} value={currency ?? currencies[0] ?? ''} onChange={onCurrency} data-testid="explore-currency" />
        </Group>
      )}
      <EChart option={option} height={chartHeight(shaped)} testId="explore-chart" label={label} bind={bind} />
      {shaped.hiddenCategories > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          The {shaped.categories.length} largest are drawn; {shaped.hiddenCategories} more are in the table below.
        </Text>
      )}
      {shaped.hiddenSeries > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          The {shaped.series.length} largest series are drawn; {shaped.hiddenSeries} more are in the table below.
        </Text>
      )}
    </div>
  );
}
