import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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

function moduleDir(): string {
  // CommonJS bundle (Electron main) has __dirname; ESM (CLI bundle, sources under tsx) has import.meta.
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/** From sources the worker runs through tsx; from a build it is dist/cache-worker.mjs. */
function workerScript(): { file: string; execArgv: string[] } {
  const here = moduleDir();
  const source = join(here, 'sync-worker.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--import', 'tsx'] };
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    const built = join(dir, 'cache-worker.mjs');
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  throw new Error(`The cache worker script is missing next to ${here}: run "npm run build".`);
}

export function startSyncWorker(data: SyncWorkerData, handlers: SyncWorkerHandlers = {}): SyncWorkerHandle {
  const { file, execArgv } = workerScript();
  const worker = new Worker(file, { workerData: data, execArgv });
  const finished = new Promise<void>((resolve, reject) => {
    let failed: Error | null = null;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') handlers.onProgress?.(m.progress);
      else if (m.type === 'round') handlers.onRound?.(m.result);
      else if (m.type === 'error') failed = Object.assign(new Error(m.message), { code: m.code });
    });
    worker.on('error', (e) => (failed = e));
    worker.on('exit', (code) => (failed ? reject(failed) : code === 0 || code === 1 ? resolve() : reject(new Error(`The cache worker exited with code ${code}`))));
  });
  return {
    finished,
    stop: () => worker.postMessage('stop'),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
