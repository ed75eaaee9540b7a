import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRequest } from '../../main/dispatch';
import { silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import { TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The runtime's read pool, end to end through the dispatcher: same answers as on the main thread, and a dropped call is cancelled. */
describe('runtime read pool', () => {
  const dir = tempDir('cbreadrt-');
  const now = Date.now();
  const questions: [string, unknown][] = [
    ['metrics.query', { metric: 'transactions_volume', from: iso(now - 60 * DAY), to: iso(now), grain: 'week', by: ['channel'], compare: 'previous' }],
    ['metrics.rows', { metric: 'transactions_count', from: iso(now - 30 * DAY), to: iso(now), sort: 'amount', direction: 'desc', limit: 25 }],
    ['dashboard.volume', { days: 30, utcOffsetMinutes: 0, until: now }],
  ];

  async function answers(readWorkers: number | undefined): Promise<{ results: unknown[]; cancelled: unknown }> {
    const runtime: Runtime = await openRuntime({ dataDir: dir.path, demo: TINY_DEMO, readWorkers, liveFraudMonitor: false, log: silentLogger });
    try {
      const call = (method: string, input: unknown, sessionToken: string | null, signal?: AbortSignal) =>
        runtime.dispatch({ method, input, sessionToken, transport: 'test', origin: 'test', signal } satisfies CallRequest);
      const signIn = await call('auth.signIn', { username: 'manager', password: 'cloudbank-demo' }, null);
      if (!signIn.ok) throw new Error(signIn.error.message);
      const token = (signIn.result as { token: string }).token;
      // Analytics read the cache once its first copy is complete: wait for it so both runs read the same store.
      for (;;) {
        const s = await call('sync.status', {}, token);
        if (s.ok && (s.result as { state: string }).state === 'live') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const results = [];
      for (const [method, input] of questions) {
        const r = await call(method, input, token);
        if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
        results.push(r.result);
      }
      const gone = new AbortController();
      gone.abort();
      const cancelled = await call('metrics.query', questions[0]?.[1], token, gone.signal);
      return { results, cancelled };
    } finally {
      await runtime.close();
    }
  }

  let inThread: Awaited<ReturnType<typeof answers>>;
  let pooled: Awaited<ReturnType<typeof answers>>;
  beforeAll(async () => {
    inThread = await answers(0);
    pooled = await answers(2);
  });
  afterAll(() => dir.remove());

  it('answers the explorer and the dashboard from the cache identically with and without read workers', () => {
    // Everything but asOf (the second runtime's sync round is a little later).
    const figures = (rs: unknown[]) => rs.map((r) => ({ ...(r as object), asOf: 0 }));
    expect(figures(pooled.results)).toEqual(figures(inThread.results));
    expect(pooled.results[0]).toMatchObject({ source: 'cache' });
  });

  it('drops a read whose caller has gone, quietly', () => {
    expect(pooled.cancelled).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The request was cancelled before it finished.' } });
  });
});
