import { describe, expect, it } from 'vitest';
import type { Evaluation, MonitorResult, MonitorStatus } from '../../shared/contract';
import { transitions } from '../../main/compliance/watch';

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
