import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import type { ReadFailure, ReadReply, ReadRequest } from './read-protocol';

function failureOf(e: unknown): ReadFailure {
  if (e instanceof AppError) return { kind: 'app', error: e.toJSON() };
  const code = (e as { code?: unknown } | null)?.code;
  return { kind: 'error', message: e instanceof Error ? e.message : String(e), code: typeof code === 'string' ? code : null };
}

/**
 * The worker side of the read pool: answer each `{ id, job }` the pool posts with `{ id, ok, … }`.
 * The pool gives a worker one job at a time; a job that is no longer wanted is not stopped here but by
 * terminating the whole thread, since a running SQLite statement cannot be interrupted from JavaScript.
 */
export function serveReadJobs<J>(run: (job: J) => Promise<unknown>): void {
  const port = parentPort;
  if (!port) throw new Error('serveReadJobs runs only inside a worker thread.');
  port.on('message', (m: ReadRequest<J>) => {
    void run(m.job).then(
      (result) => port.postMessage({ id: m.id, ok: true, result } satisfies ReadReply),
      (e: unknown) => port.postMessage({ id: m.id, ok: false, failure: failureOf(e) } satisfies ReadReply),
    );
  });
}
