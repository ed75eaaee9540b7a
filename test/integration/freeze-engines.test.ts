import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../shared/contract';
import { listAudit } from '../../main/audit';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { demoRuntime, dispatcherClient } from '../support/demo-runtime';
import { tempDir } from '../support/temp';
import { insertTestAlert } from '../support/test-alert';

/**
 * Issue 14, finding 2: after alerts.confirmFraud froze an account, a teller's accounts.setStatus
 * {status:"open"} succeeded and a withdrawal posted. A protective freeze is lifted only through fraud
 * review, by two people. Through the dispatcher, as the workstation calls it, on both engines.
 */
for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`fraud freeze on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let runtime: Runtime;
    const dir = tempDir('cbfreeze-');
    const tokens = new Map<string, string>();
    let keyN = 0;
    const key = () => `freeze-test-${engine}-${Date.now()}-${++keyN}`;

    const { ok, refused, signInAs } = dispatcherClient(() => runtime, tokens);
    /** An open customer account with money on it, and a fraud alert raised on it. */
    const alertedAccount = async (skip: number) => {
      const a = await bank.db
        .selectFrom('accounts')
        .select(['id', 'customer_id', 'branch_id', 'currency'])
        .where('kind', '=', 'customer')
        .where('status', '=', 'open')
        .where('balance', '>', 100_000)
        .orderBy('id')
        .offset(skip)
        .limit(1)
        .executeTakeFirstOrThrow();
      const alertId = await insertTestAlert(bank, { accountId: Number(a.id), customerId: a.customer_id });
      return { accountId: Number(a.id), currency: a.currency, alertId };
    };

    beforeAll(async () => {
      ({ bank, dispose, runtime } = await demoRuntime(engine, 'cbfreeze', dir.path));
      await signInAs('teller', 'analyst', 'compliance');
    }, 180_000);
    afterAll(async () => {
      await runtime?.close();
      await dispose?.();
      dir.remove();
    });

    it('a teller cannot lift a fraud freeze, and no money leaves; two people in fraud review can', async () => {
      const { accountId, currency, alertId } = await alertedAccount(0);
      await ok('analyst', 'alerts.confirmFraud', { id: alertId, comment: 'card stolen, customer confirmed' });
      // The teller is refused, told who froze it and who may lift it; the account stays frozen.
      const byTeller = await refused('teller', 'accounts.setStatus', { accountId, status: 'open', reason: 'Customer asked at the branch' });
      expect(byTeller.code).toBe('FORBIDDEN');
      expect(byTeller.message).toMatch(/fraud freeze set by analyst/);
      expect(byTeller.message).toMatch(/only fraud review/i);
      const withdrawal = await refused('teller', 'ops.submit', { operation: { kind: 'withdrawal', accountId, amount: '10', currency, description: '' }, idempotencyKey: key() });
      expect(withdrawal.code).toBe('ACCOUNT_FROZEN');
      const frozen = await ok<AccountDetail>('teller', 'accounts.get', { id: accountId });
      expect(frozen.status).toBe('frozen');
      expect(frozen.freeze).toMatchObject({ kind: 'fraud', frozenBy: 'analyst', pendingUnfreeze: null });
      // Nor may a teller ask for it to be lifted, or approve.
      expect((await refused('teller', 'accounts.requestUnfreeze', { accountId, reason: 'Customer asked at the branch' })).code).toBe('FORBIDDEN');

      // Fraud review may not lift it alone either: one asks, another approves.
      expect((await refused('analyst', 'accounts.setStatus', { accountId, status: 'open', reason: 'False positive after call' })).code).toBe('FORBIDDEN');
      const req = await ok<{ requestId: number; status: string }>('analyst', 'accounts.requestUnfreeze', { accountId, reason: 'Customer identity re-verified in branch' });
      expect(req.status).toBe('pending');
      expect((await ok<AccountDetail>('teller', 'accounts.get', { id: accountId })).freeze?.pendingUnfreeze).toMatchObject({ requestId: req.requestId, requestedBy: 'analyst' });
      expect((await refused('analyst', 'accounts.requestUnfreeze', { accountId, reason: 'Asking a second time' })).code).toBe('CONFLICT');
      expect((await refused('analyst', 'accounts.approveUnfreeze', { requestId: req.requestId })).code).toBe('FORBIDDEN');
      expect((await refused('teller', 'accounts.approveUnfreeze', { requestId: req.requestId })).code).toBe('FORBIDDEN');
      const lifted = await ok<AccountDetail>('compliance', 'accounts.approveUnfreeze', { requestId: req.requestId });
      expect(lifted.status).toBe('open');
      expect(lifted.freeze).toBeUndefined();
      expect((await refused('compliance', 'accounts.approveUnfreeze', { requestId: req.requestId })).code).toBe('CONFLICT');

      // Both steps are in the audit log, with maker and checker.
      const { entries } = await listAudit(bank.db, { limit: 50 });
      const requested = entries.find((e) => e.action === 'account.unfreeze_requested');
      const approved = entries.find((e) => e.action === 'account.unfreeze');
      expect(requested).toMatchObject({ actor: 'analyst' });
      expect(approved).toMatchObject({ actor: 'compliance' });
      expect(JSON.stringify(approved?.details)).toContain('"requestedBy":"analyst"');
      await ok('teller', 'ops.submit', { operation: { kind: 'withdrawal', accountId, amount: '10', currency, description: '' }, idempotencyKey: key() });
    });

    it('a customer-requested freeze stays the teller’s to lift; confirming fraud on it raises it to a fraud freeze', async () => {
      const { accountId, alertId } = await alertedAccount(1);
      await ok('teller', 'accounts.setStatus', { accountId, status: 'frozen', reason: 'Customer lost the card' });
      expect((await ok<AccountDetail>('teller', 'accounts.get', { id: accountId })).freeze).toMatchObject({ kind: 'customer_request', frozenBy: 'teller' });
      await ok('teller', 'accounts.setStatus', { accountId, status: 'open', reason: 'Customer found the card' });
      // A teller may not set a fraud freeze (they could not lift it; fraud review does that).
      expect((await refused('teller', 'accounts.setStatus', { accountId, status: 'frozen', kind: 'fraud', reason: 'Looks odd' })).code).toBe('FORBIDDEN');

      await ok('teller', 'accounts.setStatus', { accountId, status: 'frozen', reason: 'Customer lost the card' });
      await ok('analyst', 'alerts.confirmFraud', { id: alertId, comment: 'the card was used abroad' });
      expect((await ok<AccountDetail>('teller', 'accounts.get', { id: accountId })).freeze).toMatchObject({ kind: 'fraud', frozenBy: 'analyst' });
      expect((await refused('teller', 'accounts.setStatus', { accountId, status: 'open', reason: 'Customer found the card' })).code).toBe('FORBIDDEN');
    });
  });
}
