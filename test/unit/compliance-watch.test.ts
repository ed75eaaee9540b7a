import { describe, expect, it, vi } from 'vitest';
import type { Evaluation, MonitorResult, MonitorStatus } from '../../shared/contract';
import { startMonitorWatch, transitions } from '../../main/compliance/watch';

const ev = (statuses: Record<string, MonitorStatus>): Evaluation =>
  ({ monitors: Object.entries(statuses).map(([id, status]) => ({ id, status }) as unknown as MonitorResult) }) as unknown as Evaluation;

describe('live monitor transitions', () => {
  it('announces only a monitor getting worse: ok → warning, warning → breach, ok → breach; never recovering or staying', () => {
    const before = new Map<string, MonitorStatus>([
      ['a', 'ok'],
      ['b', 'warning'],
      ['c', 'breach'],
      ['d', 'ok'],
      ['e', 'unknown'],
    ]);
    const t = transitions(before, ev({ a: 'warning', b: 'breach', c: 'warning', d: 'ok', e: 'breach' }));
    expect(t.map((x) => [x.monitor.id, x.from, x.monitor.status])).toEqual([
      ['a', 'ok', 'warning'],
      ['b', 'warning', 'breach'],
      ['e', 'unknown', 'breach'],
    ]);
  });
});

describe('live monitor watch', () => {
  const evaluation = ev({ a: 'ok' });

  it('waits for the store to be ready before its baseline, and the first copy’s nudge adds no second run', async () => {
    vi.useFakeTimers();
    try {
      let ready = false;
      let runs = 0;
      const watch = startMonitorWatch({
        evaluate: () => {
          runs++;
          return Promise.resolve(evaluation);
        },
        onTransitions: () => undefined,
        ready: () => ready,
        readyPollMs: 1000,
        minGapMs: 60_000,
      });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(runs, 'nothing evaluated while the cache still fills').toBe(0);
      watch.nudge(); // the first copy's rows arrive
      ready = true;
      await vi.advanceTimersByTimeAsync(1_000);
      expect(runs, 'the baseline once ready').toBe(1);
      await vi.advanceTimersByTimeAsync(120_000);
      expect(runs, 'no second evaluation without new bookings').toBe(1);
      watch.nudge(); // a later sync round brings bookings
      await vi.advanceTimersByTimeAsync(0);
      expect(runs, 'a later nudge evaluates again (the minimum gap has passed)').toBe(2);
      watch.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a nudge within the minimum gap waits for it', async () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      const watch = startMonitorWatch({
        evaluate: () => {
          runs++;
          return Promise.resolve(evaluation);
        },
        onTransitions: () => undefined,
        minGapMs: 60_000,
      });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(runs).toBe(1);
      watch.nudge();
      await vi.advanceTimersByTimeAsync(30_000);
      expect(runs).toBe(1);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(runs).toBe(2);
      watch.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
