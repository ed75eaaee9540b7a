import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName, type MethodOutput } from '../../shared/contract';
import { catalogHandlers } from '../../main/catalog';
import { generateDemoBank } from '../../main/demo';
import type { CallContext } from '../../main/dispatch';
import { type Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';
import { refused } from '../support/refused';

const END = Date.UTC(2025, 10, 25, 14, 30, 0);
const ctx: CallContext = { session: { token: 't', userId: 1, username: 'admin1', role: 'admin' }, transport: 'test', origin: 'test' };
const PRODUCT = {
  code: 'SAVE-PLUS',
  name: 'Savings Plus',
  kind: 'savings',
  currency: 'EUR',
  interestRateBp: 225,
  monthlyFee: 0,
  overdraftLimit: 0,
  dailyWithdrawalLimit: 50_000,
  active: true,
  description: 'Test product',
} as const;

for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`catalog on ${engine}`, () => {
    let bank: Bank;
    let cleanup: () => Promise<void>;
    let handlers: ReturnType<typeof catalogHandlers>;
    let now = END + 3_600_000;
    const call = <M extends 'products.list' | 'products.save' | 'branches.list'>(m: M, input: unknown): Promise<MethodOutput<M>> =>
      (handlers[m] as (i: unknown, c: CallContext) => Promise<MethodOutput<M>>)(contract[m as MethodName].input.parse(input), ctx);
    const audits = async (): Promise<number> => Number((await sql<{ n: number }>`select count(*) as n from audit_log`.execute(bank.db)).rows[0]?.n);

    beforeAll(async () => {
      ({ bank, dispose: cleanup } = await freshBank(engine, 'cbcat'));
      await generateDemoBank(bank, { ...TINY_DEMO, end: END });
      handlers = catalogHandlers({ bank, reader: () => bank, clock: () => now });
    }, 180_000);
    afterAll(async () => cleanup?.());

    it('lists products with their account counts', async () => {
      const list = await call('products.list', { includeInactive: true });
      expect(list.length).toBeGreaterThan(0);
      const withProduct = await bank.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('product_id', 'is not', null)
        .executeTakeFirstOrThrow();
      // Loans have no account of their own: a loan product's holdings are its loans (issue 16).
      const loans = await bank.db
        .selectFrom('loans')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('product_id', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(list.reduce((s, p) => s + p.accounts, 0)).toBe(Number(withProduct.n) + Number(loans.n));
    });

    it('lists branches by name with customer counts', async () => {
      const list = await call('branches.list', {});
      const names = list.map((b) => b.name);
      expect(names).toEqual([...names].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare));
      const customers = await bank.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(list.reduce((s, b) => s + b.customers, 0)).toBe(Number(customers.n));
    });

    it('creates and changes a product with audit entries; refuses a taken code and a stale edit', async () => {
      const created = await call('products.save', PRODUCT);
      expect(created).toMatchObject({ code: 'SAVE-PLUS', accounts: 0, interestRateBp: 225 });
      expect(await bank.db.selectFrom('audit_log').select('action').where('entity_id', '=', 'SAVE-PLUS').execute()).toEqual([{ action: 'product.create' }]);

      const before = await audits();
      expect((await refused(call('products.save', PRODUCT))).code).toBe('DUPLICATE');
      now += 1000;
      const changed = await call('products.save', { ...PRODUCT, id: created.id, expectedUpdatedAt: created.updatedAt, interestRateBp: 250, currency: 'CZK' });
      expect(changed).toMatchObject({ interestRateBp: 250, currency: 'CZK' });
      expect(await audits()).toBe(before + 1);
      const audit = await bank.db.selectFrom('audit_log').select('details').where('action', '=', 'product.update').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.details).changes.interestRateBp).toEqual({ from: 225, to: 250 });

      const stale = await refused(call('products.save', { ...PRODUCT, id: created.id, expectedUpdatedAt: created.updatedAt, interestRateBp: 300 }));
      expect(stale.code).toBe('CONFLICT');
      expect((await refused(call('products.save', { ...PRODUCT, id: 99_999, expectedUpdatedAt: 1 }))).code).toBe('NOT_FOUND');
      expect((await refused(call('products.save', { ...PRODUCT, id: created.id }))).code).toBe('VALIDATION');
      expect(await audits()).toBe(before + 1);
    });

    it('refuses changing the currency of a product accounts use', async () => {
      const used = (await call('products.list', { includeInactive: true })).find((p) => p.accounts > 0);
      if (!used) throw new Error('the demo bank has no product in use');
      const before = await audits();
      const e = await refused(call('products.save', { ...used, currency: used.currency === 'EUR' ? 'USD' : 'EUR', expectedUpdatedAt: used.updatedAt }));
      expect(e.code).toBe('VALIDATION');
      expect(e.issues?.map((i) => i.path)).toEqual(['currency']);
      expect(await audits()).toBe(before);
      const row = await bank.db.selectFrom('products').select('currency').where('id', '=', used.id).executeTakeFirstOrThrow();
      expect(row.currency).toBe(used.currency);
    });
  });
}
