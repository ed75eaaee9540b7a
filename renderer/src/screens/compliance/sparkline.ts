import type { MonitorResult } from '../../../../shared/contract';
import type { ChartOption } from '../../components/chart/echarts';
import { STATUS_COLOR } from './compliance-format';

const COLORS: Record<string, string> = { teal: '#12b886', orange: '#fd7e14', red: '#fa5252', gray: '#868e96' };

/** A tile's 90-day line with the limit as a dashed line (and the warning edge dotted). */
export function sparklineOption(m: Pick<MonitorResult, 'trend' | 'limit' | 'warning' | 'status' | 'unit'>, detailed = false): ChartOption {
  const color = COLORS[STATUS_COLOR[m.status]] ?? '#868e96';
  const scale = m.unit === 'ratio' ? 100 : 1;
  // The axis spans the limit and the warning edge too, so the distance to them is what the eye reads.
  const values = m.trend.flatMap((p) => (p.value === null ? [] : [p.value * scale]));
  const lo = Math.min(...values, m.limit * scale, m.warning * scale);
  const hi = Math.max(...values, m.limit * scale, m.warning * scale);
  const pad = (hi - lo) * 0.08 || 1;
  return {
    animation: false,
    grid: detailed ? { left: 48, right: 16, top: 16, bottom: 28 } : { left: 2, right: 2, top: 4, bottom: 2 },
    tooltip: detailed ? { trigger: 'axis' } : { show: false },
    xAxis: { type: 'category', show: detailed, data: m.trend.map((p) => p.day), boundaryGap: false },
    yAxis: {
      type: 'value',
      show: detailed,
      min: Math.floor((lo - pad) * 100) / 100,
      max: Math.ceil((hi + pad) * 100) / 100,
      axisLabel: { formatter: m.unit === 'ratio' ? '{value} %' : '{value}' },
    },
    series: [
      {
        type: 'line',
        name: 'Value',
        data: m.trend.map((p) => (p.value === null ? null : Math.round(p.value * scale * 100) / 100)),
        showSymbol: false,
        connectNulls: false,
        lineStyle: { color, width: 2 },
        areaStyle: detailed ? undefined : { color, opacity: 0.08 },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { show: detailed },
          data: [
            { yAxis: m.limit * scale, name: 'Limit', lineStyle: { color: '#fa5252', type: 'dashed' } },
            { yAxis: m.warning * scale, name: 'Warning', lineStyle: { color: '#fd7e14', type: 'dotted' } },
          ],
        },
      },
    ],
  };
}
