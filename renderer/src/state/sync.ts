import type { SyncStatus } from '../../../shared/contract';
import { onEvent } from '../api/client';
import { queryClient } from '../api/query-client';
import { apiQueryKey, useApiQuery, type ApiQueryOptions } from '../api/use-api-query';
import { useConnection } from './connection';

const SYNC_KEY = apiQueryKey('sync.status', {});

/**
 * Whether the bank is reachable, the sync state and progress, and each cached table's freshness: the
 * `sync.status` query, which pushes keep current (see watchSync). Every reader shares one cache entry.
 */
export function useSyncStatus(options?: ApiQueryOptions<'sync.status'>) {
  return useApiQuery('sync.status', {}, options);
}

/** The status as last known, without asking the server (for a component that only reacts to it). */
export function useSyncSource(): SyncStatus['source'] | undefined {
  return useSyncStatus({ staleTime: Infinity }).data?.source;
}

/**
 * Keeps `sync.status` current while signed in: every `sync.status` push replaces it — an answer still
 * on its way is cancelled, since the push is newer — and after the push channel was down (pushes may
 * have been missed) it is asked again. Forgets on stop.
 */
export function watchSync(): () => void {
  const stopPush = onEvent('sync.status', (status) => {
    void queryClient.cancelQueries({ queryKey: SYNC_KEY });
    queryClient.setQueryData(SYNC_KEY, status);
  });
  const stopReconnect = useConnection.subscribe((now, before) => {
    if (now.status === 'open' && before.status !== 'open') void queryClient.invalidateQueries({ queryKey: SYNC_KEY });
  });
  return () => {
    stopPush();
    stopReconnect();
    queryClient.removeQueries({ queryKey: SYNC_KEY });
  };
}
