import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import type { ReadFailure, ReadReply, ReadRequest } from './read-protocol';
import { readWorkerScript, type WorkerScript } from './read-worker-script';

export interface ReadPoolOptions {
  /** Worker threads; default min(2, cores): reads must never take the cores the main process and the sync writer need. */
  size?: number;
  /** The worker entry; default the metrics read worker (tests give their own). */
  script?: WorkerScript;
  /** Start every worker now rather than on the first job, so the first screen does not wait for one to boot. */
  warm?: boolean;
}

interface Pending {
  id: number;
  job: unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | null;
}

interface Slot {
  worker: Worker;
  running: Pending | null;
  /** Set when the pool itself ends this worker (cancellation, close): its exit is expected. */
  retired: boolean;
}

export interface ReadPoolStats {
  size: number;
  workers: number;
  busy: number;
  queued: number;
  /** Workers started over the pool's life: grows when a cancelled or crashed worker is replaced. */
  started: number;
  /** Jobs a worker answered (results and errors alike). */
  answered: number;
}

function errorOf(f: ReadFailure): Error {
  if (f.kind === 'app') return new AppError(f.error.code, f.error.message, f.error.issues);
  return Object.assign(new Error(f.message), f.code ? { code: f.code } : {});
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The read was cancelled.', 'AbortError');
}

/**
 * A small pool of read worker threads. SQLite is synchronous: a slow chart on the main thread stops
 * every other request (and freezes Electron's window), so long reads run here and the main thread only
 * routes. Jobs queue first-in first-out; each worker runs one at a time. Cancelling a queued job drops
 * it; cancelling a running one terminates its worker (SQLite cannot be interrupted from another thread
 * through better-sqlite3) and starts a fresh one, so a screen that no longer needs an answer frees it.
 */
export class ReadPool {
  readonly size: number;
  private readonly script: WorkerScript;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private started = 0;
  private answered = 0;
  private closed = false;

  constructor(opts: ReadPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? Math.min(2, availableParallelism()));
    this.script = opts.script ?? readWorkerScript();
    if (opts.warm) while (this.slots.length < this.size) this.spawn();
  }

  /** Runs `job` on the next free worker; rejects with the signal's reason when cancelled. */
  run<T>(job: unknown, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The read pool is closed.'));
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { id: this.nextId++, job, resolve: resolve as (v: unknown) => void, reject, signal, onAbort: null };
      if (signal) {
        p.onAbort = () => this.cancel(p);
        signal.addEventListener('abort', p.onAbort, { once: true });
      }
      this.queue.push(p);
      this.pump();
    });
  }

  stats(): ReadPoolStats {
    return {
      size: this.size,
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.running).length,
      queued: this.queue.length,
      started: this.started,
      answered: this.answered,
    };
  }

  /** Ends every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const gone = new Error('The read pool was closed before this read finished.');
    for (const p of this.queue.splice(0)) this.settle(p, () => p.reject(gone));
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async (s) => {
        s.retired = true;
        const p = s.running;
        s.running = null;
        if (p) this.settle(p, () => p.reject(gone));
        await s.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(this.script.script, { eval: this.script.eval });
    const slot: Slot = { worker, running: null, retired: false };
    this.started++;
    worker.unref();
    worker.on('message', (m: ReadReply) => this.onReply(slot, m));
    // 'error' is followed by 'exit'; the exit handler settles the job, so only the reason is kept here.
    let crash: Error | null = null;
    worker.on('error', (e) => {
      crash = e;
    });
    worker.on('exit', (code) => {
      if (slot.retired) return;
      this.remove(slot);
      const p = slot.running;
      slot.running = null;
      if (p) this.settle(p, () => p.reject(crash ?? new Error(`A read worker stopped (exit code ${code}) before answering.`)));
      this.pump();
    });
    this.slots.push(slot);
    return slot;
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.running) ?? (this.slots.length < this.size ? this.spawn() : null);
      if (!slot) return;
      const p = this.queue.shift() as Pending;
      slot.running = p;
      // A busy worker keeps the process alive until it answers; an idle one must not.
      slot.worker.ref();
      slot.worker.postMessage({ id: p.id, job: p.job } satisfies ReadRequest);
    }
  }

  private onReply(slot: Slot, m: ReadReply): void {
    const p = slot.running;
    if (!p || p.id !== m.id) return;
    slot.running = null;
    slot.worker.unref();
    this.answered++;
    if (m.ok) this.settle(p, () => p.resolve(m.result));
    else this.settle(p, () => p.reject(errorOf(m.failure)));
    this.pump();
  }

  private cancel(p: Pending): void {
    const reason = p.signal ? abortReason(p.signal) : new Error('Cancelled.');
    const queued = this.queue.indexOf(p);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(p, () => p.reject(reason));
      return;
    }
    const slot = this.slots.find((s) => s.running === p);
    if (!slot) return;
    slot.retired = true;
    slot.running = null;
    this.remove(slot);
    void slot.worker.terminate();
    this.settle(p, () => p.reject(reason));
    // Replace the terminated worker at once so the pool stays at strength (it boots while the next job waits).
    if (!this.closed) this.spawn();
    this.pump();
  }

  private settle(p: Pending, finish: () => void): void {
    if (p.signal && p.onAbort) p.signal.removeEventListener('abort', p.onAbort);
    p.onAbort = null;
    finish();
  }
}
