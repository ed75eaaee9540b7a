import { useCallback, useEffect, useRef, useState } from 'react';
import type { MetricRowsResult } from '../../../../shared/contract/metrics';
import { AppError } from '../../../../shared/errors';
import { call, errorMessage } from '../../api/client';
import { toRowsQuery, type ExploreState } from './explore-state';

export const ROWS_WINDOW = 200;

export type RowRecord = MetricRowsResult['rows'][number];

export interface RowWindows {
  /** Columns, kind, total, source, as-of: from the latest page. */
  meta: Omit<MetricRowsResult, 'rows'> | undefined;
  error: string | null;
  loading: boolean;
  rowAt: (index: number) => RowRecord | undefined;
  /** Fetches the windows covering [from, to] that are not cached or on their way. */
  ensure: (from: number, to: number) => void;
  reload: () => void;
  /** A column the layer refused to sort by (it names the ones it can), with its message. */
  refusedSort: { column: string; message: string } | null;
}

/**
 * The rows behind the view as 200-row pages of metrics.rows, fetched as they scroll into view and sorted by
 * the server (a million transactions sort where they are, not in the page). A new sort or filter starts over.
 */
export function useRowWindows(state: ExploreState, enabled: boolean): RowWindows {
  const key = JSON.stringify(toRowsQuery(state, 0, ROWS_WINDOW));
  const pages = useRef(new Map<number, RowRecord[]>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [meta, setMeta] = useState<RowWindows['meta']>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [refusedSort, setRefusedSort] = useState<RowWindows['refusedSort']>(null);
  const [, setVersion] = useState(0);

  const fetchPage = useCallback((offset: number) => {
    if (inflight.current.has(offset)) return;
    inflight.current.add(offset);
    const gen = generation.current;
    call('metrics.rows', toRowsQuery(stateRef.current, offset, ROWS_WINDOW)).then(
      ({ rows, ...rest }) => {
        if (gen !== generation.current) return;
        inflight.current.delete(offset);
        pages.current.set(offset, rows);
        setMeta(rest);
        setError(null);
        setLoading(false);
        setVersion((v) => v + 1);
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        inflight.current.delete(offset);
        const sort = stateRef.current.sort;
        if (sort && e instanceof AppError && e.code === 'VALIDATION' && e.message.startsWith('sort:')) setRefusedSort({ column: sort, message: e.message });
        setError(errorMessage(e));
        setLoading(false);
      },
    );
  }, []);

  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;

  const restart = useCallback(() => {
    generation.current += 1;
    // Nothing is fetched while the rows are not on screen (the chart view); opening them starts afresh.
    if (!enabledRef.current) return;
    pages.current = new Map();
    inflight.current = new Set();
    setLoading(true);
    setError(null);
    fetchPage(0);
  }, [fetchPage]);

  useEffect(() => {
    setMeta(undefined);
    restart();
  }, [key, enabled, restart]);

  const ensure = useCallback(
    (from: number, to: number) => {
      const total = meta?.total;
      if (total === undefined) return;
      for (let w = Math.floor(from / ROWS_WINDOW) * ROWS_WINDOW; w <= Math.min(to, total - 1); w += ROWS_WINDOW) {
        if (!pages.current.has(w)) fetchPage(w);
      }
    },
    [meta?.total, fetchPage],
  );

  const rowAt = useCallback((index: number) => {
    const offset = Math.floor(index / ROWS_WINDOW) * ROWS_WINDOW;
    return pages.current.get(offset)?.[index - offset];
  }, []);

  return { meta, error, loading, rowAt, ensure, reload: restart, refusedSort };
}
