import type { LiveCache } from './live-cache';
import type { PartialHandlers } from '../dispatch';

/** Without a cache (tests, a bank opened without one) the status says so rather than pretending. */
export function syncHandlers(cache: LiveCache | null, sourceName: string): PartialHandlers<'sync.status'> {
  return {
    'sync.status': async () =>
      cache?.status() ?? {
        source: 'online',
        sourceName,
        offlineReason: null,
        state: 'stopped',
        error: 'No local cache is configured for this bank.',
        notice: null,
        progress: null,
        asOf: null,
        tables: [],
      },
  };
}
