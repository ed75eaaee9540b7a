import { Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import type { ReportFilter, ReportPeriod } from '../../../../shared/report-definition';
import { useApiQuery } from '../../api/use-api-query';
import type { Draft } from './builder-state';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Props {
  draft: Draft;
  readOnly: boolean;
  onChange: (d: Draft) => void;
}

/** What the report covers: title, bank period, comparisons, filters, audience. */
export function DefinitionForm({ draft, readOnly, onChange }: Props) {
  const branches = useApiQuery('branches.list', {});
  const products = useApiQuery('products.list', {});
  const p = draft.period;
  const setPeriod = (next: ReportPeriod): void => onChange({ ...draft, period: next });
  const filter = (dimension: ReportFilter['dimension']): string | null => draft.filters?.find((f) => f.dimension === dimension)?.value ?? null;
  const setFilter = (dimension: ReportFilter['dimension'], value: string | null): void =>
    onChange({ ...draft, filters: [...(draft.filters ?? []).filter((f) => f.dimension !== dimension), ...(value ? [{ dimension, value }] : [])] });
  // The two filters picked from a list (the currency is typed): the same searchable Select, "all" when empty.
  const choiceFilters = [
    { dimension: 'branch', label: 'Branch', placeholder: 'All branches', options: (branches.data ?? []).map((b) => ({ value: String(b.id), label: b.name })) },
    { dimension: 'product', label: 'Product', placeholder: 'All products', options: (products.data ?? []).map((x) => ({ value: String(x.id), label: x.name })) },
  ] as const;
  const comparisons = draft.comparisons ?? [];
  const year = 'year' in p ? p.year : Number(p.from.slice(0, 4));
  return (
    <Paper withBorder p="sm" data-testid="report-definition">
      <Title order={5} mb={6}>
        Report
      </Title>
      <Stack gap="xs">
        <TextInput label="Title" value={draft.title} readOnly={readOnly} onChange={(e) => onChange({ ...draft, title: e.currentTarget.value })} data-testid="report-title-input" />
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label="Period"
            w={120}
            value={p.kind}
            readOnly={readOnly}
            allowDeselect={false}
            data={[
              { value: 'quarter', label: 'Quarter' },
              { value: 'month', label: 'Month' },
              { value: 'year', label: 'Year' },
            ]}
            onChange={(k) => {
              if (k === 'quarter') setPeriod({ kind: 'quarter', year, quarter: 4 });
              if (k === 'month') setPeriod({ kind: 'month', year, month: 12 });
              if (k === 'year') setPeriod({ kind: 'year', year });
            }}
            data-testid="report-period-kind"
          />
          {p.kind === 'quarter' && (
            <Select
              label="Quarter"
              w={90}
              value={String(p.quarter)}
              readOnly={readOnly}
              allowDeselect={false}
              data={['1', '2', '3', '4'].map((q) => ({ value: q, label: `Q${q}` }))}
              onChange={(v) => setPeriod({ ...p, quarter: Number(v ?? 1) })}
              data-testid="report-period-quarter"
            />
          )}
          {p.kind === 'month' && (
            <Select
              label="Month"
              w={140}
              value={String(p.month)}
              readOnly={readOnly}
              allowDeselect={false}
              data={MONTHS.map((m, i) => ({ value: String(i + 1), label: m }))}
              onChange={(v) => setPeriod({ ...p, month: Number(v ?? 1) })}
            />
          )}
          {p.kind !== 'custom' && (
            <NumberInput
              label="Year"
              w={100}
              min={1900}
              max={2200}
              value={p.year}
              readOnly={readOnly}
              onChange={(v) => typeof v === 'number' && setPeriod({ ...p, year: v })}
              data-testid="report-period-year"
            />
          )}
        </Group>
        <Group gap="md">
          <Checkbox
            label="Previous period"
            checked={comparisons.includes('previous')}
            disabled={readOnly}
            onChange={(e) => onChange({ ...draft, comparisons: e.currentTarget.checked ? [...comparisons, 'previous'] : comparisons.filter((c) => c !== 'previous') })}
          />
          <Checkbox
            label="Same period last year"
            checked={comparisons.includes('year')}
            disabled={readOnly}
            onChange={(e) => onChange({ ...draft, comparisons: e.currentTarget.checked ? [...comparisons, 'year'] : comparisons.filter((c) => c !== 'year') })}
          />
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          {choiceFilters.map((f) => (
            <Select
              key={f.dimension}
              label={f.label}
              placeholder={f.placeholder}
              clearable
              searchable
              readOnly={readOnly}
              value={filter(f.dimension)}
              data={f.options}
              onChange={(v) => setFilter(f.dimension, v)}
            />
          ))}
          <TextInput
            label="Currency"
            placeholder="All"
            maxLength={3}
            readOnly={readOnly}
            value={filter('currency') ?? ''}
            onChange={(e) => setFilter('currency', e.currentTarget.value.toUpperCase() || null)}
          />
        </SimpleGrid>
        <Textarea
          label="Audience note"
          description="Printed on the cover"
          autosize
          minRows={2}
          maxRows={5}
          readOnly={readOnly}
          value={draft.audience ?? ''}
          onChange={(e) => onChange({ ...draft, audience: e.currentTarget.value })}
        />
      </Stack>
    </Paper>
  );
}
