import type { ConnectionOptions } from 'mysql2';
import type { SyncProgress, SyncResult } from './sync-engine';

export interface SyncWorkerData {
  cacheFile: string;
  keyHex: string;
  /** `options` (TLS, credentials) must be structured-cloneable: they cross into the worker thread. */
  source: { kind: 'mysql'; url: string; options?: ConnectionOptions } | { kind: 'sqlite'; file: string };
  /** null: one round then exit; otherwise poll the source every N ms until stopped (live sync). */
  intervalMs: number | null;
  batchSize?: number;
  overlap?: number;
}

export type WorkerMessage =
  | { type: 'progress'; progress: SyncProgress }
  | { type: 'round'; result: SyncResult }
  | { type: 'done' }
  | { type: 'error'; message: string; code: string | null };
