import { useEffect, useMemo } from 'react';
import type { AlertFilter, AlertRow, MethodOutput } from '../../../../shared/contract';
import { errorText } from '../../api/use-api-query';
import { useApiWindows } from '../../api/use-api-windows';
import { useQueueNav } from './fraud-state';
import { WINDOW_SIZE, type QueueSort } from './fraud-values';

type AlertPage = MethodOutput<'alerts.list'>;

export interface AlertWindows {
  /** Rows matching the filters; undefined until the first window arrives. */
  total: number | undefined;
  asOf: number | null;
  error: string | null;
  refreshing: boolean;
  /** The row at a position, when its window is cached. */
  rowAt: (index: number) => AlertRow | undefined;
  /** Asks for the windows covering rows [from, to]. */
  ensure: (from: number, to: number) => void;
  /** Every cached row, in order (for "select loaded"). */
  loadedRows: () => AlertRow[];
  /** Refetches what is on screen, keeping the current rows visible until the answers arrive. */
  reload: () => void;
}

/**
 * The review queue as windows of alerts.list: only the rows near the viewport are ever fetched,
 * so 100,000 alerts cost a few 200-row requests while scrolling. Pushes and writes that change alerts
 * refetch the windows on screen (method-tables.ts).
 */
export function useAlertWindows(filter: AlertFilter, sort: QueueSort): AlertWindows {
  const key = JSON.stringify([filter, sort]);
  // Keyed by content: a new but equal filter object must not restart the list.
  const query = useMemo(() => ({ filter, sort }), [key]);
  const windows = useApiWindows('alerts.list', key, {
    size: WINDOW_SIZE,
    input: (offset) => ({ ...query.filter, sort: query.sort, offset, limit: WINDOW_SIZE }),
    rows: (page: AlertPage) => page.rows,
    total: (page: AlertPage) => page.total,
  });

  // The investigation's n / p keys walk the queue in the order the analyst saw it.
  useEffect(() => useQueueNav.getState().setQuery(query.filter, query.sort), [query]);
  const { answered, answeredAt } = windows;
  useEffect(() => {
    for (const [offset, page] of answered) {
      useQueueNav.getState().remember(
        offset,
        page.rows.map((r) => r.id),
        page.total,
      );
    }
  }, [answeredAt]);

  return {
    total: windows.total,
    asOf: windows.head?.asOf ?? null,
    error: errorText(windows.error),
    refreshing: windows.refreshing,
    rowAt: windows.rowAt,
    ensure: windows.ensure,
    loadedRows: windows.loadedRows,
    reload: windows.reload,
  };
}
