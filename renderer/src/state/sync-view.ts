import type { SyncStatus } from '../../../shared/contract';

export type SyncTable = SyncStatus['tables'][number];
export type SyncProgress = NonNullable<SyncStatus['progress']>;

/**
 * A table the worker has not touched for this long while the bank is reachable is falling behind:
 * a live worker looks at every table several times a second, so ten minutes means it is stuck.
 */
export const STALE_AFTER_MS = 10 * 60_000;

/** How far the current table's copy is, 0–100, rounded down so 100 means done. */
export function progressPercent(p: Pick<SyncProgress, 'rows' | 'total'>): number {
  if (p.total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((p.rows / p.total) * 100)));
}

/**
 * The copy worth a progress bar: any during the first copy; afterwards only one with rows still to come.
 * A live round re-reads a small overlap window and reports it as a finished copy several times a second;
 * showing those would make the bar blink on and off.
 */
export function visibleProgress(status: Pick<SyncStatus, 'state' | 'progress'>): SyncProgress | null {
  const p = status.progress;
  if (!p) return null;
  if (status.state === 'initial') return p;
  return p.rows < p.total ? p : null;
}

/**
 * - never: not copied yet (the first copy has not reached it);
 * - fresh: looked at within `staleAfterMs`;
 * - stale: the bank is reachable but this table has not been refreshed for too long (flagged);
 * - offline: the bank is unreachable, so every table is as old as the outage; the offline notice says so once.
 */
export type Freshness = 'never' | 'fresh' | 'stale' | 'offline';

export function tableFreshness(table: Pick<SyncTable, 'lastSyncedAt'>, source: SyncStatus['source'], now: number, staleAfterMs = STALE_AFTER_MS): Freshness {
  if (table.lastSyncedAt === null) return 'never';
  if (source === 'offline') return 'offline';
  return now - table.lastSyncedAt > staleAfterMs ? 'stale' : 'fresh';
}

/** Milliseconds since the table was last synced; a server clock slightly ahead never makes it negative. */
export function ageMs(lastSyncedAt: number | null, now: number): number | null {
  return lastSyncedAt === null ? null : Math.max(0, now - lastSyncedAt);
}

export const SYNC_STATE_LOOK: Record<SyncStatus['state'], { label: string; color: string; help: string }> = {
  starting: { label: 'Starting', color: 'gray', help: 'Opening the local cache.' },
  initial: { label: 'First copy', color: 'blue', help: 'Copying the bank into the local cache for the first time. Reads still go to the bank.' },
  live: { label: 'Live', color: 'teal', help: 'The cache follows the bank: new rows arrive within seconds.' },
  stopped: { label: 'Stopped', color: 'gray', help: 'The cache is not being updated.' },
  error: { label: 'Error', color: 'red', help: 'The sync stopped with an error and retries by itself every few seconds.' },
};

/** What the header shows about the data source: nothing while all is well, so it is noticed when it appears. */
export type HeaderIndicator =
  | { kind: 'offline'; asOf: number | null; reason: string | null }
  | { kind: 'syncing'; percent: number | null; progress: SyncProgress | null; notice: string | null }
  | { kind: 'error'; message: string }
  | null;

export function headerIndicator(status: SyncStatus | null): HeaderIndicator {
  if (!status) return null;
  if (status.source === 'offline') return { kind: 'offline', asOf: status.asOf, reason: status.offlineReason };
  if (status.state === 'initial') {
    const p = status.progress;
    return { kind: 'syncing', percent: p ? progressPercent(p) : null, progress: p, notice: status.notice };
  }
  if (status.state === 'error') return { kind: 'error', message: status.error ?? 'The cache sync stopped with an error.' };
  return null;
}
