import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationPreview, Receipt } from '../../shared/contract';
import { listAudit } from '../../main/audit';
import { scanBank } from '../../main/fraud';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { dispatcherClient, demoRuntime } from '../support/demo-runtime';
import { tempDir } from '../support/temp';

/**
 * Issue 14, finding 11 (segregation of duties), through the dispatcher on both engines: a teller
 * opened accounts and took cash for a customer whose KYC was pending; the transfer confirmation
 * showed the beneficiary's balance; statement exports and SAR drafts left no audit entry.
 */
for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`segregation of duties on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let runtime: Runtime;
    const dir = tempDir('cbduties-');
    const tokens = new Map<string, string>();
    let keyN = 0;
    const key = () => `duties-${engine}-${Date.now()}-${++keyN}`;
    const { ok, refused, signInAs } = dispatcherClient(() => runtime, tokens);
    const count = async (table: 'accounts' | 'journal'): Promise<number> =>
      Number(
        (
          await bank.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    /** Open accounts with money of two different verified customers, in one currency. */
    const twoCustomers = async () => {
      const rows = await bank.db
        .selectFrom('accounts')
        .innerJoin('customers', 'customers.id', 'accounts.customer_id')
        .select(['accounts.id', 'accounts.account_no', 'accounts.currency', 'accounts.customer_id'])
        .where('accounts.status', '=', 'open')
        .where('customers.kyc_status', '=', 'verified')
        .where('accounts.balance', '>', 100_000)
        .orderBy('accounts.id')
        .execute();
      const from = rows[0];
      const to = rows.find((r) => r.customer_id !== from?.customer_id && r.currency === from?.currency);
      if (!from || !to) throw new Error('need two customers');
      return { from, to };
    };

    beforeAll(async () => {
      ({ bank, dispose, runtime } = await demoRuntime(engine, 'cbduties', dir.path));
      await signInAs('teller', 'analyst');
    }, 180_000);
    afterAll(async () => {
      await runtime?.close();
      await dispose?.();
      dir.remove();
    });

    it('a teller cannot open an account or take cash for a customer whose KYC is pending, and is told why', async () => {
      const acct = await bank.db
        .selectFrom('accounts')
        .select(['id', 'customer_id', 'currency'])
        .where('kind', '=', 'customer')
        .where('status', '=', 'open')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      await bank.db.updateTable('customers').set({ kyc_status: 'pending' }).where('id', '=', Number(acct.customer_id)).execute();
      const product = await bank.db.selectFrom('products').select('id').where('kind', '=', 'current').where('active', '=', 1).executeTakeFirstOrThrow();
      const [accounts, journal] = [await count('accounts'), await count('journal')];
      const open = await refused('teller', 'accounts.open', { customerId: Number(acct.customer_id), productId: Number(product.id), initialDeposit: '100', idempotencyKey: key() });
      expect(open).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/KYC is pending: compliance must verify/) });
      expect(open.issues?.[0]).toMatchObject({ path: 'customerId' });
      for (const kind of ['deposit', 'withdrawal'] as const) {
        const op = { kind, accountId: Number(acct.id), amount: '10', currency: acct.currency, description: '' };
        const preview = await refused('teller', 'ops.preview', op);
        expect(preview).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/KYC is pending/) });
        expect((await refused('teller', 'ops.submit', { operation: op, idempotencyKey: key() })).code).toBe('VALIDATION');
      }
      expect([await count('accounts'), await count('journal')]).toEqual([accounts, journal]);
    });

    it('the transfer confirmation and receipt show the sender’s balance, never the beneficiary’s', async () => {
      const { from, to } = await twoCustomers();
      const op = { kind: 'transfer' as const, fromAccountId: Number(from.id), toAccountNo: to.account_no, amount: '12.00', currency: from.currency, description: '' };
      const preview = await ok<OperationPreview>('teller', 'ops.preview', op);
      const legOf = (legs: OperationPreview['legs'], id: number) => legs.find((l) => l.accountId === id);
      expect(legOf(preview.legs, Number(from.id))?.balanceAfter).toEqual(expect.any(Number));
      expect(legOf(preview.legs, Number(to.id))).toMatchObject({ balanceBefore: null, balanceAfter: null });
      const receipt = await ok<Receipt>('teller', 'ops.submit', { operation: op, idempotencyKey: key() });
      expect(legOf(receipt.legs, Number(to.id))).toMatchObject({ balanceBefore: null, balanceAfter: null });
      const reprint = await ok<Receipt>('teller', 'ops.receipt', { reference: receipt.reference });
      expect(legOf(reprint.legs, Number(to.id))).toMatchObject({ balanceBefore: null, balanceAfter: null });
      expect(legOf(reprint.legs, Number(from.id))?.balanceAfter).toEqual(expect.any(Number));
    });

    it('statement exports and SAR drafts write audit entries', async () => {
      const { from } = await twoCustomers();
      const now = Date.now();
      for (const format of ['csv', 'pdf'] as const) await ok('teller', 'statements.export', { accountId: Number(from.id), from: now - 30 * 86_400_000, to: now, format });
      const exports = (await listAudit(bank.db, { limit: 50, action: 'statement.exported' })).entries;
      expect(
        exports
          .filter((e) => e.actor === 'teller' && e.entityId === from.account_no)
          .map((e) => (e.details as { format?: string } | null)?.format)
          .sort(),
      ).toEqual(['csv', 'pdf']);

      await scanBank(bank);
      const alertId = Number((await bank.db.selectFrom('fraud_alerts').select('id').orderBy('id').executeTakeFirstOrThrow()).id);
      await ok('analyst', 'alerts.sarDraft', { id: alertId });
      const sar = (await listAudit(bank.db, { limit: 50, action: 'fraud.sar_drafted' })).entries;
      expect(sar.some((e) => e.actor === 'analyst' && String(e.entityId) === String(alertId))).toBe(true);
    });
  });
}
