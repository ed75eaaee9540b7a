import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract';
import { listAudit } from '../../main/audit';
import { checkLedger } from '../../main/ledger';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { dispatcherClient, demoRuntime } from '../support/demo-runtime';
import { tempDir } from '../support/temp';
import { insertTestAlert } from '../support/test-alert';

/**
 * Issue 16 through the dispatcher on both engines: an analyst groups two alerts into a case, works
 * it (confirm, block the card, recall a pending transfer, record a call, reassign, release, reopen a
 * dismissed alert, escalate); every step is on the case timeline and in the audit log. Attacks: the
 * same transfer recalled in parallel reverses once; a settled transfer cannot be recalled; a
 * transfer outside the case is refused; a teller's session is refused every case method.
 */
for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`review cases and protective actions on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let runtime: Runtime;
    const dir = tempDir('cbcases-');
    const tokens = new Map<string, string>();
    let keyN = 0;
    const key = () => `cases-${engine}-${Date.now()}-${++keyN}-key`;
    const { ok, refused, signInAs } = dispatcherClient(() => runtime, tokens);

    let subject: { accountId: number; customerId: number; cardId: number; currency: string };
    let other: { accountId: number };
    const alerts: { id: number; flagged: number }[] = [];
    let caseId = 0;

    const balanceOf = async (id: number) => Number((await bank.db.selectFrom('accounts').select('balance').where('id', '=', id).executeTakeFirstOrThrow()).balance);
    const caseOf = (id: number) => ok<CaseDetail>('analyst', 'cases.get', { id });
    const sendAbroad = async (accountId: number, amount: string, currency: string) =>
      await ok<{ journalId: number; reference: string; status: string }>('teller', 'ops.submit', {
        operation: {
          kind: 'external_transfer',
          fromAccountId: accountId,
          beneficiaryIban: 'DE89 3704 0044 0532 0130 00',
          beneficiaryName: 'Max Mule',
          amount,
          currency,
          description: 'Invoice 17',
        },
        idempotencyKey: key(),
      });

    beforeAll(async () => {
      ({ bank, dispose, runtime } = await demoRuntime(engine, 'cbcases', dir.path));
      await signInAs('analyst', 'compliance', 'teller');
      // A customer with an active card and an open account with money on it.
      const rows = await bank.db
        .selectFrom('cards as c')
        .innerJoin('accounts as a', 'a.id', 'c.account_id')
        .select(['a.id as account_id', 'a.customer_id', 'a.currency', 'a.balance', 'c.id as card_id'])
        .where('c.status', '=', 'active')
        .where('a.status', '=', 'open')
        .where('a.kind', '=', 'customer')
        .where('a.balance', '>', 100_000)
        .orderBy('a.balance', 'desc')
        .limit(5)
        .execute();
      const r = rows[0];
      if (!r || r.customer_id === null) throw new Error('need a customer with a card and money');
      subject = { accountId: Number(r.account_id), customerId: Number(r.customer_id), cardId: Number(r.card_id), currency: r.currency };
      const o = await bank.db
        .selectFrom('accounts')
        .select('id')
        .where('kind', '=', 'customer')
        .where('status', '=', 'open')
        .where('customer_id', '!=', subject.customerId)
        .where('currency', '=', subject.currency)
        .where('balance', '>', 10_000)
        .executeTakeFirstOrThrow();
      other = { accountId: Number(o.id) };
      // Two alerts on the account, each flagging one of its transactions.
      const own = await bank.db.selectFrom('entries').select('journal_id').where('account_id', '=', subject.accountId).orderBy('journal_id', 'desc').limit(2).execute();
      for (const [i, rule] of ['account_drained', 'velocity'].entries()) {
        const flagged = Number(own[i]?.journal_id);
        const id = await insertTestAlert(bank, { accountId: subject.accountId, customerId: subject.customerId, ruleId: rule, riskScore: 80 + i, flagged: [flagged] });
        alerts.push({ id, flagged });
      }
    }, 240_000);
    afterAll(async () => {
      await runtime?.close();
      await dispose?.();
      dir.remove();
    });

    it('refuses a teller every case method and protective action', async () => {
      const calls: [string, unknown][] = [
        ['cases.list', {}],
        ['cases.create', { alertIds: alerts.map((a) => a.id), idempotencyKey: key() }],
        ['cards.block', { caseId: 1, cardIds: [subject.cardId], reason: 'stolen card', idempotencyKey: key() }],
        ['transfers.recall', { caseId: 1, journalId: 1, reason: 'fraudulent', idempotencyKey: key() }],
        [
          'contacts.record',
          {
            caseId: 1,
            customerId: subject.customerId,
            channel: 'phone_call',
            outcome: 'customer_denies',
            spokeWith: 'The customer',
            contactedAt: Date.now(),
            summary: 'Did not pay',
            idempotencyKey: key(),
          },
        ],
        ['alerts.reopen', { id: alerts[0]?.id, reason: 'new evidence', idempotencyKey: key() }],
      ];
      for (const [m, input] of calls) expect((await refused('teller', m, input)).code).toBe('FORBIDDEN');
      expect(await bank.db.withTables<{ review_cases: { id: number } }>().selectFrom('review_cases').select('id').execute()).toEqual([]);
    });

    it('groups two alerts into a case owned by the analyst; an alert belongs to one case', async () => {
      const ids = alerts.map((a) => a.id);
      const k = await ok<{ caseId: number }>('analyst', 'cases.create', { alertIds: ids, idempotencyKey: key() });
      caseId = k.caseId;
      const d = await caseOf(caseId);
      expect(d.case).toMatchObject({ status: 'open', owner: 'analyst', createdBy: 'analyst', alertIds: ids });
      expect(d.alerts.map((a) => [a.id, a.assignee, a.status])).toEqual(ids.map((id) => [id, 'analyst', 'in_review']));
      expect(d.customers.map((c) => c.id)).toEqual([subject.customerId]);
      expect(d.cards.some((c) => c.id === subject.cardId && c.status === 'active')).toBe(true);
      const again = await refused('analyst', 'cases.create', { alertIds: [ids[0]], idempotencyKey: key() });
      expect(again.code).toBe('CONFLICT');
      expect(again.message).toMatch(new RegExp(`Alert ${ids[0]} is already in case ${caseId}`));
      expect((await ok<{ id: number }[]>('analyst', 'cases.list', { alertId: ids[1] })).map((c) => c.id)).toEqual([caseId]);
    });

    it('confirms fraud on the selected transaction of an alert in the case: on the timeline', async () => {
      const a = alerts[0] as { id: number; flagged: number };
      await ok('analyst', 'alerts.confirmFraud', { id: a.id, journalIds: [a.flagged], comment: 'Customer denies this payment' });
      const t = (await caseOf(caseId)).timeline.at(-1);
      expect(t).toMatchObject({ actor: 'analyst', kind: 'alert.confirmed' });
      expect(t?.summary).toContain('Customer denies this payment');
      // The account is now frozen by fraud review; protective actions still work on it.
      await bank.db.deleteFrom('account_freezes').where('account_id', '=', subject.accountId).execute();
      await bank.db.updateTable('accounts').set({ status: 'open', status_reason: null }).where('id', '=', subject.accountId).execute();
    });

    it('blocks the card once (a repeated key replays; another block says already blocked); a stranger’s card is refused', async () => {
      const k = key();
      const first = await ok<{ blocked: { cardId: number; alreadyBlocked: boolean }[] }>('analyst', 'cards.block', {
        caseId,
        cardIds: [subject.cardId],
        reason: 'Card details stolen',
        idempotencyKey: k,
      });
      expect(first.blocked).toEqual([expect.objectContaining({ cardId: subject.cardId, alreadyBlocked: false })]);
      const replay = await ok<typeof first>('analyst', 'cards.block', { caseId, cardIds: [subject.cardId], reason: 'Card details stolen', idempotencyKey: k });
      expect(replay).toEqual(first);
      const second = await ok<typeof first>('analyst', 'cards.block', { caseId, cardIds: [subject.cardId], reason: 'Card details stolen again', idempotencyKey: key() });
      expect(second.blocked[0]?.alreadyBlocked).toBe(true);
      expect((await bank.db.selectFrom('cards').select('status').where('id', '=', subject.cardId).executeTakeFirstOrThrow()).status).toBe('blocked');
      const stranger = await bank.db.selectFrom('cards').select('id').where('customer_id', '!=', subject.customerId).where('status', '=', 'active').executeTakeFirstOrThrow();
      const e = await refused('analyst', 'cards.block', { caseId, cardIds: [Number(stranger.id)], reason: 'Not this case', idempotencyKey: key() });
      expect(e.code).toBe('VALIDATION');
      expect((await bank.db.selectFrom('cards').select('status').where('id', '=', Number(stranger.id)).executeTakeFirstOrThrow()).status).toBe('active');
      const d = await caseOf(caseId);
      expect(d.cards.find((c) => c.id === subject.cardId)).toMatchObject({ status: 'blocked', blockedBy: 'analyst' });
      expect(d.timeline.filter((t) => t.kind === 'card.blocked').length).toBe(2);
    });

    it('recalls a pending transfer once under eight parallel recalls: the reversing journal brings the balance back', async () => {
      const before = await balanceOf(subject.accountId);
      const sent = await sendAbroad(subject.accountId, '250.00', subject.currency);
      expect(sent.status).toBe('pending');
      expect(await balanceOf(subject.accountId)).toBe(before - 25_000);
      const d0 = await caseOf(caseId);
      expect(d0.transfers.find((t) => t.journalId === sent.journalId)?.state).toBe('pending');

      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          runtime.dispatch({
            method: 'transfers.recall',
            input: { caseId, journalId: sent.journalId, reason: 'Customer did not send it', idempotencyKey: key() },
            sessionToken: tokens.get('analyst') ?? null,
            transport: 'test',
            origin: 'test',
          }),
        ),
      );
      const okOnes = results.filter((r) => r.ok);
      expect(okOnes.length).toBe(1);
      for (const r of results) if (!r.ok) expect(r.error.code).toBe('CONFLICT');
      expect(await balanceOf(subject.accountId)).toBe(before);
      const reversals = await bank.db.selectFrom('journal').select(['id', 'amount', 'status']).where('description', '=', `Recall of ${sent.reference}`).execute();
      expect(reversals.length).toBe(1);
      const legs = await bank.db.selectFrom('entries').select(['account_id', 'amount']).where('journal_id', '=', Number(reversals[0]?.id)).orderBy('account_id').execute();
      const orig = await bank.db.selectFrom('entries').select(['account_id', 'amount']).where('journal_id', '=', sent.journalId).orderBy('account_id').execute();
      expect(legs.map((l) => [Number(l.account_id), Number(l.amount)])).toEqual(orig.map((l) => [Number(l.account_id), -Number(l.amount)]));
      const ledger = await checkLedger(bank);
      expect([ledger.unbalancedJournals, ledger.balanceMismatches, ledger.runningBalanceMismatches]).toEqual([0, 0, 0]);
      const audits = await listAudit(bank.db, { limit: 50, action: 'transfer.recall' });
      expect(audits.entries.filter((e: { entityId: string | null }) => e.entityId === sent.reference).length).toBe(1);

      const again = await refused('analyst', 'transfers.recall', { caseId, journalId: sent.journalId, reason: 'Once more', idempotencyKey: key() });
      expect(again.code).toBe('CONFLICT');
      expect(again.message).toMatch(/already recalled by analyst/);
      const d = await caseOf(caseId);
      const reversal = await bank.db.selectFrom('journal').select('reference').where('id', '=', Number(reversals[0]?.id)).executeTakeFirstOrThrow();
      expect(d.transfers.find((t) => t.journalId === sent.journalId)).toMatchObject({
        state: 'recalled',
        recalledBy: 'analyst',
        recalledAt: expect.any(Number),
        reversalReference: reversal.reference,
        amount: 25_000,
        accountId: subject.accountId,
      });
      // The reversing journal is a credit: it is not an outgoing transfer of its own.
      expect(d.transfers.filter((t) => t.reference === reversal.reference)).toEqual([]);
      expect(d.timeline.filter((t) => t.kind === 'transfer.recalled').length).toBe(1);
    });

    it('refuses to recall a settled transfer, a transfer outside the case, and a payment that is not a transfer abroad', async () => {
      const settled = await sendAbroad(subject.accountId, '10.00', subject.currency);
      // The settlement run sends pending transfers to the other bank: posted, gone.
      await bank.db.updateTable('journal').set({ status: 'posted' }).where('id', '=', settled.journalId).execute();
      const before = await balanceOf(subject.accountId);
      const e = await refused('analyst', 'transfers.recall', { caseId, journalId: settled.journalId, reason: 'Too late now', idempotencyKey: key() });
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/settled/);
      const foreign = await sendAbroad(other.accountId, '10.00', subject.currency);
      expect((await refused('analyst', 'transfers.recall', { caseId, journalId: foreign.journalId, reason: 'Not this case', idempotencyKey: key() })).code).toBe('VALIDATION');
      const notWire = alerts[1]?.flagged as number;
      expect((await refused('analyst', 'transfers.recall', { caseId, journalId: notWire, reason: 'Not a transfer', idempotencyKey: key() })).code).toBe('VALIDATION');
      expect(await balanceOf(subject.accountId)).toBe(before);
    });

    it('records the customer’s call (not in the future, only a customer of the case)', async () => {
      const at = Date.now() - 10 * 60_000;
      const c = {
        caseId,
        customerId: subject.customerId,
        channel: 'phone_call',
        outcome: 'customer_denies',
        spokeWith: 'The account holder',
        contactedAt: at,
        summary: 'Confirmed the card was stolen on Monday',
      };
      await ok('analyst', 'contacts.record', { ...c, idempotencyKey: key() });
      expect((await refused('analyst', 'contacts.record', { ...c, contactedAt: Date.now() + 3_600_000, idempotencyKey: key() })).code).toBe('VALIDATION');
      const otherCustomer = await bank.db.selectFrom('accounts').select('customer_id').where('id', '=', other.accountId).executeTakeFirstOrThrow();
      expect((await refused('analyst', 'contacts.record', { ...c, customerId: Number(otherCustomer.customer_id), idempotencyKey: key() })).code).toBe('VALIDATION');
      const d = await caseOf(caseId);
      expect(d.contacts).toEqual([
        expect.objectContaining({ channel: 'phone_call', outcome: 'customer_denies', spokeWith: 'The account holder', contactedAt: at, recordedBy: 'analyst' }),
      ]);
    });

    it('reassigns and releases the claim; only to a fraud reviewer', async () => {
      expect((await refused('analyst', 'cases.assign', { id: caseId, owner: 'teller', idempotencyKey: key() })).code).toBe('VALIDATION');
      await ok('analyst', 'cases.assign', { id: caseId, owner: 'compliance', idempotencyKey: key() });
      let d = await caseOf(caseId);
      expect(d.case.owner).toBe('compliance');
      expect(d.alerts.find((a) => a.id === alerts[1]?.id)?.assignee).toBe('compliance');
      await ok('compliance', 'cases.assign', { id: caseId, owner: null, idempotencyKey: key() });
      d = await caseOf(caseId);
      expect(d.case.owner).toBeNull();
      expect(d.alerts.find((a) => a.id === alerts[1]?.id)?.assignee).toBeNull();
      expect(d.timeline.slice(-2).map((t) => [t.kind, t.actor])).toEqual([
        ['case.assigned', 'analyst'],
        ['case.released', 'compliance'],
      ]);
    });

    it('reopens a dismissed alert with a reason; an open or confirmed one is refused', async () => {
      const b = alerts[1]?.id as number;
      expect((await refused('analyst', 'alerts.reopen', { id: b, reason: 'nothing to reopen', idempotencyKey: key() })).code).toBe('CONFLICT');
      await ok('analyst', 'alerts.dismiss', { ids: [b], reason: 'customer_confirmed', comment: 'Customer made it', idempotencyKey: key() });
      expect((await refused('analyst', 'alerts.reopen', { id: b, reason: 'x', idempotencyKey: key() })).code).toBe('VALIDATION');
      await ok('analyst', 'alerts.reopen', { id: b, reason: 'The call showed it was not the customer', idempotencyKey: key() });
      const row = await bank.db.selectFrom('fraud_alerts').select(['status', 'disposed_by']).where('id', '=', b).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'new', disposed_by: null });
      expect((await refused('analyst', 'alerts.reopen', { id: alerts[0]?.id, reason: 'confirmed stays confirmed', idempotencyKey: key() })).code).toBe('CONFLICT');
      const d = await caseOf(caseId);
      expect(d.timeline.slice(-2).map((t) => t.kind)).toEqual(['alert.dismissed', 'alert.reopened']);
    });

    it('shows every step on the timeline and in the audit log; escalation hands one compliance case on', async () => {
      const d = await caseOf(caseId);
      expect(d.timeline.map((t) => t.kind)).toEqual([
        'case.created',
        'alert.confirmed',
        'card.blocked',
        'card.blocked',
        'transfer.recalled',
        'customer.contact',
        'case.assigned',
        'case.released',
        'alert.dismissed',
        'alert.reopened',
      ]);
      for (const t of d.timeline) expect(t.at).toBeGreaterThan(0);
      const actions = (await listAudit(bank.db, { limit: 200, actor: 'analyst' })).entries.map((e: { action: string }) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'fraud.case_created',
          'fraud.confirm',
          'card.block',
          'transfer.recall',
          'customer.contact',
          'fraud.case_assigned',
          'fraud.dismiss',
          'fraud.reopen',
        ]),
      );

      const esc = await ok<{ complianceCaseId: number }>('analyst', 'cases.escalate', { id: caseId, comment: 'Mule network, over to compliance', idempotencyKey: key() });
      const after = await caseOf(caseId);
      expect(after.case).toMatchObject({ status: 'escalated', complianceCaseId: esc.complianceCaseId });
      expect(after.alerts.find((a) => a.id === alerts[1]?.id)?.status).toBe('escalated');
      const cc = await ok<{ id: number; alertId: number | null }[]>('compliance', 'compliance.cases.list', { status: 'open' });
      expect(cc.find((c) => c.id === esc.complianceCaseId)?.alertId).toBe(alerts[1]?.id);
      expect((await refused('analyst', 'cases.addAlerts', { id: caseId, alertIds: [alerts[0]?.id], idempotencyKey: key() })).code).toBe('CONFLICT');
    });

    it('a recalled transfer no longer holds its account open: at zero it can be closed', async () => {
      // A new current account for the customer (the first product on offer they may have).
      const products = await bank.db
        .selectFrom('products')
        .select('id')
        .where('active', '=', 1)
        .where('kind', '=', 'current')
        .where('currency', '=', subject.currency)
        .orderBy('id')
        .execute();
      let opened: { account: { id: number } } | null = null;
      for (const p of products) {
        const r = await runtime.dispatch({
          method: 'accounts.open',
          input: { customerId: subject.customerId, productId: Number(p.id), initialDeposit: '10.00', idempotencyKey: key() },
          sessionToken: tokens.get('teller') ?? null,
          transport: 'test',
          origin: 'test',
        });
        if (r.ok) {
          opened = r.result as { account: { id: number } };
          break;
        }
      }
      if (!opened) throw new Error('no current account could be opened for the customer');
      const acct = opened.account.id;
      const sent = await sendAbroad(acct, '10.00', subject.currency);
      await ok('analyst', 'transfers.recall', { caseId, journalId: sent.journalId, reason: 'Stopped before settlement', idempotencyKey: key() });
      await ok('teller', 'ops.submit', {
        operation: { kind: 'withdrawal', accountId: acct, amount: '10.00', currency: subject.currency, description: 'cash' },
        idempotencyKey: key(),
      });
      const closed = await ok<{ status: string }>('teller', 'accounts.close', { accountId: acct, reason: 'Customer closes it' });
      expect(closed.status).toBe('closed');
    });
  });
}
