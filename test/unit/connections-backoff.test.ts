import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, classifyConnectionError, Reconnector, retryWithBackoff, type LinkState } from '../../main/connections';
import { isLinkError } from '../../main/source';

const policy = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 };

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5, 10].map((a) => backoffDelay(a, policy, top))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });
  it('keeps at least the fixed half of each step (equal jitter), so retries never bunch at zero', () => {
    const bottom = () => 0;
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, policy, bottom))).toEqual([50, 100, 200, 400, 500]);
  });
  it('spreads retries across the jitter window', () => {
    const seen = new Set([0.1, 0.3, 0.6, 0.9].map((r) => backoffDelay(2, policy, () => r)));
    expect(seen.size).toBe(4);
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
  });
});

describe('with a fake clock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('retryWithBackoff waits the backoff delays between attempts, then succeeds', async () => {
    let calls = 0;
    const delays: number[] = [];
    const p = retryWithBackoff(
      async () => {
        calls++;
        if (calls < 4) throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
        return 'up';
      },
      { policy, random: () => 0, onRetry: (_e, _a, d) => delays.push(d) },
    );
    await vi.advanceTimersByTimeAsync(49);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(100 + 200);
    await expect(p).resolves.toBe('up');
    expect(calls).toBe(4);
    expect(delays).toEqual([50, 100, 200]);
  });

  it('gives up after maxAttempts and throws at once on errors retrying cannot fix', async () => {
    let calls = 0;
    const failing = retryWithBackoff(
      async () => {
        calls++;
        throw new Error('down');
      },
      { policy, maxAttempts: 3, random: () => 0 },
    );
    const settled = failing.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await settled).toMatchObject({ message: 'down' });
    expect(calls).toBe(3);

    let permanentCalls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          permanentCalls++;
          throw new Error('wrong password');
        },
        { shouldRetry: () => false },
      ),
    ).rejects.toThrow('wrong password');
    expect(permanentCalls).toBe(1);
  });

  it('Reconnector publishes reconnecting states with growing delays and comes back when the probe succeeds', async () => {
    let up = false;
    const states: LinkState[] = [];
    const ctx = { host: 'db', port: 3306, database: 'bank', user: 'u', auth: 'password' as const, tlsMode: 'verify-rds' as const, timeoutMs: 1000 };
    const r = new Reconnector({
      probe: async () => {
        if (!up) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      classify: (e) => classifyConnectionError(e, ctx),
      onChange: (s) => states.push(s),
      policy,
      random: () => 0,
    });
    const back = r.reportFailure(Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }));
    // A second report while reconnecting joins the same loop instead of starting another.
    expect(r.reportFailure(new Error('again'))).toBe(back);
    await vi.advanceTimersByTimeAsync(50 + 100);
    up = true;
    await vi.advanceTimersByTimeAsync(200);
    await back;
    expect(states.map((s) => (s.status === 'reconnecting' ? `${s.status}:${s.attempt}:${s.retryInMs}:${s.cause}` : s.status))).toEqual([
      'reconnecting:1:50:other',
      'reconnecting:2:100:unreachable',
      'reconnecting:3:200:unreachable',
      'connected',
    ]);
    expect(r.current).toEqual({ status: 'connected' });
  });

  it('Reconnector.stop() ends the loop while it waits', async () => {
    const r = new Reconnector({
      probe: () => Promise.reject(new Error('down')),
      classify: () => ({ cause: 'other', message: 'down' }),
      onChange: () => undefined,
      policy,
      random: () => 0,
    });
    const loop = r.reportFailure(new Error('down'));
    r.stop();
    await vi.advanceTimersByTimeAsync(5000);
    await expect(loop).resolves.toBeUndefined();
    expect(r.current).toEqual({ status: 'stopped' });
  });
});

describe('isLinkError', () => {
  it('tells a lost connection from a bad statement', () => {
    expect(isLinkError(Object.assign(new Error('x'), { code: 'PROTOCOL_CONNECTION_LOST' }))).toBe(true);
    expect(isLinkError(Object.assign(new Error('x'), { code: 'ER_WHATEVER', fatal: true }))).toBe(true);
    expect(isLinkError(Object.assign(new Error('x'), { code: 'ER_PARSE_ERROR' }))).toBe(false);
    expect(isLinkError('nope')).toBe(false);
  });

  it('counts what the outbox replays used to check on their own: a read timeout and a pool closed under the query', () => {
    expect(isLinkError(Object.assign(new Error('x'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }))).toBe(true);
    expect(isLinkError(new Error('Pool is closed.'))).toBe(true);
    expect(isLinkError(new Error("Can't add new command when connection is in closed state"))).toBe(true);
    expect(isLinkError(new Error('Duplicate entry for key PRIMARY'))).toBe(false);
  });
});
