import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AlertFilter, AlertRow } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useQueueNav } from './fraud-state';
import { WINDOW_SIZE, windowsFor, windowsToEvict, type QueueSort } from './fraud-values';

/** At most this many windows (× 200 rows) stay cached; the farthest from view are dropped first. */
const KEEP_WINDOWS = 40;

export interface AlertWindows {
  /** Rows matching the filters; undefined until the first window arrives. */
  total: number | undefined;
  asOf: number | null;
  error: string | null;
  refreshing: boolean;
  /** The row at a position, when its window is cached. */
  rowAt: (index: number) => AlertRow | undefined;
  /** Fetches the windows covering rows [from, to] that are not cached yet. */
  ensure: (from: number, to: number) => void;
  /** Every cached row, in order (for "select loaded"). */
  loadedRows: () => AlertRow[];
  /** Refetches what is on screen, keeping the current rows visible until the answers arrive. */
  reload: () => void;
}

/**
 * The review queue as windows of alerts.list: only the rows near the viewport are ever fetched,
 * so 100,000 alerts cost a few 200-row requests while scrolling.
 */
export function useAlertWindows(filter: AlertFilter, sort: QueueSort): AlertWindows {
  const key = JSON.stringify([filter, sort]);
  const cache = useRef(new Map<number, AlertRow[]>());
  /** What was on screen before a reload: shown until the fresh windows replace it. */
  const stale = useRef(new Map<number, AlertRow[]>());
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef<[number, number]>([0, WINDOW_SIZE - 1]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [asOf, setAsOf] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [, setVersion] = useState(0);
  // Keyed by content: a new but equal filter object must not restart the list.
  const query = useMemo(() => ({ filter, sort }), [key]);
  const totalRef = useRef<number | undefined>(undefined);

  const fetchWindow = useCallback(
    (offset: number) => {
      if (inflight.current.has(offset)) return;
      inflight.current.add(offset);
      const gen = generation.current;
      call('alerts.list', { ...query.filter, sort: query.sort, offset, limit: WINDOW_SIZE }).then(
        (page) => {
          if (gen !== generation.current) return;
          inflight.current.delete(offset);
          cache.current.set(offset, page.rows);
          stale.current.delete(offset);
          if (inflight.current.size === 0) {
            stale.current.clear();
            setRefreshing(false);
          }
          totalRef.current = page.total;
          setTotal(page.total);
          setAsOf(page.asOf);
          setError(null);
          useQueueNav.getState().remember(
            offset,
            page.rows.map((r) => r.id),
            page.total,
          );
          const [from] = lastRange.current;
          for (const w of windowsToEvict([...cache.current.keys()], from, KEEP_WINDOWS)) cache.current.delete(w);
          setVersion((v) => v + 1);
        },
        (e: unknown) => {
          if (gen !== generation.current) return;
          inflight.current.delete(offset);
          setRefreshing(false);
          setError(errorMessage(e));
        },
      );
    },
    [query],
  );

  const ensure = useCallback(
    (from: number, to: number) => {
      lastRange.current = [from, to];
      const t = totalRef.current;
      if (t === undefined) return;
      for (const w of windowsFor(from, to, t)) if (!cache.current.has(w)) fetchWindow(w);
    },
    [fetchWindow],
  );

  // New filters or sort: a fresh list from the top.
  useEffect(() => {
    generation.current += 1;
    cache.current = new Map();
    stale.current = new Map();
    inflight.current = new Set();
    totalRef.current = undefined;
    setTotal(undefined);
    setError(null);
    useQueueNav.getState().setQuery(query.filter, query.sort);
    fetchWindow(0);
  }, [query, fetchWindow]);

  const reload = useCallback(() => {
    generation.current += 1;
    stale.current = new Map([...stale.current, ...cache.current]);
    cache.current = new Map();
    inflight.current = new Set();
    setRefreshing(true);
    const [from, to] = lastRange.current;
    const t = totalRef.current ?? WINDOW_SIZE;
    const wanted = windowsFor(from, to, Math.max(t, 1));
    for (const w of wanted.length > 0 ? wanted : [0]) fetchWindow(w);
  }, [fetchWindow]);

  const rowAt = useCallback((index: number) => {
    const offset = Math.floor(index / WINDOW_SIZE) * WINDOW_SIZE;
    const rows = cache.current.get(offset) ?? stale.current.get(offset);
    return rows?.[index - offset];
  }, []);

  const loadedRows = useCallback(() => {
    const offsets = [...cache.current.keys()].sort((a, b) => a - b);
    return offsets.flatMap((o) => cache.current.get(o) ?? []);
  }, []);

  return { total, asOf, error, refreshing, rowAt, ensure, loadedRows, reload };
}
