import { useMemo } from 'react';
import type { MetricRowsResult } from '../../../../shared/contract/metrics';
import { AppError } from '../../../../shared/errors';
import { errorText } from '../../api/use-api-query';
import { useApiWindows } from '../../api/use-api-windows';
import { toRowsQuery, type ExploreState } from './explore-state';

export const ROWS_WINDOW = 200;

export type RowRecord = MetricRowsResult['rows'][number];

export interface RowWindows {
  /** Columns, kind, total, source, as-of: from the first page. */
  meta: Omit<MetricRowsResult, 'rows'> | undefined;
  error: string | null;
  loading: boolean;
  rowAt: (index: number) => RowRecord | undefined;
  /** Asks for the windows covering [from, to]. */
  ensure: (from: number, to: number) => void;
  reload: () => void;
  /** A column the layer refused to sort by (it names the ones it can), with its message. */
  refusedSort: { column: string; message: string } | null;
}

/**
 * The rows behind the view as 200-row pages of metrics.rows, fetched as they scroll into view and sorted by
 * the server (a million transactions sort where they are, not in the page). A new sort or filter starts over;
 * nothing is fetched while the rows are not on screen (the chart view).
 */
export function useRowWindows(state: ExploreState, enabled: boolean): RowWindows {
  const key = JSON.stringify(toRowsQuery(state, 0, ROWS_WINDOW));
  const windows = useApiWindows('metrics.rows', key, {
    size: ROWS_WINDOW,
    input: (offset) => toRowsQuery(state, offset, ROWS_WINDOW),
    rows: (page: MetricRowsResult) => page.rows,
    total: (page: MetricRowsResult) => page.total,
    enabled,
  });
  const meta = useMemo(() => {
    if (!windows.head) return undefined;
    const { rows: _rows, ...rest } = windows.head;
    return rest;
  }, [windows.head]);
  const sort = state.sort;
  const refusedSort = useMemo(() => {
    const e = windows.error;
    return sort && e instanceof AppError && e.code === 'VALIDATION' && e.message.startsWith('sort:') ? { column: sort, message: e.message } : null;
  }, [windows.error, sort]);
  return {
    meta,
    error: errorText(windows.error),
    loading: enabled && windows.head === undefined && windows.error === null,
    rowAt: windows.rowAt,
    ensure: windows.ensure,
    reload: windows.reload,
    refusedSort,
  };
}
