import { MutationCache, QueryClient } from '@tanstack/react-query';
import { onEvent } from './client';
import { MUTATION_WRITES, readsAny, type Table } from './method-tables';

/** Pushes arrive in bursts while the cache syncs; their tables are gathered this long, then refetched once. */
const COALESCE_MS = 750;

/** Invalidates (refetches if shown, else marks stale) every query whose method reads one of `tables`. */
export function invalidateTables(tables: readonly (Table | '*' | string)[]): Promise<void> {
  if (tables.length === 0) return Promise.resolve();
  const changed = new Set<string>(tables);
  return queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && readsAny(q.queryKey[0], changed) });
}

/**
 * The renderer's one store of server answers. Errors are the server's own verdict (validation,
 * permission, offline), so nothing is retried behind the user's back; answers refetch when shown again
 * and when a push or a write says their tables changed — not on window focus.
 */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false }, mutations: { retry: false } },
  mutationCache: new MutationCache({
    // A write the user made refreshes what it changed, whether or not a cache pushes `data.changed`.
    onSuccess: (_data, _input, _context, mutation) => {
      const method = mutation.options.mutationKey?.[0];
      const writes = typeof method === 'string' ? MUTATION_WRITES[method as keyof typeof MUTATION_WRITES] : undefined;
      return writes ? invalidateTables(writes) : undefined;
    },
  }),
});

/** Turns `data.changed` (and `outbox.changed`, `fraud.alert`) pushes into table invalidations; returns the unsubscribe. */
export function watchDataChanges(): () => void {
  let pending = new Set<string>();
  let timer: number | undefined;
  const flush = (): void => {
    const tables = [...pending];
    pending = new Set();
    timer = undefined;
    void invalidateTables(tables);
  };
  const stopData = onEvent('data.changed', ({ tables }) => {
    for (const t of tables) pending.add(t);
    timer ??= window.setTimeout(flush, COALESCE_MS);
  });
  const stopOutbox = onEvent('outbox.changed', () => void invalidateTables(['outbox']));
  // A high-risk alert is pushed at once (its data.changed comes with it): queue and panel show it without the wait.
  const stopAlert = onEvent('fraud.alert', () => void invalidateTables(['fraud_alerts']));
  return () => {
    stopData();
    stopOutbox();
    stopAlert();
    window.clearTimeout(timer);
  };
}
