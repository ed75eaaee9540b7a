import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract';
import { ageMs, headerIndicator, progressPercent, STALE_AFTER_MS, tableFreshness, visibleProgress } from '../../renderer/src/state/sync-view';

const NOW = Date.UTC(2025, 10, 25, 13, 0, 0);

function status(over: Partial<SyncStatus> = {}): SyncStatus {
  return {
    source: 'online',
    sourceName: 'demo bank /data/bank.sqlite',
    offlineReason: null,
    state: 'live',
    error: null,
    notice: null,
    progress: null,
    asOf: NOW - 1000,
    tables: [{ table: 'journal', rows: 31258, lastSyncedAt: NOW - 1000 }],
    ...over,
  };
}

describe('progressPercent', () => {
  it('rounds down, so 100 % means the table is done', () => {
    expect(progressPercent({ rows: 0, total: 62712 })).toBe(0);
    expect(progressPercent({ rows: 31356, total: 62712 })).toBe(50);
    expect(progressPercent({ rows: 62711, total: 62712 })).toBe(99);
    expect(progressPercent({ rows: 62712, total: 62712 })).toBe(100);
  });

  it('stays within 0–100 whatever the counts say', () => {
    expect(progressPercent({ rows: 120, total: 100 })).toBe(100);
    expect(progressPercent({ rows: 0, total: 0 })).toBe(100);
    expect(progressPercent({ rows: -5, total: 100 })).toBe(0);
  });
});

describe('tableFreshness', () => {
  it('flags a table not refreshed for longer than the limit while the bank is reachable', () => {
    expect(tableFreshness({ lastSyncedAt: NOW - 2000 }, 'online', NOW)).toBe('fresh');
    expect(tableFreshness({ lastSyncedAt: NOW - STALE_AFTER_MS }, 'online', NOW)).toBe('fresh');
    expect(tableFreshness({ lastSyncedAt: NOW - STALE_AFTER_MS - 1 }, 'online', NOW)).toBe('stale');
    expect(tableFreshness({ lastSyncedAt: NOW - 60_000 }, 'online', NOW, 30_000)).toBe('stale');
  });

  it('does not flag single tables while offline (every table is as old as the outage) and knows uncopied ones', () => {
    expect(tableFreshness({ lastSyncedAt: NOW - 3 * 3_600_000 }, 'offline', NOW)).toBe('offline');
    expect(tableFreshness({ lastSyncedAt: null }, 'online', NOW)).toBe('never');
    expect(tableFreshness({ lastSyncedAt: null }, 'offline', NOW)).toBe('never');
  });
});

describe('ageMs', () => {
  it('is the time since the last sync, never negative when the server clock is ahead', () => {
    expect(ageMs(NOW - 90_000, NOW)).toBe(90_000);
    expect(ageMs(NOW + 500, NOW)).toBe(0);
    expect(ageMs(null, NOW)).toBeNull();
  });
});

describe('headerIndicator', () => {
  it('shows nothing while the bank is reachable and the cache is live, or before the status is known', () => {
    expect(headerIndicator(null)).toBeNull();
    expect(headerIndicator(status())).toBeNull();
    expect(headerIndicator(status({ state: 'starting' }))).toBeNull();
    expect(headerIndicator(status({ state: 'stopped', error: 'No local cache is configured for this bank.' }))).toBeNull();
  });

  it('says offline first, with how old the data is and why, whatever the sync is doing', () => {
    const reason = 'The bank (db.example:3306) cannot be reached: ECONNREFUSED. Showing cached data.';
    expect(headerIndicator(status({ source: 'offline', offlineReason: reason, asOf: NOW - 60_000, state: 'error', error: 'connect ECONNREFUSED' }))).toEqual({
      kind: 'offline',
      asOf: NOW - 60_000,
      reason,
    });
    expect(headerIndicator(status({ source: 'offline', asOf: null, state: 'initial' }))).toEqual({ kind: 'offline', asOf: null, reason: null });
  });

  it('shows the first copy’s progress on the table being copied, without a number between tables', () => {
    const progress = { phase: 'copy' as const, table: 'entries', rows: 15678, total: 62712, rowsPerSec: 250000, etaSec: 0.19 };
    expect(headerIndicator(status({ state: 'initial', progress, asOf: null }))).toEqual({ kind: 'syncing', percent: 25, progress, notice: null });
    expect(headerIndicator(status({ state: 'initial', progress: null, asOf: null }))).toEqual({ kind: 'syncing', percent: null, progress: null, notice: null });
    // A cache copied again after it was lost says why while it copies.
    const notice = 'The local cache was missing (deleted or moved): it is being copied again from the bank.';
    expect(headerIndicator(status({ state: 'initial', progress, asOf: null, notice }))).toMatchObject({ kind: 'syncing', percent: 25, notice });
    // After the rows, the summaries are built step by step: the bar goes on moving.
    const step = { phase: 'summaries' as const, table: 'cash per customer', rows: 2, total: 6, rowsPerSec: 0, etaSec: null };
    expect(headerIndicator(status({ state: 'initial', progress: step, asOf: null }))).toMatchObject({ kind: 'syncing', percent: 33, progress: step });
  });

  it('keeps catch-up copies of a live cache quiet', () => {
    expect(headerIndicator(status({ progress: { phase: 'copy', table: 'journal', rows: 10, total: 40, rowsPerSec: 1000, etaSec: 0.03 } }))).toBeNull();
  });

  it('reports a failed sync with its message', () => {
    expect(headerIndicator(status({ state: 'error', error: 'SQLITE_CORRUPT: database disk image is malformed' }))).toEqual({
      kind: 'error',
      message: 'SQLITE_CORRUPT: database disk image is malformed',
    });
    expect(headerIndicator(status({ state: 'error', error: null }))).toMatchObject({ kind: 'error' });
  });
});

describe('visibleProgress', () => {
  const overlap = { phase: 'copy' as const, table: 'journal', rows: 200, total: 200, rowsPerSec: 100000, etaSec: 0 };
  const catchUp = { phase: 'copy' as const, table: 'entries', rows: 10000, total: 48000, rowsPerSec: 300000, etaSec: 0.13 };

  it('shows every report of the first copy, finished tables included', () => {
    expect(visibleProgress({ state: 'initial', progress: overlap })).toBe(overlap);
    expect(visibleProgress({ state: 'initial', progress: catchUp })).toBe(catchUp);
    expect(visibleProgress({ state: 'initial', progress: null })).toBeNull();
  });

  it('hides the finished overlap re-reads of live rounds, so the bar does not blink, but shows a catch-up under way', () => {
    expect(visibleProgress({ state: 'live', progress: overlap })).toBeNull();
    expect(visibleProgress({ state: 'live', progress: catchUp })).toBe(catchUp);
    expect(visibleProgress({ state: 'live', progress: null })).toBeNull();
  });
});
