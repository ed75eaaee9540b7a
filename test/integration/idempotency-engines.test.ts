import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput, Receipt } from '../../shared/contract';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { dispatcherClient, demoRuntime } from '../support/demo-runtime';
import { tempDir } from '../support/temp';
import { insertTestAlert } from '../support/test-alert';

/**
 * Issue 14, finding 8: idempotency keys were not bound to user and method. Another user's
 * alerts.dismiss with an analyst's note key answered "Already applied" and did nothing;
 * accounts.open for customer 6 with customer 5's key returned customer 5's account. One store binds
 * every key to user + method + input hash; anything else with a used key is a CONFLICT.
 * Through the dispatcher, on both engines.
 */
for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`idempotency store on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let runtime: Runtime;
    const dir = tempDir('cbidem-');
    const tokens = new Map<string, string>();
    let keyN = 0;
    const key = () => `idem-${engine}-${Date.now()}-${++keyN}`;
    const { ok, refused, signInAs } = dispatcherClient(() => runtime, tokens);
    const count = async (table: 'accounts' | 'journal' | 'fraud_alert_notes'): Promise<number> =>
      Number(
        (
          await bank.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const verifiedCustomers = async () =>
      (await bank.db.selectFrom('customers').select('id').where('kyc_status', '=', 'verified').orderBy('id').limit(2).execute()).map((r) => Number(r.id));
    const product = async () =>
      Number((await bank.db.selectFrom('products').select('id').where('kind', '=', 'current').where('active', '=', 1).orderBy('id').executeTakeFirstOrThrow()).id);
    const openAccount = async () =>
      await bank.db
        .selectFrom('accounts')
        .innerJoin('customers', 'customers.id', 'accounts.customer_id')
        .select(['accounts.id', 'accounts.currency'])
        .where('accounts.status', '=', 'open')
        .where('customers.kyc_status', '=', 'verified')
        .where('accounts.balance', '>', 100_000)
        .orderBy('accounts.id')
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      ({ bank, dispose, runtime } = await demoRuntime(engine, 'cbidem', dir.path));
      await signInAs('teller', 'manager', 'analyst', 'compliance');
    }, 180_000);
    afterAll(async () => {
      await runtime?.close();
      await dispose?.();
      dir.remove();
    });

    it('accounts.open: the key of one customer’s opening does not return it for another customer or another user', async () => {
      const [c5, c6] = await verifiedCustomers();
      const productId = await product();
      const k = key();
      const first = await ok<MethodOutput<'accounts.open'>>('teller', 'accounts.open', { customerId: c5, productId, initialDeposit: '100', idempotencyKey: k });
      expect(first.account.customer?.id).toBe(c5);
      const accounts = await count('accounts');
      const journal = await count('journal');
      const other = await refused('teller', 'accounts.open', { customerId: c6, productId, initialDeposit: '100', idempotencyKey: k });
      expect(other.code).toBe('CONFLICT');
      const otherUser = await refused('manager', 'accounts.open', { customerId: c5, productId, initialDeposit: '100', idempotencyKey: k });
      expect(otherUser.code).toBe('CONFLICT');
      expect(otherUser.message).not.toContain(first.account.accountNo);
      // Another method with the same key is refused too, before anything posts.
      const { id: accountId, currency } = await openAccount();
      expect((await refused('teller', 'ops.submit', { operation: { kind: 'deposit', accountId, amount: '5', currency, description: '' }, idempotencyKey: k })).code).toBe(
        'CONFLICT',
      );
      expect([await count('accounts'), await count('journal')]).toEqual([accounts, journal]);
      // The same request again is the same account, said to be a repeat.
      const again = await ok<MethodOutput<'accounts.open'>>('teller', 'accounts.open', { customerId: c5, productId, initialDeposit: '100', idempotencyKey: k });
      expect(again.account.id).toBe(first.account.id);
      expect(again.receipt?.replayed).toBe(true);
      expect(await count('accounts')).toBe(accounts);
    });

    it('alerts: another user’s dismiss with an analyst’s note key is a CONFLICT and the alert stays open', async () => {
      const a = await bank.db.selectFrom('accounts').select(['id', 'customer_id']).where('kind', '=', 'customer').orderBy('id').executeTakeFirstOrThrow();
      const alertId = await insertTestAlert(bank, { accountId: Number(a.id), customerId: a.customer_id, riskScore: 80 });
      const k = key();
      await ok('analyst', 'alerts.addNote', { id: alertId, text: 'Called the customer.', idempotencyKey: k });
      const e = await refused('compliance', 'alerts.dismiss', { ids: [alertId], reason: 'other', comment: 'closing', idempotencyKey: k });
      expect(e.code).toBe('CONFLICT');
      expect(e.message).not.toMatch(/Already applied|Called the customer/);
      // The same user with the same key for a different note is a conflict as well, not a silent no-op.
      expect((await refused('analyst', 'alerts.addNote', { id: alertId, text: 'Another note.', idempotencyKey: k })).code).toBe('CONFLICT');
      const status = await bank.db.selectFrom('fraud_alerts').select('status').where('id', '=', alertId).executeTakeFirstOrThrow();
      expect(status.status).toBe('new');
      // The analyst's own retry is still recognised as the same command.
      const again = await ok<{ message: string }>('analyst', 'alerts.addNote', { id: alertId, text: 'Called the customer.', idempotencyKey: k });
      expect(again.message).toMatch(/Already applied/);
      const notes = await bank.db.selectFrom('fraud_alert_notes').select('text').where('alert_id', '=', alertId).execute();
      expect(notes.map((n) => n.text)).toEqual(['Called the customer.']);
    });

    it('ops.submit: eight identical submits at once post once; another user with the key gets CONFLICT', async () => {
      const { id: accountId, currency } = await openAccount();
      const k = key();
      const input = { operation: { kind: 'deposit', accountId, amount: '12.34', currency, description: '' }, idempotencyKey: k };
      const journal = await count('journal');
      const results = await Promise.all(Array.from({ length: 8 }, () => ok<Receipt>('teller', 'ops.submit', input)));
      expect(new Set(results.map((r) => r.reference)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(await count('journal')).toBe(journal + 1);
      const byManager = await refused('manager', 'ops.submit', input);
      expect(byManager.code).toBe('CONFLICT');
      expect(byManager.message).not.toContain(results[0]?.reference ?? '');
      const stored = await bank.db.selectFrom('idempotency_keys').selectAll().where('idem_key', '=', k).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ actor: 'teller', method: 'ops.submit' });
      expect(stored.input_hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });
}
