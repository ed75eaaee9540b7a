import { Anchor, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { Dimension, MetricInfo, MetricResult, MetricRow } from '../../../../shared/contract/metrics';
import { DataTable } from '../../components/table/DataTable';
import type { ColumnSpec } from '../../components/table/columns';
import { changeTone, formatCell, formatChangeCell, formatChangeRatio } from './explore-format';

interface Figure extends MetricRow {
  key: string;
}

interface Props {
  result: MetricResult;
  info: MetricInfo;
  dimensionLabel: (id: Dimension) => string;
  periodLabel: (key: string) => string;
  onDrill: (row: MetricRow) => void;
}

const TONE_COLOR = { good: 'teal', bad: 'red', neutral: undefined } as const;

/**
 * Every figure of the answer, exactly (the chart rounds to pixels): one row per period and split value, money
 * with its currency beside it. The first cell drills down like a click on the chart, for keyboard users too.
 */
export function FiguresTable({ result, info, dimensionLabel, periodLabel, onDrill }: Props) {
  const rows = useMemo<Figure[]>(() => result.rows.map((r, i) => ({ ...r, key: `${r.period ?? ''}|${Object.values(r.dims).join('|')}|${r.currency ?? ''}|${i}` })), [result.rows]);
  const columns = useMemo<ColumnSpec<Figure>[]>(() => {
    const drillable = result.grain !== null || result.by.length > 0;
    const cols: ColumnSpec<Figure>[] = [];
    if (result.grain) {
      cols.push({ id: 'period', header: 'Period', value: (r) => r.period, render: (r) => (r.period ? periodLabel(r.period) : 'Whole period'), testId: 'explore-figure-period' });
    }
    for (const d of result.by) {
      cols.push({ id: `dim-${d}`, header: dimensionLabel(d), value: (r) => r.labels[d] ?? r.dims[d] ?? null, testId: `explore-figure-${d}` });
    }
    if (cols.length === 0) cols.push({ id: 'what', header: 'Figure', value: () => result.label, sortable: false });
    const first = cols[0];
    if (first && drillable) {
      const plain = first.render ?? ((r: Figure) => first.value(r) ?? '—');
      first.render = (r) => (
        <Anchor component="button" type="button" size="sm" onClick={() => onDrill(r)} title="Drill down into this" data-testid="explore-drill">
          {plain(r)}
        </Anchor>
      );
    }
    cols.push({
      id: 'value',
      header: info.unit === 'money' ? 'Amount' : info.label,
      numeric: true,
      value: (r) => r.value,
      render: (r) => formatCell(r.value, info.unit, r.currency),
      csv: (r) => r.value,
      testId: 'explore-figure-value',
    });
    // Split by currency, the split's own column already says it.
    if (info.unit === 'money' && !result.by.includes('currency')) {
      cols.push({
        id: 'currency',
        header: 'Currency',
        value: (r) => r.currency,
        render: (r) => (
          <Text span size="xs" c="dimmed" className="mono">
            {r.currency}
          </Text>
        ),
        testId: 'explore-figure-currency',
      });
    }
    if (result.compare !== 'none') {
      cols.push(
        {
          id: 'previous',
          header: result.compare === 'year' ? 'Year before' : 'Previous period',
          numeric: true,
          value: (r) => r.previous ?? null,
          render: (r) => (r.previous === null || r.previous === undefined ? '—' : formatCell(r.previous, info.unit, r.currency)),
        },
        {
          id: 'change',
          header: 'Change',
          numeric: true,
          value: (r) => r.change ?? null,
          render: (r) =>
            r.change === null || r.change === undefined ? (
              '—'
            ) : (
              <Text span inherit c={TONE_COLOR[changeTone(r.change, info.better)]}>
                {formatChangeCell(r.change, info.unit, r.currency)}
              </Text>
            ),
        },
        {
          id: 'changeRatio',
          header: 'Change %',
          numeric: true,
          value: (r) => r.changeRatio ?? null,
          render: (r) => (
            <Text span inherit c={TONE_COLOR[changeTone(r.change, info.better)]}>
              {formatChangeRatio(r.changeRatio)}
            </Text>
          ),
        },
      );
    }
    return cols;
  }, [result, info, dimensionLabel, periodLabel, onDrill]);

  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key}
      emptyTitle="No figures for this selection"
      emptyDescription="Nothing was booked in this period with these filters. Pick a longer period or step back in the breadcrumb."
      maxHeight={420}
      rowTestId="explore-figure-row"
      rowAttributes={(r) => ({ 'data-period': r.period ?? undefined, 'data-currency': r.currency ?? undefined, 'data-dims': JSON.stringify(r.dims) })}
      testId="explore-figures"
      caption={`${result.label}: the figures`}
      toolbar={
        <Text fw={600} size="sm">
          Figures
        </Text>
      }
    />
  );
}
