import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * From a build the worker is dist/cache-worker.mjs. From sources (tests, benchmarks) it is the .ts
 * file, loaded through tsx's loader registered inside the worker (Node 20 ignores --import there).
 */
function workerScript(): { script: string; eval: boolean } {
  const here = moduleDir();
  const source = join(here, 'sync-worker.ts');
  if (existsSync(source)) {
    const url = JSON.stringify(pathToFileURL(source).href);
    return { script: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${url}); })`, eval: true };
  }
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    const built = join(dir, 'cache-worker.mjs');
    // Packaged app: the script is unpacked beside app.asar (electron-builder.yml asarUnpack); a worker's ES module loader cannot read the archive.
    const unpacked = built.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
    if (unpacked !== built && existsSync(unpacked)) return { script: unpacked, eval: false };
    if (existsSync(built)) return { script: built, eval: false };
  }
  throw new Error(`The cache worker script is missing next to ${here}: run "npm run build".`);
}

export function startSyncWorker(data: SyncWorkerData, handlers: SyncWorkerHandlers = {}): SyncWorkerHandle {
  const { script, eval: isEval } = workerScript();
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
