import { workerScript, type WorkerScript } from '../source';

export type { WorkerScript } from '../source';
export { tsWorkerScript } from '../source';

/** The metrics read worker's entry: read-worker.ts from sources, dist/metrics-read-worker.mjs from a build. */
export function readWorkerScript(): WorkerScript {
  return workerScript('metrics/read-worker.ts', 'metrics-read-worker.mjs');
}
