import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/contract';
import { call, errorMessage, onEvent } from '../api/client';
import { useConnection } from './connection';

interface SyncState {
  status: SyncStatus | null;
  error: string | null;
  loading: boolean;
  /** Asks `sync.status` again: on start, after the push channel reconnects, and on the Sync screen's timer. */
  refresh: () => Promise<void>;
}

/**
 * Bumped by every push and by sign-out: an answer to a request sent before either is older than what
 * the store holds (or belongs to a session that is gone), so it is dropped.
 */
let version = 0;

/** Whether the bank is reachable, the sync state and progress, and each cached table's freshness. */
export const useSync = create<SyncState>()((set) => ({
  status: null,
  error: null,
  loading: false,
  async refresh() {
    const seen = version;
    set({ loading: true });
    try {
      const status = await call('sync.status', {});
      set(seen === version ? { status, error: null, loading: false } : { error: null, loading: false });
    } catch (e) {
      set(seen === version ? { error: errorMessage(e), loading: false } : { loading: false });
    }
  },
}));

/**
 * Keeps the store current while signed in: the first answer from `sync.status`, then every `sync.status`
 * push; after the push channel was down (pushes may have been missed) it asks again. Forgets on stop.
 */
export function watchSync(): () => void {
  void useSync.getState().refresh();
  const stopPush = onEvent('sync.status', (status) => {
    version += 1;
    useSync.setState({ status, error: null });
  });
  const stopReconnect = useConnection.subscribe((now, before) => {
    if (now.status === 'open' && before.status !== 'open') void useSync.getState().refresh();
  });
  return () => {
    stopPush();
    stopReconnect();
    version += 1;
    useSync.setState({ status: null, error: null, loading: false });
  };
}
