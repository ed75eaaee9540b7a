import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { ReadPool } from '../../main/metrics/read-pool';
import { tsWorkerScript } from '../../main/metrics/read-worker-script';
import type { TestJob } from '../support/read-test-worker';

const script = tsWorkerScript(join(import.meta.dirname, '../support/read-test-worker.ts'));
// Rows a recursive count must walk to keep a worker busy for seconds on this machine (about 3–4 M rows/s).
const SLOW = 8_000_000;

describe('read pool', () => {
  let pool: ReadPool;
  afterEach(async () => {
    await pool.close();
  });
  const run = <T>(job: TestJob, signal?: AbortSignal): Promise<T> => pool.run<T>(job, signal);
  const until = async (cond: () => boolean): Promise<void> => {
    while (!cond()) await new Promise((r) => setTimeout(r, 5));
  };

  it('runs jobs in worker threads, two at a time, and keeps typed errors typed', async () => {
    pool = new ReadPool({ script, size: 2 });
    const answers = await Promise.all([1, 2, 3].map((i) => run<{ tag: string; n: number }>({ op: 'count', tag: `j${i}`, upTo: 1000 * i })));
    expect(answers).toEqual([
      { tag: 'j1', n: 1000 },
      { tag: 'j2', n: 2000 },
      { tag: 'j3', n: 3000 },
    ]);
    expect(pool.stats()).toMatchObject({ size: 2, workers: 2, busy: 0, queued: 0 });
    const failed = await run({ op: 'fail', code: 'NOT_FOUND' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: 'NOT_FOUND', message: 'There is no such thing.' });
  });

  it('drops a cancelled queued job: it never runs', async () => {
    pool = new ReadPool({ script, size: 1 });
    const first = run<{ n: number }>({ op: 'count', tag: 'first', upTo: 2_000_000 });
    const cancel = new AbortController();
    const second = run({ op: 'count', tag: 'second', upTo: 10 }, cancel.signal);
    expect(pool.stats().queued).toBe(1);
    cancel.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect(pool.stats().queued).toBe(0);
    await expect(first).resolves.toMatchObject({ n: 2_000_000 });
    // Same worker (nothing was terminated): its log shows what it ran.
    expect(await run({ op: 'ran' })).toEqual(['first']);
    expect(pool.stats().started).toBe(1);
  });

  it('terminates and replaces the worker of a cancelled running job, freeing it for the next one', async () => {
    pool = new ReadPool({ script, size: 1 });
    // Warm the worker so the slow job is surely running (not booting) when it is cancelled.
    await run({ op: 'ran' });
    const cancel = new AbortController();
    const slow = run({ op: 'count', tag: 'slow', upTo: SLOW * 10 }, cancel.signal);
    const next = run<{ n: number }>({ op: 'count', tag: 'next', upTo: 10 });
    await until(() => pool.stats().busy === 1);
    const t0 = performance.now();
    cancel.abort();
    await expect(slow).rejects.toMatchObject({ name: 'AbortError' });
    await expect(next).resolves.toMatchObject({ n: 10 });
    // The next job ran on a fresh worker long before the slow count could have finished (tens of seconds).
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(pool.stats()).toMatchObject({ workers: 1, started: 2, busy: 0 });
    expect(await run({ op: 'ran' })).toEqual(['next']);
  });

  it('rejects the job of a worker that dies and carries on with a new one', async () => {
    pool = new ReadPool({ script, size: 1 });
    await expect(run({ op: 'crash' })).rejects.toThrow(/exit code 3/);
    await expect(run<{ n: number }>({ op: 'count', tag: 'after', upTo: 5 })).resolves.toMatchObject({ n: 5 });
    expect(pool.stats().started).toBe(2);
  });

  it('keeps the main event loop responsive while a slow query runs', async () => {
    pool = new ReadPool({ script, size: 1 });
    await run({ op: 'ran' });
    let ticks = 0;
    let last = performance.now();
    let worstGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
      ticks++;
    }, 10);
    const t0 = performance.now();
    try {
      await run({ op: 'count', tag: 'slow', upTo: SLOW });
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - t0;
    // The query lasted many timer periods (0.9-3 s on these machines), and meanwhile the 10 ms timer kept
    // firing on time: a main thread blocked by it would show one gap as long as the query.
    expect(elapsed).toBeGreaterThan(300);
    expect(ticks).toBeGreaterThan(elapsed / 10 / 2);
    expect(worstGap).toBeLessThan(Math.min(200, elapsed / 3));
  });

  it('refuses work after close and rejects what was waiting', async () => {
    pool = new ReadPool({ script, size: 1 });
    const running = run({ op: 'count', tag: 'a', upTo: SLOW }).catch((e: unknown) => e);
    const queued = run({ op: 'count', tag: 'b', upTo: 1 }).catch((e: unknown) => e);
    await pool.close();
    expect(await running).toMatchObject({ message: expect.stringMatching(/closed/) });
    expect(await queued).toMatchObject({ message: expect.stringMatching(/closed/) });
    await expect(run({ op: 'ran' })).rejects.toThrow(/closed/);
  });
});
