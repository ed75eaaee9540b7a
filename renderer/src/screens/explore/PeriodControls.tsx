import { Group, Select, TextInput } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Grain } from '../../../../shared/bank-time';
import { nextDay, previousDay, QUICK_PERIOD_GRAIN, QUICK_PERIOD_LABELS, QUICK_PERIODS, quickPeriodOf, quickPeriodRange, type DayRange, type QuickPeriod } from './explore-period';
import type { Compare } from './explore-state';

const GRAIN_LABELS: Record<Grain, string> = { day: 'By day', week: 'By week', month: 'By month', quarter: 'By quarter', year: 'By year' };
const COMPARE_LABELS: Record<Compare, string> = { none: 'No comparison', previous: 'Previous period', year: 'Same period last year' };
const CUSTOM = 'custom';

interface Props {
  range: DayRange;
  grain: Grain | null;
  compare: Compare;
  grains: readonly Grain[];
  /** The bank's today, for the quick picks. */
  today: string;
  onChange: (change: Partial<DayRange & { grain: Grain | null; compare: Compare }>) => void;
}

/**
 * Period (quick picks or custom dates), time grain and comparison. Custom dates are shown inclusive ("until
 * 31 Mar"), as people say them; the query's `to` is the day after.
 */
export function PeriodControls({ range, grain, compare, grains, today, onChange }: Props) {
  const quick = quickPeriodOf(range, today);
  const [custom, setCustom] = useState(quick === null);
  useEffect(() => {
    if (quick === null) setCustom(true);
  }, [quick]);
  const [fromText, setFromText] = useState(range.from);
  const [untilText, setUntilText] = useState(previousDay(range.to));
  useEffect(() => {
    setFromText(range.from);
    setUntilText(previousDay(range.to));
  }, [range.from, range.to]);

  const applyCustom = (from: string, until: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(until) || until < from) return;
    onChange({ from, to: nextDay(until) });
  };

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label="Period"
        w={180}
        leftSection={<IconCalendar size={16} />}
        data={[...QUICK_PERIODS.map((p) => ({ value: p, label: QUICK_PERIOD_LABELS[p] })), { value: CUSTOM, label: 'Custom dates' }]}
        value={custom ? CUSTOM : quick}
        allowDeselect={false}
        onChange={(v) => {
          if (v === CUSTOM) {
            setCustom(true);
            return;
          }
          const pick = QUICK_PERIODS.find((p) => p === v) as QuickPeriod | undefined;
          if (!pick) return;
          setCustom(false);
          const preferred = QUICK_PERIOD_GRAIN[pick];
          onChange({ ...quickPeriodRange(pick, today), grain: grain === null ? null : grains.includes(preferred) ? preferred : grain });
        }}
        data-testid="explore-period"
      />
      {custom && (
        <>
          <TextInput
            type="date"
            label="From"
            w={150}
            value={fromText}
            onChange={(e) => {
              setFromText(e.currentTarget.value);
              applyCustom(e.currentTarget.value, untilText);
            }}
            data-testid="explore-from"
          />
          <TextInput
            type="date"
            label="Until (inclusive)"
            w={150}
            value={untilText}
            error={untilText < fromText ? 'Before the start' : undefined}
            onChange={(e) => {
              setUntilText(e.currentTarget.value);
              applyCustom(fromText, e.currentTarget.value);
            }}
            data-testid="explore-until"
          />
        </>
      )}
      <Select
        label="Over time"
        w={140}
        data={[{ value: 'total', label: 'Whole period' }, ...grains.map((g) => ({ value: g, label: GRAIN_LABELS[g] }))]}
        value={grain ?? 'total'}
        allowDeselect={false}
        onChange={(v) => onChange({ grain: grains.find((g) => g === v) ?? null })}
        data-testid="explore-grain"
      />
      <Select
        label="Compare with"
        w={190}
        data={(Object.keys(COMPARE_LABELS) as Compare[]).map((c) => ({ value: c, label: COMPARE_LABELS[c] }))}
        value={compare}
        allowDeselect={false}
        onChange={(v) => onChange({ compare: v === 'previous' || v === 'year' ? v : 'none' })}
        data-testid="explore-compare"
      />
    </Group>
  );
}
