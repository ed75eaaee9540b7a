import { Worker } from 'node:worker_threads';
import { workerScript } from '../source';
import type { SyncProgress, SyncResult } from './sync-engine';
import type { SyncWorkerData, WorkerMessage } from './sync-worker-protocol';

export type { SyncWorkerData } from './sync-worker-protocol';

export interface SyncWorkerHandlers {
  onProgress?: (p: SyncProgress) => void;
  onRound?: (r: SyncResult) => void;
}

export interface SyncWorkerHandle {
  /** Resolves when the worker finishes (after one round, or after stop()); rejects on a sync error. */
  readonly finished: Promise<void>;
  /** Live sync: finish the current round, then exit. */
  stop(): void;
  /** Kill the writer at once, mid-batch if need be (what a crash does). */
  terminate(): Promise<void>;
}

export function startSyncWorker(data: SyncWorkerData, handlers: SyncWorkerHandlers = {}): SyncWorkerHandle {
  // From sources (tests, benchmarks) the .ts file through tsx's loader; from a build dist/cache-worker.mjs.
  const { script, eval: isEval } = workerScript('cache/sync-worker.ts', 'cache-worker.mjs');
  const worker = new Worker(script, { workerData: data, eval: isEval });
  // Settled by the worker's own report: a worker whose module loader keeps it alive is still done.
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') handlers.onProgress?.(m.progress);
      else if (m.type === 'round') handlers.onRound?.(m.result);
      else if (m.type === 'done') {
        resolve();
        void worker.terminate();
      } else {
        reject(Object.assign(new Error(m.message), { code: m.code }));
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`The cache worker stopped (exit code ${code}) before finishing.`)));
  });
  return {
    finished,
    stop: () => worker.postMessage('stop'),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
