import { Group, Paper, Skeleton, Table, Text } from '@mantine/core';
import { createColumnHelper, rowSortingFeature, tableFeatures, useTable, type SortingState, type Updater } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { RowColumn } from '../../../../shared/contract/metrics';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import { SortHeader } from '../../components/table/SortHeader';
import { formatCount } from '../../format/number';
import { navigate } from '../../state/route';
import type { SortDirection } from './explore-state';
import { columnClass, customerOf, formatRowCell, isNumericColumn, rowsCountText } from './row-cells';
import type { RowRecord, RowWindows } from './use-row-windows';
import './explore.css';

const features = tableFeatures({ rowSortingFeature });
const ROW_HEIGHT = 34;

interface Props {
  windows: RowWindows;
  sort: string | null;
  direction: SortDirection;
  onSort: (sort: string | null, direction: SortDirection) => void;
  /** Columns the layer refused to sort by although it offered them (an older server): their headers turn plain. */
  unsortable: ReadonlySet<string>;
}

/**
 * The rows behind the figures: virtualised (only the rows in view are in the page), sorted by the server on a
 * header click, each row opening its customer's 360 on click or Enter.
 */
export function RowsTable({ windows, sort, direction, onSort, unsortable }: Props) {
  const { meta, error, loading } = windows;
  const columns: RowColumn[] = meta?.columns ?? [];
  const sorting = useMemo<SortingState>(() => (sort ? [{ id: sort, desc: direction === 'desc' }] : []), [sort, direction]);
  const tanColumns = useMemo(() => {
    const helper = createColumnHelper<typeof features, RowRecord>();
    return helper.columns(
      columns.map((c) =>
        helper.accessor((r: RowRecord) => r[c.key] ?? null, { id: c.key, header: c.label, sortDescFirst: isNumericColumn(c), enableSorting: c.sortable && !unsortable.has(c.key) }),
      ),
    );
  }, [columns, unsortable]);
  const table = useTable({
    features,
    columns: tanColumns,
    // Rows are drawn from the windows below; the table only keeps the headers and the sort.
    data: [] as RowRecord[],
    manualSorting: true,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      onSort(first ? first.id : null, first?.desc === false ? 'asc' : 'desc');
    },
  });

  const total = meta?.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 15 });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    windows.ensure(firstIndex, lastIndex);
  }, [windows.ensure, firstIndex, lastIndex]);
  // Block body: Chromium's scrollTo now returns a promise, which React would take for a cleanup function.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [sort, direction]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  const open = (row: RowRecord | undefined) => {
    const customer = row && meta ? customerOf(row, meta.kind) : null;
    if (customer !== null) navigate(`customers/${customer}`);
  };
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, row: RowRecord | undefined, index: number) => {
    if (e.key === 'Enter') open(row);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = index + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0 || next >= total) return;
      virtualizer.scrollToIndex(next);
      window.requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
    }
  };

  let state = null;
  if (error && !meta) state = <ErrorView message={error} onRetry={windows.reload} />;
  else if (loading && !meta) state = <LoadingView label="Loading rows…" />;
  else if (meta && total === 0) state = <EmptyView title="No rows behind these figures" description="Nothing matches this period and these filters." />;

  return (
    <Paper withBorder radius="sm" data-testid="explore-rows" data-kind={meta?.kind}>
      <Group justify="space-between" px="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text fw={600} size="sm" data-testid="explore-rows-total" data-total={meta?.total}>
          {meta ? rowsCountText(`${formatCount(total)}${meta.totalCapped ? '+' : ''}`, total, meta.kind) : 'Rows'}
        </Text>
        <Text size="xs" c="dimmed">
          {columns.some((c) => c.sortable) ? 'Click a sortable header to sort · click' : 'Click'} a row (or Enter) to open the customer
        </Text>
      </Group>
      <div ref={scrollRef} className="table-scroll" style={{ maxHeight: 560, overflow: 'auto' }} tabIndex={-1}>
        <Table className="data-table" stickyHeader highlightOnHover tabularNums aria-rowcount={total}>
          <Table.Thead>
            <Table.Tr>
              {table.getHeaderGroups()[0]?.headers.map((h) => {
                const c = columns.find((x) => x.key === h.column.id);
                return (
                  <SortHeader key={h.id} column={h.column} label={c?.label ?? h.column.id} numeric={c ? isNumericColumn(c) : false} className={c ? columnClass(c) : undefined} />
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {padTop > 0 && <tr style={{ height: padTop }} aria-hidden />}
            {items.map((item) => {
              const row = windows.rowAt(item.index);
              if (!row) {
                return (
                  <Table.Tr key={item.key} style={{ height: ROW_HEIGHT }} aria-hidden>
                    <Table.Td colSpan={Math.max(1, columns.length)}>
                      <Skeleton height={12} radius="sm" />
                    </Table.Td>
                  </Table.Tr>
                );
              }
              const customer = meta ? customerOf(row, meta.kind) : null;
              return (
                <Table.Tr
                  key={item.key}
                  style={{ height: ROW_HEIGHT, cursor: customer !== null ? 'pointer' : undefined }}
                  tabIndex={0}
                  data-index={item.index}
                  data-testid="explore-row"
                  data-customer-id={customer ?? undefined}
                  onClick={() => open(row)}
                  onKeyDown={(e) => onKey(e, row, item.index)}
                  aria-rowindex={item.index + 2}
                >
                  {columns.map((c) => (
                    <Table.Td key={c.key} className={columnClass(c)} data-col={c.key}>
                      {formatRowCell(c, row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
            {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden />}
          </Table.Tbody>
        </Table>
        {state && <div style={{ padding: 'var(--mantine-spacing-sm)' }}>{state}</div>}
      </div>
      {error && meta && (
        <Text c="red" size="xs" px="sm" py={4}>
          Could not load more rows: {error}
        </Text>
      )}
    </Paper>
  );
}
