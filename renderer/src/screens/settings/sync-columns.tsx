import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { SyncStatus } from '../../../../shared/contract';
import type { ColumnSpec } from '../../components/table/columns';
import { formatDateTime, formatRelative } from '../../format/date';
import { formatCount } from '../../format/number';
import { ageMs, STALE_AFTER_MS, tableFreshness, type SyncTable } from '../../state/sync-view';

const STALE_MINUTES = Math.round(STALE_AFTER_MS / 60_000);

/** Columns of the cached-tables grid; ages are measured against `now`, which the screen keeps ticking. */
export function syncColumns(source: SyncStatus['source'], now: number): ColumnSpec<SyncTable>[] {
  return [
    { id: 'table', header: 'Table', value: (t) => t.table, render: (t) => <span className="mono">{t.table}</span>, testId: 'sync-table-name' },
    { id: 'rows', header: 'Rows', numeric: true, value: (t) => t.rows, render: (t) => formatCount(t.rows), testId: 'sync-table-rows' },
    {
      id: 'lastSyncedAt',
      header: 'Last synced',
      value: (t) => t.lastSyncedAt,
      render: (t) =>
        t.lastSyncedAt === null ? (
          <Text span inherit c="dimmed">
            Not yet
          </Text>
        ) : (
          formatDateTime(t.lastSyncedAt)
        ),
      csv: (t) => (t.lastSyncedAt === null ? null : new Date(t.lastSyncedAt).toISOString()),
    },
    {
      id: 'age',
      header: 'Age',
      numeric: true,
      value: (t) => ageMs(t.lastSyncedAt, now),
      // The exact instant is in "Last synced"; the sheet gets the age as the screen says it.
      csv: (t) => (t.lastSyncedAt === null ? null : formatRelative(Math.min(t.lastSyncedAt, now), now)),
      testId: 'sync-table-age',
      render: (t) => {
        const freshness = tableFreshness(t, source, now);
        if (t.lastSyncedAt === null) {
          return (
            <Text span inherit c="dimmed">
              waiting for the first copy
            </Text>
          );
        }
        const relative = formatRelative(Math.min(t.lastSyncedAt, now), now);
        if (freshness !== 'stale') return relative;
        return (
          <Group gap={6} justify="flex-end" wrap="nowrap">
            <Tooltip label={`Not refreshed for over ${STALE_MINUTES} minutes although the bank is reachable: the sync may be stuck.`}>
              <Badge size="sm" variant="light" color="orange" tabIndex={0} data-testid="sync-table-stale">
                Behind
              </Badge>
            </Tooltip>
            <Text span inherit c="orange">
              {relative}
            </Text>
          </Group>
        );
      },
    },
    { id: 'freshness', header: 'Freshness', value: (t) => tableFreshness(t, source, now), csvOnly: true },
  ];
}
