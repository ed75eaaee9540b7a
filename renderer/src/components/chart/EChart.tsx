import { Box } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { createChart, type ChartOption, type EChartsType } from './echarts';

interface Props {
  option: ChartOption;
  height: number;
  testId?: string;
  label: string;
  /**
   * Binds handlers to the instance (clicks that drill down); returns their unbinding. Called again when the
   * function changes, so pass a stable (memoised) one.
   */
  bind?: (chart: EChartsType) => () => void;
}

/** An ECharts instance bound to a div: follows the container's size and replaces its option on change. */
export function EChart({ option, height, testId, label, bind }: Props) {
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

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !bind) return;
    return bind(instance);
  }, [bind]);

  return <Box ref={el} h={height} w="100%" data-testid={testId} role="img" aria-label={label} />;
}
