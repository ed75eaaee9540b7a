import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { dispatcherClient, demoRuntime } from '../support/demo-runtime';
import { tempDir } from '../support/temp';
import { insertTestAlert } from '../support/test-alert';

/**
 * Issue 14, findings 9 and 10, through the dispatcher on both engines: alerts.assign accepted any
 * text as assignee (it then reached exports as a formula); alerts.confirmFraud froze accounts and
 * marked transactions unrelated to the alert.
 */
for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`fraud review scope on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let runtime: Runtime;
    const dir = tempDir('cbsecfr-');
    const tokens = new Map<string, string>();
    let keyN = 0;
    const key = () => `secfr-${engine}-${Date.now()}-${++keyN}`;
    const { ok, refused, signInAs } = dispatcherClient(() => runtime, tokens);
    /** Two customers' accounts; an alert on the first flagging one of its transactions. */
    const setup = async () => {
      const accts = await bank.db.selectFrom('accounts').select(['id', 'customer_id']).where('kind', '=', 'customer').where('status', '=', 'open').orderBy('id').execute();
      const mine = accts[keyN % 5];
      const stranger = accts.find((a) => a.customer_id !== mine?.customer_id && a.id > (mine?.id ?? 0));
      if (!mine || !stranger) throw new Error('need two customers');
      const own = await bank.db.selectFrom('entries').select('journal_id').where('account_id', '=', mine.id).orderBy('journal_id').limit(2).execute();
      const foreign = await bank.db
        .selectFrom('entries')
        .select('journal_id')
        .where('account_id', '=', stranger.id)
        .orderBy('journal_id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const flagged = Number(own[0]?.journal_id);
      const alertId = await insertTestAlert(bank, { accountId: Number(mine.id), customerId: mine.customer_id, flagged: [flagged] });
      return { alertId, mine: Number(mine.id), stranger: Number(stranger.id), flagged, ownOther: Number(own[1]?.journal_id), foreignJournal: Number(foreign.journal_id) };
    };
    const statusOf = async (accountId: number) => (await bank.db.selectFrom('accounts').select('status').where('id', '=', accountId).executeTakeFirstOrThrow()).status;
    const marks = async (journalId: number) => (await bank.db.selectFrom('fraud_marks').select('journal_id').where('journal_id', '=', journalId).execute()).length;

    beforeAll(async () => {
      ({ bank, dispose, runtime } = await demoRuntime(engine, 'cbsecfr', dir.path));
      await signInAs('analyst', 'compliance');
    }, 180_000);
    afterAll(async () => {
      await runtime?.close();
      await dispose?.();
      dir.remove();
    });

    it('assigns only to users holding the review permission', async () => {
      const { alertId } = await setup();
      for (const assignee of ['=HYPERLINK("http://evil","open")', 'teller', 'auditor', 'nobody-here']) {
        const e = await refused('analyst', 'alerts.assign', { ids: [alertId], assignee, idempotencyKey: key() });
        expect(e.code).toBe('VALIDATION');
        expect(e.message).toMatch(/fraud reviewer/);
      }
      const row = await bank.db.selectFrom('fraud_alerts').select(['assignee', 'status']).where('id', '=', alertId).executeTakeFirstOrThrow();
      expect(row).toEqual({ assignee: null, status: 'new' });
      await ok('analyst', 'alerts.assign', { ids: [alertId], assignee: 'compliance', idempotencyKey: key() });
      expect((await bank.db.selectFrom('fraud_alerts').select('assignee').where('id', '=', alertId).executeTakeFirstOrThrow()).assignee).toBe('compliance');
    });

    it('confirmFraud refuses another customer’s account and an unrelated transaction, writing nothing', async () => {
      const s = await setup();
      const acct = await refused('analyst', 'alerts.confirmFraud', { id: s.alertId, freezeAccountIds: [s.mine, s.stranger], comment: 'stolen card' });
      expect(acct.code).toBe('VALIDATION');
      expect(acct.message).toContain(`Account ${s.stranger} is not part of alert ${s.alertId}`);
      const txn = await refused('analyst', 'alerts.confirmFraud', { id: s.alertId, journalIds: [s.flagged, s.foreignJournal], comment: 'stolen card' });
      expect(txn.code).toBe('VALIDATION');
      expect(txn.message).toContain(`Transaction ${s.foreignJournal} is not part of alert ${s.alertId}`);
      expect([await statusOf(s.mine), await statusOf(s.stranger)]).toEqual(['open', 'open']);
      expect(await marks(s.foreignJournal)).toBe(0);
      expect((await bank.db.selectFrom('fraud_alerts').select('status').where('id', '=', s.alertId).executeTakeFirstOrThrow()).status).toBe('new');
      // Its own account and a transaction on it are accepted.
      await ok('analyst', 'alerts.confirmFraud', { id: s.alertId, freezeAccountIds: [s.mine], journalIds: [s.flagged, s.ownOther], comment: 'confirmed' });
      expect(await statusOf(s.mine)).toBe('frozen');
      expect(await marks(s.ownOther)).toBe(1);
    });
  });
}
