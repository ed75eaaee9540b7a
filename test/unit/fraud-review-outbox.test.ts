import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { CACHE_DDL } from '../../main/cache/cache-schema';
import { Outbox, replayOutbox } from '../../main/cache';
import { validateParams } from '../../main/fraud-review';
import { readReviewCommand } from '../../main/fraud-review/review-commands';
import { contributingRules, readFraudExplanation } from '../../shared/fraud-explanation';
import { AppError } from '../../shared/errors';

// CACHE_DDL indexes synced tables (entries, fraud_alerts): stand-ins with the indexed columns are enough here.
const SYNCED_STANDINS = `
  create table entries (id integer primary key, journal_id integer, account_id integer, amount integer, balance_after integer, booked_at integer);
  create table fraud_alerts (id integer primary key, account_id integer, detected_at integer);`;

function outbox(): Outbox {
  const db = new Database(':memory:');
  db.exec(SYNCED_STANDINS);
  db.exec(CACHE_DDL);
  let t = 1000;
  return new Outbox(db, () => t++);
}

describe('outbox', () => {
  it('queues a command once per id, replays in order, keeps conflicts and failures listed', async () => {
    const o = outbox();
    let changes = 0;
    o.onChange(() => changes++);
    const a = o.enqueue({ commandId: 'k1', method: 'alerts.addNote', input: { id: 1, text: 'x' }, expected: { 1: 5 }, actor: 'ana' });
    expect(o.enqueue({ commandId: 'k1', method: 'alerts.addNote', input: { id: 1, text: 'x' }, expected: { 1: 5 }, actor: 'ana' })).toEqual({ id: a.id, created: false });
    o.enqueue({ commandId: 'k2', method: 'alerts.dismiss', input: { ids: [2] }, expected: { 2: 7 }, actor: 'ana' });
    o.enqueue({ commandId: 'k3', method: 'alerts.assign', input: { ids: [3] }, expected: {}, actor: 'bob' });
    o.enqueue({ commandId: 'k4', method: 'alerts.assign', input: { ids: [4] }, expected: {}, actor: 'bob' });
    expect(o.counts()).toEqual({ pending: 4, conflicts: 0 });
    expect(o.list('bob').map((c) => c.commandId)).toEqual(['k3', 'k4']);
    expect(o.get(a.id)?.expected).toEqual({ 1: 5 });

    const seen: string[] = [];
    const sum = await replayOutbox(o, async (c) => {
      seen.push(c.commandId);
      if (c.commandId === 'k2') return { status: 'conflict', message: 'Alert 2 was dismissed by bob' };
      if (c.commandId === 'k3') throw new Error('boom');
      if (c.commandId === 'k4') return { status: 'retry', message: 'gone again' };
      return { status: 'applied', message: 'ok' };
    });
    expect(seen).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect(sum).toEqual({ applied: 1, conflicts: 1, failed: 1, remaining: 1 });
    expect(o.list().map((c) => [c.commandId, c.status, c.message])).toEqual([
      ['k1', 'applied', 'ok'],
      ['k2', 'conflict', 'Alert 2 was dismissed by bob'],
      ['k3', 'failed', 'boom'],
      ['k4', 'pending', 'gone again'],
    ]);
    expect(o.counts()).toEqual({ pending: 1, conflicts: 2 });
    expect(o.discard(o.list()[1]?.id as number, 'bob')).toBe(false);
    expect(o.discard(o.list()[1]?.id as number, 'ana')).toBe(true);
    expect(changes).toBeGreaterThan(4);
  });

  it('reads a damaged stored row as a failed entry with nothing to replay, never as a command', () => {
    const db = new Database(':memory:');
    db.exec(SYNCED_STANDINS);
    db.exec(CACHE_DDL);
    const o = new Outbox(db);
    o.enqueue({ commandId: 'k1', method: 'alerts.addNote', input: { id: 1, text: 'x' }, expected: { 1: 5 }, actor: 'ana' });
    o.enqueue({ commandId: 'k2', method: 'alerts.addNote', input: { id: 1, text: 'y' }, expected: { 1: 5 }, actor: 'ana' });
    db.prepare("update outbox set input = '{not json' where command_id = 'k1'").run();
    db.prepare("update outbox set input = ?, status = 'replayed-by-v9' where command_id = 'k2'").run(JSON.stringify({ input: { id: 1 }, expected: { 1: 'five' } }));
    const [k1, k2] = o.list();
    expect(k1).toMatchObject({ input: null, expected: {}, status: 'pending' });
    expect(k2).toMatchObject({ input: null, expected: {}, status: 'failed' });
    expect(readReviewCommand('alerts.addNote', k1?.input)).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid.*not applied/) });
  });

  it('replays a stored command only when it passes the method’s contract schema', () => {
    expect(readReviewCommand('alerts.dismiss', { ids: [4, 5], reason: 'duplicate' })).toEqual({
      ok: true,
      command: { method: 'alerts.dismiss', input: { ids: [4, 5], reason: 'duplicate', comment: '' } },
    });
    expect(readReviewCommand('alerts.assign', { ids: [4], assignee: null })).toEqual({ ok: true, command: { method: 'alerts.assign', input: { ids: [4], assignee: null } } });
    expect(readReviewCommand('alerts.dismiss', { ids: [4], reason: 'because' })).toMatchObject({ ok: false, reason: expect.stringMatching(/reason/) });
    expect(readReviewCommand('alerts.assign', { ids: [], assignee: 'bob' })).toMatchObject({ ok: false, reason: expect.stringMatching(/ids/) });
    expect(readReviewCommand('alerts.addNote', { id: '7', text: 'x' })).toMatchObject({ ok: false });
    expect(readReviewCommand('alerts.confirmFraud', { id: 7 })).toEqual({ ok: false, reason: '“alerts.confirmFraud” cannot be replayed.' });
  });

  it('reads alert explanations in one place: strongest rule first, the alert’s rule when unreadable', () => {
    const hit = (ruleId: string, score: number) => ({
      ruleId,
      ruleVersion: 1,
      title: ruleId,
      score,
      at: 0,
      summary: '',
      observed: {},
      thresholds: {},
      baseline: null,
      journalIds: [1],
    });
    const text = JSON.stringify({
      version: 1,
      riskScore: 80,
      primaryRule: 'drain',
      subject: { accountId: 1, customerId: null },
      hits: [hit('velocity', 40), hit('drain', 70)],
      scoring: { method: 'noisy-or', alertThreshold: 60, lookbackHours: 24 },
    });
    expect(contributingRules(readFraudExplanation(text), 'drain')).toEqual(['drain', 'velocity']);
    expect(readFraudExplanation('{"version":2}')).toBeNull();
    expect(readFraudExplanation('not json')).toBeNull();
    expect(contributingRules(readFraudExplanation('{"hits":[{"ruleId":"x"}]}'), 'drain')).toEqual(['drain']);
  });

  it('runs one replay at a time', async () => {
    const o = outbox();
    o.enqueue({ commandId: 'k1', method: 'm', input: {}, expected: {}, actor: 'a' });
    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return { status: 'applied' as const };
    };
    const [x, y] = await Promise.all([replayOutbox(o, slow), replayOutbox(o, slow)]);
    expect(calls).toBe(1);
    expect(x).toEqual(y);
  });
});

describe('rule parameter validation', () => {
  it('accepts known parameters of the default type, refuses unknown or ill-typed ones', () => {
    expect(() => validateParams('velocity', { maxCount: 9, score: 40 })).not.toThrow();
    try {
      validateParams('velocity', { maxCount: 'x' as unknown as number, nope: 1, score: 120, windowMinutes: -1 });
      throw new Error('expected VALIDATION');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION');
      expect((e as AppError).issues?.map((i) => i.path).sort()).toEqual(['params.maxCount', 'params.nope', 'params.score', 'params.windowMinutes']);
    }
  });

  it('takes money parameters only as whole minor units within 2^53 − 1', () => {
    expect(() => validateParams('structuring', { threshold: 950_000 })).not.toThrow();
    const cases: [number, string][] = [
      [9_500.5, 'threshold: Must be a whole number (an amount of money)'],
      [2 ** 53, 'threshold: Too large: at most 2^53 − 1 minor units (an amount of money)'],
    ];
    for (const [threshold, message] of cases) {
      try {
        validateParams('structuring', { threshold });
        throw new Error('expected VALIDATION');
      } catch (e) {
        expect((e as AppError).issues).toEqual([{ path: 'params.threshold', message }]);
      }
    }
  });
});
