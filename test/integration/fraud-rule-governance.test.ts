import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleChangeMethods } from '../../shared/contract/fraud-rule-changes';
import { listAudit } from '../../main/audit';
import type { CallContext } from '../../main/dispatch';
import { loadRuleOverrides, RULES } from '../../main/fraud';
import { ruleChangeHandlers } from '../../main/fraud-review';
import type { Bank } from '../../main/source';
import { freshBank, type Engine } from '../support/banks';
import { refused } from '../support/refused';

const ctxOf = (username: string): CallContext => ({ session: { token: `t-${username}`, userId: 1, username, role: 'fraud_analyst' }, transport: 'test', origin: 'test' });
const maker = ctxOf('ana');
const checker = ctxOf('martin');

type M = keyof typeof ruleChangeMethods;

/** Issue 16, rule governance: maker–checker on rule changes, every version kept, any restorable, ranges checked. */
function suite(engine: Engine): void {
  describe(`rule governance on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let clock = Date.UTC(2026, 11, 4, 9, 0, 0);
    let h: ReturnType<typeof ruleChangeHandlers>;
    async function call<K extends M>(m: K, input: unknown, ctx: CallContext) {
      const parsed = ruleChangeMethods[m].input.parse(input);
      const fn = h[m] as (i: unknown, c: CallContext) => Promise<unknown>;
      return ruleChangeMethods[m].output.parse(await fn(parsed, ctx)) as ReturnType<(typeof ruleChangeMethods)[K]['output']['parse']>;
    }
    beforeAll(async () => {
      ({ bank, dispose } = await freshBank(engine, 'cbrulegov'));
      h = ruleChangeHandlers({ bank, readSide: () => ({ bank }), clock: () => (clock += 1000) });
    }, 60_000);
    afterAll(async () => dispose?.());

    it('a change waits for a second person, the maker cannot approve it, the checker applies it', async () => {
      const change = await call(
        'fraud.rules.changes.propose',
        { ruleId: 'velocity', params: { maxCount: 12 }, enabled: true, note: 'Fewer false positives on card testing' },
        maker,
      );
      expect(change).toMatchObject({ status: 'pending', baseVersion: 1, appliedVersion: null, changes: [{ name: 'maxCount', before: 8, after: 12 }] });
      // Not in force yet: scans still run velocity on its shipped defaults.
      expect((await loadRuleOverrides(bank)).velocity).toBeUndefined();
      expect((await refused(call('fraud.rules.changes.approve', { id: change.id }, maker))).code).toBe('FORBIDDEN');
      // One waiting change per rule.
      expect(
        (await refused(call('fraud.rules.changes.propose', { ruleId: 'velocity', params: { maxCount: 9 }, enabled: true, note: 'Another idea meanwhile' }, checker))).code,
      ).toBe('CONFLICT');
      const approved = await call('fraud.rules.changes.approve', { id: change.id }, checker);
      expect(approved).toMatchObject({ status: 'approved', decidedBy: 'martin', appliedVersion: 2 });
      expect((await loadRuleOverrides(bank)).velocity).toMatchObject({ maxCount: 12, version: 2 });
      expect((await refused(call('fraud.rules.changes.approve', { id: change.id }, checker))).code).toBe('CONFLICT');
    });

    it('keeps every version with before and after values, and restores version 1 through approval', async () => {
      const history = await call('fraud.rules.history', { ruleId: 'velocity' }, maker);
      expect(history.map((v) => [v.version, v.builtIn, v.active])).toEqual([
        [2, false, true],
        [1, true, false],
      ]);
      expect(history[0]).toMatchObject({ createdBy: 'ana', approvedBy: 'martin', changes: [{ name: 'maxCount', before: 8, after: 12 }] });
      expect(history[1]?.params).toEqual(RULES.velocity.defaults);

      const restore = await call('fraud.rules.changes.restore', { ruleId: 'velocity', version: 1, note: 'Back to the shipped burst size' }, maker);
      expect(restore).toMatchObject({ restoreOf: 1, changes: [{ name: 'maxCount', before: 12, after: 8 }] });
      expect((await loadRuleOverrides(bank)).velocity).toMatchObject({ maxCount: 12 });
      await call('fraud.rules.changes.approve', { id: restore.id }, checker);
      expect((await loadRuleOverrides(bank)).velocity).toMatchObject({ maxCount: 8, version: 3 });
      const after = await call('fraud.rules.history', { ruleId: 'velocity' }, maker);
      expect(after.map((v) => v.version)).toEqual([3, 2, 1]);
      expect(after[0]).toMatchObject({ restoredFrom: 1, active: true, params: RULES.velocity.defaults });
      // Restoring what is in force is nothing to approve.
      expect((await refused(call('fraud.rules.changes.restore', { ruleId: 'velocity', version: 3, note: 'Same again please' }, maker))).code).toBe('VALIDATION');
    });

    it('refuses parameters out of range (the schema the form uses) and records a rejection with its reason', async () => {
      for (const params of [{ score: 150 }, { windowMinutes: 1.5 }, { maxCount: 0 }]) {
        const e = await refused(call('fraud.rules.changes.propose', { ruleId: 'velocity', params, enabled: true, note: 'Out of range values' }, maker));
        expect(e.code, JSON.stringify(params)).toBe('VALIDATION');
      }
      const fees = await refused(
        call('fraud.rules.changes.propose', { ruleId: 'network_chain', params: { minFee: 0.3 }, enabled: true, note: 'Smallest fee above largest' }, maker),
      );
      expect(fees.issues?.map((i) => i.path)).toEqual(['params.maxFee']);

      const off = await call('fraud.rules.changes.propose', { ruleId: 'unusual_hour', params: {}, enabled: false, note: 'Too noisy for night shifts' }, maker);
      const rejected = await call('fraud.rules.changes.reject', { id: off.id, reason: 'Keep it on until the review' }, checker);
      expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Keep it on until the review', appliedVersion: null });
      expect((await loadRuleOverrides(bank)).unusual_hour).toBeUndefined();
      const list = await call('fraud.rules.changes.list', {}, maker);
      expect(list.map((c) => c.status)).toEqual(['rejected', 'approved', 'approved']);

      const audit = await listAudit(bank.db, { limit: 50 });
      const actions = audit.entries.map((r) => `${r.actor} ${r.action}`);
      expect(actions).toEqual(expect.arrayContaining(['ana fraud.rule_change_proposed', 'martin fraud.rule_change_approved', 'martin fraud.rule_change_rejected']));
    });
  });
}

suite('sqlite');
suite('mysql');
