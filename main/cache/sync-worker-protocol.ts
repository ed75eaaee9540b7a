import type { SyncProgress, SyncResult } from './sync-engine';

export interface SyncWorkerData {
  cacheFile: string;
  keyHex: string;
  source: { kind: 'mysql'; url: string } | { kind: 'sqlite'; file: string };
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
