import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import type { QueryMethod } from './method-tables';
import { apiQueryKey, apiQueryOptions } from './use-api-query';

/** The windows (their first offsets) that cover rows [from, to], inclusive. */
export function windowsFor(from: number, to: number, total: number, size: number): number[] {
  if (total <= 0 || to < from) return [];
  const first = Math.floor(Math.max(0, from) / size);
  const last = Math.floor(Math.min(total - 1, to) / size);
  const out: number[] = [];
  for (let w = first; w <= last; w += 1) out.push(w * size);
  return out;
}

export interface WindowSpec<M extends QueryMethod, Row> {
  size: number;
  /** The method's input for the window starting at `offset`. */
  input: (offset: number) => MethodInput<M>;
  rows: (page: MethodOutput<M>) => readonly Row[];
  total: (page: MethodOutput<M>) => number;
  enabled?: boolean;
}

export interface ApiWindows<M extends QueryMethod, Row> {
  /** The first window's answer (totals, as-of…); undefined until it arrives. */
  head: MethodOutput<M> | undefined;
  total: number | undefined;
  /** The first error of a window on screen. */
  error: Error | null;
  /** A window on screen is being fetched again while its rows stay shown. */
  refreshing: boolean;
  /** The windows on screen that have answered, by offset: for whoever needs the ids in order. */
  answered: ReadonlyArray<readonly [offset: number, page: MethodOutput<M>]>;
  /** Changes whenever a window on screen receives an answer (an effect dependency for `answered`). */
  answeredAt: number;
  rowAt: (index: number) => Row | undefined;
  /** Asks for the windows covering rows [from, to]; the first window is always asked for (it gives the total). */
  ensure: (from: number, to: number) => void;
  /** Every row still in the cache for these inputs, in order. */
  loadedRows: () => Row[];
  /** Fetches every window of this method again (the ones on screen now, the others when next shown). */
  reload: () => void;
}

/** Windows are refreshed by pushes and writes (method-tables.ts); scrolling back within this long does not ask again. */
const WINDOW_STALE_MS = 60_000;
/** A window scrolled out of view is kept this long, so a long list does not stay in memory whole. */
const WINDOW_GC_MS = 60_000;

/**
 * A long list read as windows of `size` rows at any offset (virtualized scrolling): each window is its
 * own cached query keyed by method + input, so jumping to row 50,000 costs one request, windows are
 * shared with any other reader of the same input, and table changes refetch those on screen.
 */
export function useApiWindows<M extends QueryMethod, Row>(method: M, key: string, spec: WindowSpec<M, Row>): ApiWindows<M, Row> {
  const client = useQueryClient();
  const [range, setRange] = useState<{ key: string; from: number; to: number }>({ key, from: 0, to: 0 });
  // A new key (filters, sort) starts from the top: the old range belongs to another list.
  const visible = range.key === key ? range : { key, from: 0, to: 0 };
  const enabled = spec.enabled ?? true;

  const headKey = apiQueryKey(method, spec.input(0));
  const headData = client.getQueryData<MethodOutput<M>>(headKey);
  const knownTotal = headData === undefined ? undefined : spec.total(headData);
  const offsets = useMemo(() => [...new Set([0, ...windowsFor(visible.from, visible.to, knownTotal ?? 0, spec.size)])], [visible.from, visible.to, knownTotal, spec.size]);

  const results = useQueries({ queries: offsets.map((offset) => ({ ...apiQueryOptions(method, spec.input(offset)), staleTime: WINDOW_STALE_MS, gcTime: WINDOW_GC_MS, enabled })) });

  const answered: (readonly [number, MethodOutput<M>])[] = [];
  results.forEach((r, i) => {
    const offset = offsets[i];
    if (r.data !== undefined && offset !== undefined) answered.push([offset, r.data]);
  });
  const answeredAt = results.reduce((latest, r) => Math.max(latest, r.dataUpdatedAt), 0);
  const head = results[0]?.data;
  const total = head === undefined ? undefined : spec.total(head);
  const error = results.find((r) => r.error)?.error ?? null;
  const refreshing = results.some((r) => r.isFetching && r.data !== undefined);

  const pageAt = (offset: number): MethodOutput<M> | undefined =>
    answered.find(([o]) => o === offset)?.[1] ?? client.getQueryData<MethodOutput<M>>(apiQueryKey(method, spec.input(offset)));

  const rowAt = (index: number): Row | undefined => {
    const offset = Math.floor(index / spec.size) * spec.size;
    const page = pageAt(offset);
    return page === undefined ? undefined : spec.rows(page)[index - offset];
  };

  const loadedRows = (): Row[] => {
    const out: Row[] = [];
    for (let offset = 0; offset < (total ?? 0); offset += spec.size) {
      const page = pageAt(offset);
      if (page) out.push(...spec.rows(page));
    }
    return out;
  };

  const ensure = useCallback((from: number, to: number) => setRange((r) => (r.key === key && r.from === from && r.to === to ? r : { key, from, to })), [key]);
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: [method] }), [client, method]);

  return { head, total, error, refreshing, answered, answeredAt, rowAt, ensure, loadedRows, reload };
}
