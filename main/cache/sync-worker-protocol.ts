import type { ConnectionOptions } from 'mysql2';
import type { IamTokenRequest } from '../rds-iam';
import type { SyncProgress, SyncResult } from './sync-engine';

export interface SyncWorkerData {
  cacheFile: string;
  keyHex: string;
  /**
   * `options` (TLS, credentials) must be structured-cloneable: they cross into the worker thread.
   * `iam`: an RDS IAM profile; token functions cannot cross threads, so the worker signs its own tokens.
   * `keyHex`: the embedded bank's raw key (the app's banks are encrypted; temporary test banks are not).
   */
  source: { kind: 'mysql'; url: string; options?: ConnectionOptions; iam?: IamTokenRequest } | { kind: 'sqlite'; file: string; keyHex?: string };
  /**
   * null: one round then exit. Otherwise live sync until stopped: rounds every N ms while they find
   * changes, backing off (doubling) to `idleIntervalMs` while they find none.
   */
  intervalMs: number | null;
  /** The longest wait between rounds of an idle live sync (default 5 s; 30 s over a source with a change marker, whose changes are seen at the fast pace anyway). */
  idleIntervalMs?: number;
  batchSize?: number;
  overlap?: number;
}

export type WorkerMessage =
  { type: 'progress'; progress: SyncProgress } | { type: 'round'; result: SyncResult } | { type: 'done' } | { type: 'error'; message: string; code: string | null };
