import type { ReactNode } from 'react';
import type { CsvCell } from '../../format/csv';

export type CellValue = string | number | null;

/** One column as screens describe it; DataTable turns these into TanStack columns. */
export interface ColumnSpec<T> {
  id: string;
  header: string;
  /** The raw value: what sorting compares and, unless `csv` says otherwise, what CSV export writes. */
  value: (row: T) => CellValue;
  /** How the cell looks; the raw value as text when omitted. */
  render?: (row: T) => ReactNode;
  csv?: (row: T) => CsvCell;
  /** Right-aligned in tabular figures. */
  numeric?: boolean;
  sortable?: boolean;
  width?: number | string;
  /** Takes the width the other columns leave and truncates its text (one per table, e.g. a description). */
  grow?: boolean;
  /** data-testid of every cell in this column. */
  testId?: string;
  /** Hidden while the table is narrower than this many pixels (the least important columns); CSV export keeps it. */
  hideBelow?: 900 | 1100;
  /** Not shown on screen (another column shows it, e.g. the currency beside the amount); CSV export keeps it. */
  csvOnly?: boolean;
}

/** The class names of a column's header and body cells. */
export function cellClass(spec: Pick<ColumnSpec<unknown>, 'numeric' | 'grow' | 'hideBelow'>): string | undefined {
  const names = [spec.numeric ? 'num' : spec.grow ? 'grow' : null, spec.hideBelow ? `hide-below-${spec.hideBelow}` : null].filter(Boolean);
  return names.length > 0 ? names.join(' ') : undefined;
}

/** Ascending order; nulls first so "desc" puts the values that exist on top. */
export function compareCells(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** The row's buttons, last and without a header: neither sorted nor written to CSV. */
export function actionsColumn<T>(width: number, render: (row: T) => ReactNode): ColumnSpec<T> {
  return { id: 'actions', header: '', sortable: false, value: () => null, csv: () => null, width, render };
}
