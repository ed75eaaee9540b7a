import { Box } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { createChart, type ChartOption, type EChartsType } from './echarts';

/** An ECharts instance bound to a div: follows the container's size and replaces its option on change. */
export function EChart({ option, height, testId, label }: { option: ChartOption; height: number; testId?: string; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = createChart(el.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <Box ref={el} h={height} w="100%" data-testid={testId} role="img" aria-label={label} />;
}
