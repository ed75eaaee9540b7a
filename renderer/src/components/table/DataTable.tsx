import { Group, Paper, Table, Text } from '@mantine/core';
import { createColumnHelper, createSortedRowModel, rowSortingFeature, tableFeatures, useTable, type Row, type RowData, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { EmptyView, ErrorView, LoadingView } from '../StateViews';
import { cellClass, compareCells, type CellValue, type ColumnSpec } from './columns';
import { ExportCsvButton } from './ExportCsvButton';
import { SortHeader } from './SortHeader';

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
type Features = typeof features;

/** Above this many rows only the visible ones are rendered. */
const VIRTUALIZE_ABOVE = 200;
const ROW_HEIGHT = 33;

export interface DataTableProps<T> {
  columns: ColumnSpec<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
  emptyTitle: string;
  emptyDescription?: ReactNode;
  initialSort?: { id: string; desc: boolean };
  /** Offers "Export CSV" of the rows in their current order. */
  csvName?: string;
  toolbar?: ReactNode;
  footer?: ReactNode;
  maxHeight?: number | string;
  rowTestId?: string;
  /** Extra data-* attributes per row (what a row is and its flags), for tests and styling. */
  rowAttributes?: (row: T) => Record<`data-${string}`, string | undefined>;
  testId?: string;
  caption?: string;
}

function sortByValue<T extends RowData>(a: Row<Features, T>, b: Row<Features, T>, columnId: string): number {
  return compareCells(a.getValue<CellValue>(columnId), b.getValue<CellValue>(columnId));
}

/** Sortable, exportable grid used by every screen; loading, error and empty states live inside its frame. */
export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { columns: specs, rows, rowKey, maxHeight = 560 } = props;
  // CSV export writes every column; the grid shows the ones not marked csvOnly.
  const shown = useMemo(() => specs.filter((s) => !s.csvOnly), [specs]);
  const [sorting, setSorting] = useState<SortingState>(props.initialSort ? [props.initialSort] : []);
  const data = useMemo(() => rows ?? [], [rows]);
  const columns = useMemo(() => {
    const helper = createColumnHelper<Features, T>();
    return helper.columns(
      shown.map((spec) => helper.accessor((row: T) => spec.value(row), { id: spec.id, header: spec.header, enableSorting: spec.sortable !== false, sortFn: sortByValue })),
    );
  }, [shown]);
  const table = useTable({ features, columns, data, getRowId: (row) => rowKey(row), state: { sorting }, onSortingChange: setSorting });
  const sortedRows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = sortedRows.length > VIRTUALIZE_ABOVE;
  const virtualizer = useVirtualizer({ count: sortedRows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, enabled: virtual });
  const items = virtual ? virtualizer.getVirtualItems() : null;
  const visible = items ? items.map((i) => ({ row: sortedRows[i.index], index: i.index })) : sortedRows.map((row, index) => ({ row, index }));
  const padTop = items?.[0]?.start ?? 0;
  const padBottom = items && items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const specById = useMemo(() => new Map(shown.map((s) => [s.id, s])), [shown]);

  let bodyState: ReactNode = null;
  if (props.error && rows === undefined) bodyState = <ErrorView message={props.error} onRetry={props.onRetry} />;
  else if (props.loading && rows === undefined) bodyState = <LoadingView />;
  else if (data.length === 0) bodyState = <EmptyView title={props.emptyTitle} description={props.emptyDescription} />;

  return (
    <Paper withBorder radius="sm" data-testid={props.testId}>
      {(props.toolbar || props.csvName) && (
        <Group justify="space-between" px="sm" py={6} gap="xs" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Group gap="xs">{props.toolbar}</Group>
          {props.csvName && <ExportCsvButton name={props.csvName} specs={specs} rows={sortedRows.map((r) => r.original)} />}
        </Group>
      )}
      <div ref={scrollRef} className="table-scroll" style={{ maxHeight, overflow: 'auto' }} tabIndex={0} aria-label={props.caption}>
        <Table className="data-table" stickyHeader highlightOnHover striped={false} tabularNums>
          {props.caption && <Table.Caption style={{ display: 'none' }}>{props.caption}</Table.Caption>}
          <Table.Thead>
            <Table.Tr>
              {table.getHeaderGroups()[0]?.headers.map((header) => {
                const spec = specById.get(header.column.id);
                return (
                  <SortHeader
                    key={header.id}
                    column={header.column}
                    label={spec?.header ?? header.column.id}
                    numeric={spec?.numeric}
                    className={spec ? cellClass(spec) : undefined}
                    width={spec?.grow ? '100%' : spec?.width}
                  />
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {padTop > 0 && <tr style={{ height: padTop }} aria-hidden />}
            {visible.map(({ row }) =>
              row ? (
                <Table.Tr key={row.id} data-testid={props.rowTestId} data-row-id={row.id} {...props.rowAttributes?.(row.original)}>
                  {shown.map((spec) => (
                    <Table.Td key={spec.id} className={cellClass(spec)} data-testid={spec.testId}>
                      {spec.render ? spec.render(row.original) : (spec.value(row.original) ?? '—')}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ) : null,
            )}
            {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden />}
          </Table.Tbody>
        </Table>
        {bodyState && <div style={{ padding: 'var(--mantine-spacing-sm)' }}>{bodyState}</div>}
      </div>
      {props.error && rows !== undefined && (
        <Text c="red" size="xs" px="sm" py={4}>
          Refresh failed: {props.error}
        </Text>
      )}
      {props.footer}
    </Paper>
  );
}
