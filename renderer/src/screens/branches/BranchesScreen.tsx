import { Anchor, Group, Select, Text } from '@mantine/core';
import { IconClock, IconPhone } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Branch } from '../../../../shared/contract';
import { tableState, useApiQuery } from '../../api/use-api-query';
import { FilterInput } from '../../components/FilterInput';
import { Screen } from '../../components/Screen';
import { DataTable } from '../../components/table/DataTable';
import type { ColumnSpec } from '../../components/table/columns';
import { formatCount } from '../../format/number';
import { fullAddress, hoursLines, matchesBranch, telHref } from './branch-values';
import { countOf } from '../../format/plural';

const COLUMNS: ColumnSpec<Branch>[] = [
  { id: 'code', header: 'Code', value: (b) => b.code, render: (b) => <span className="mono">{b.code}</span> },
  {
    id: 'name',
    header: 'Branch',
    value: (b) => b.name,
    render: (b) => (
      <div>
        <Text size="sm" fw={500} data-testid="branch-name">
          {b.name}
        </Text>
        <Text size="xs" c="dimmed">
          {b.region}
        </Text>
      </div>
    ),
  },
  // Shown under the branch's name; its own column in CSV, and the region filter above the grid.
  { id: 'region', header: 'Region', value: (b) => b.region, csvOnly: true },
  {
    id: 'address',
    header: 'Address',
    value: (b) => fullAddress(b),
    render: (b) => (
      <span className="clip" style={{ maxWidth: 320 }} title={fullAddress(b)}>
        {fullAddress(b)}
      </span>
    ),
  },
  { id: 'city', header: 'City', value: (b) => b.city, csvOnly: true },
  {
    id: 'phone',
    header: 'Phone',
    value: (b) => b.phone,
    render: (b) => (
      <Anchor href={telHref(b.phone)} size="sm" className="mono" data-testid="branch-phone">
        <Group gap={4} component="span" wrap="nowrap">
          <IconPhone size={13} />
          {b.phone}
        </Group>
      </Anchor>
    ),
  },
  {
    id: 'hours',
    header: 'Opening hours',
    value: (b) => b.hours,
    render: (b) => (
      <Group gap={6} wrap="nowrap" align="flex-start" title={b.hours}>
        <IconClock size={13} style={{ flexShrink: 0, opacity: 0.6, marginTop: 4 }} />
        <div className="num" style={{ textAlign: 'left' }}>
          {hoursLines(b.hours).map((line) => (
            <Text key={line} size="sm">
              {line}
            </Text>
          ))}
        </div>
      </Group>
    ),
  },
  { id: 'customers', header: 'Customers', numeric: true, value: (b) => b.customers, render: (b) => formatCount(b.customers) },
];

/** Branches: the bank's branches with address, opening hours and phone, searchable and filterable by region. */
export function BranchesScreen() {
  const branches = useApiQuery('branches.list', {});
  const [query, setQuery] = useState('');
  const [region, setRegion] = useState<string | null>(null);
  const regions = useMemo(() => [...new Set((branches.data ?? []).map((b) => b.region))].sort((a, b) => a.localeCompare(b)), [branches.data]);
  const rows = useMemo(() => branches.data?.filter((b) => (region === null || b.region === region) && matchesBranch(b, query)), [branches.data, region, query]);
  const total = branches.data?.length ?? 0;

  return (
    <Screen
      testId="branches-screen"
      title="Branches"
      description="Branch directory: where each branch is, when it is open and how to call it. Phone numbers dial from this computer where a softphone is set up."
    >
      <DataTable
        columns={COLUMNS}
        rows={rows}
        rowKey={(b) => String(b.id)}
        {...tableState(branches)}
        emptyTitle={total === 0 ? 'No branches in the directory' : 'No branch matches'}
        emptyDescription={total === 0 ? undefined : 'Try another city, street or region.'}
        initialSort={{ id: 'name', desc: false }}
        csvName="branches"
        toolbar={
          <>
            <FilterInput value={query} onChange={setQuery} label="Search branches" placeholder="Search city, street, name or phone" w={260} autoFocus testId="branch-search" />
            <Select size="xs" w={180} placeholder="All regions" data={regions} value={region} onChange={setRegion} clearable aria-label="Region" data-testid="branch-region" />
            {branches.data && (
              <Text size="xs" c="dimmed" data-testid="branch-count">
                {rows?.length === total ? countOf(total, 'branch', 'branches') : `${formatCount(rows?.length ?? 0)} of ${countOf(total, 'branch', 'branches')}`}
              </Text>
            )}
          </>
        }
        maxHeight="calc(100vh - 230px)"
        rowTestId="branch-row"
        rowAttributes={(b) => ({ 'data-code': b.code })}
        testId="branches-table"
        caption="Branch directory"
      />
    </Screen>
  );
}
