import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName, type MethodOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { customerHandlers } from '../../main/customers';
import { generateDemoBank } from '../../main/demo';
import type { CallContext } from '../../main/dispatch';
import { type Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';
import { refused } from '../support/refused';

const END = Date.UTC(2025, 10, 25, 14, 30, 0);
const NOW = Date.UTC(2025, 10, 26, 9, 0, 0);
const ctx: CallContext = { session: { token: 't', userId: 1, username: 'teller1', role: 'teller' }, transport: 'test', origin: 'test' };

type Method = 'customers.search' | 'customers.get' | 'customers.findDuplicates' | 'customers.register' | 'customers.update';

const NEW = {
  legalName: 'Žofie Nováčková',
  dateOfBirth: '1990-04-12',
  gender: 'F',
  nationalId: 'ZZ900412A',
  address: 'Masarykova 12',
  city: 'Brno',
  phone: '+420 777 123 456',
  email: 'zofie@example.com',
  occupation: 'Engineer',
  riskRating: 'low',
  // Tellers register customers with KYC pending: compliance verifies (issue 10).
  kycStatus: 'pending',
  kycNextReview: '2027-01-01',
  preferredChannel: 'email',
  branchId: 1,
} as const;

for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`customers on ${engine}`, () => {
    let bank: Bank;
    let cleanup: () => Promise<void>;
    let handlers: ReturnType<typeof customerHandlers>;
    let now = NOW;
    const call = <M extends Method>(m: M, input: unknown): Promise<MethodOutput<M>> =>
      (handlers[m] as (i: unknown, c: CallContext) => Promise<MethodOutput<M>>)(contract[m as MethodName].input.parse(input), ctx);
    const count = async (table: 'customers' | 'audit_log'): Promise<number> =>
      Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(bank.db)).rows[0]?.n);

    beforeAll(async () => {
      ({ bank, dispose: cleanup } = await freshBank(engine, 'cbcust'));
      await generateDemoBank(bank, { ...TINY_DEMO, end: END });
      handlers = customerHandlers({ bank, reader: () => bank, asOf: () => null, clock: () => now });
    }, 180_000);
    afterAll(async () => cleanup?.());

    const someCustomer = async () => {
      const r = await bank.db
        .selectFrom('customers as c')
        .innerJoin('accounts as a', 'a.customer_id', 'c.id')
        .select(['c.id', 'c.customer_no', 'c.legal_name', 'c.phone', 'c.national_id', 'a.account_no'])
        .orderBy('c.id')
        .executeTakeFirstOrThrow();
      return r;
    };

    it('finds a customer by name words in any order, without accents or case', async () => {
      const c = await someCustomer();
      const [given, family] = c.legal_name.split(' ') as [string, string];
      const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
      const hits = await call('customers.search', { query: `${plain(family).slice(0, 3)} ${plain(given).slice(0, 2)}`, limit: 50 });
      expect(hits.find((h) => h.id === Number(c.id))).toMatchObject({ matched: 'name', customerNo: c.customer_no });
      // The whole name, as typed, comes first.
      const exact = await call('customers.search', { query: c.legal_name, limit: 5 });
      expect(exact[0]?.legalName.toLowerCase()).toBe(c.legal_name.toLowerCase());
    });

    it('finds by customer number, account number, phone and national id', async () => {
      const c = await someCustomer();
      const id = Number(c.id);
      expect((await call('customers.search', { query: c.customer_no, limit: 20 }))[0]).toMatchObject({ id, matched: 'customer_no' });
      expect((await call('customers.search', { query: `cb${id}`, limit: 20 }))[0]).toMatchObject({ id, matched: 'customer_no' });
      const spaced = c.account_no.replace(/(.{4})/g, '$1 ');
      expect((await call('customers.search', { query: spaced, limit: 20 }))[0]).toMatchObject({ id, matched: 'account_no', matchedAccountNo: c.account_no });
      const tail = await call('customers.search', { query: c.account_no.slice(-8), limit: 20 });
      expect(tail.find((h) => h.id === id)).toMatchObject({ matched: 'account_no', matchedAccountNo: c.account_no });
      const digits = c.phone.replace(/\D/g, '');
      expect((await call('customers.search', { query: digits, limit: 20 })).find((h) => h.id === id)).toMatchObject({ matched: 'phone' });
      expect((await call('customers.search', { query: c.phone.slice(5), limit: 20 })).find((h) => h.id === id)).toMatchObject({ matched: 'phone' });
      expect((await call('customers.search', { query: c.national_id, limit: 20 }))[0]).toMatchObject({ id, matched: 'national_id' });
    });

    it('shows a customer 360 newest first, and NOT_FOUND for an unknown id', async () => {
      const c = await someCustomer();
      const v = await call('customers.get', { id: Number(c.id) });
      expect(v.customer.customerNo).toBe(c.customer_no);
      expect(v.accounts.length).toBeGreaterThan(0);
      expect(v.recentActivity.length).toBeGreaterThan(0);
      expect(v.recentActivity.length).toBeLessThanOrEqual(50);
      const times = v.recentActivity.map((m) => m.bookedAt);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(v.asOf).toBeNull();
      const withLoan = await bank.db.selectFrom('loans').select('customer_id').orderBy('id').executeTakeFirst();
      if (withLoan) {
        const l = await call('customers.get', { id: Number(withLoan.customer_id) });
        expect(l.loans.length).toBeGreaterThan(0);
        expect(l.loans[0]?.paidInstallments).toBeGreaterThanOrEqual(0);
      }
      expect((await refused(call('customers.get', { id: 999_999 }))).code).toBe('NOT_FOUND');
    });

    it('refuses each rule with its typed error and writes nothing', async () => {
      const before = [await count('customers'), await count('audit_log')];
      // A birth date in the future is refused at the contract, before any handler (the form checks the same schema).
      const future = contract['customers.register'].input.safeParse({ ...NEW, dateOfBirth: '2030-01-01' });
      expect(future.success).toBe(false);
      expect(future.error?.issues.map((i) => i.path.join('.'))).toContain('dateOfBirth');
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ dateOfBirth: '2015-01-01' }, 'dateOfBirth'],
        [{ dateOfBirth: '1990-02-30' }, 'dateOfBirth'],
        [{ branchId: 9999 }, 'branchId'],
      ];
      for (const [change, path] of cases) {
        const e = await refused(call('customers.register', { ...NEW, ...change }));
        expect(e.code, JSON.stringify(change)).toBe('VALIDATION');
        expect(e.issues?.map((i) => i.path)).toContain(path);
      }
      // A teller cannot register a customer as KYC verified: that is compliance's review.
      expect((await refused(call('customers.register', { ...NEW, kycStatus: 'verified' }))).code).toBe('FORBIDDEN');
      const existing = await someCustomer();
      const dup = await refused(call('customers.register', { ...NEW, nationalId: existing.national_id.toLowerCase() }));
      expect(dup.code).toBe('DUPLICATE');
      expect(dup.message).toContain(`Customer ${existing.customer_no} ${existing.legal_name} already has this national id`);
      expect([await count('customers'), await count('audit_log')]).toEqual(before);
    });

    it('registers, audits with a masked national id, and finds the new customer', async () => {
      const r = await call('customers.register', NEW);
      expect(r.customerNo).toBe(`CB${String(r.id).padStart(7, '0')}`);
      const audit = await bank.db.selectFrom('audit_log').selectAll().where('action', '=', 'customer.register').where('entity_id', '=', r.customerNo).executeTakeFirstOrThrow();
      expect(audit.actor).toBe('teller1');
      expect(audit.details).not.toContain(NEW.nationalId);
      expect(JSON.parse(audit.details).nationalId).toBe('*****412A');
      const hits = await call('customers.search', { query: 'novac zof', limit: 5 });
      expect(hits[0]).toMatchObject({ id: r.id, matched: 'name' });
    });

    it('asks to confirm a same name and birth date, whatever the case and accents', async () => {
      const twin = { ...NEW, legalName: 'ZOFIE  NOVACKOVA', nationalId: 'ZZ900412B' };
      const e = await refused(call('customers.register', twin));
      expect(e.code).toBe('DUPLICATE');
      expect(e.message).toMatch(/CB\d{7} Žofie Nováčková has the same name and date of birth/);
      const dups = await call('customers.findDuplicates', { nationalId: 'zz900412a', legalName: twin.legalName, dateOfBirth: twin.dateOfBirth });
      expect(dups.map((d) => d.reason)).toEqual(['national_id']);
      const ok = await call('customers.register', { ...twin, confirmDuplicate: true });
      expect(ok.id).toBeGreaterThan(0);
    });

    it('leaves one customer when two register the same national id at once', async () => {
      const same = { ...NEW, legalName: 'Race Condition', nationalId: 'RACE-0001', dateOfBirth: '1980-01-01' };
      const results = await Promise.allSettled([call('customers.register', same), call('customers.register', same)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(failed.reason).toBeInstanceOf(AppError);
      expect((failed.reason as AppError).code).toBe('DUPLICATE');
      const n = await bank.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('national_id', '=', 'RACE-0001')
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    });

    it('updates with an audited diff, and refuses a stale edit with CONFLICT', async () => {
      const reg = await call('customers.register', { ...NEW, legalName: 'Edit Me', nationalId: 'EDIT-123456', dateOfBirth: '1970-05-05' });
      const v = (await call('customers.get', { id: reg.id })).customer;
      now += 1000;
      const updated = await call('customers.update', { ...v, id: reg.id, expectedUpdatedAt: v.updatedAt, city: 'Ostrava', nationalId: 'EDIT-654321' });
      expect(updated.city).toBe('Ostrava');
      expect(updated.updatedAt).toBeGreaterThan(v.updatedAt);
      const audit = await bank.db.selectFrom('audit_log').selectAll().where('action', '=', 'customer.update').where('entity_id', '=', reg.customerNo).executeTakeFirstOrThrow();
      const details = JSON.parse(audit.details) as { changes: Record<string, { from: unknown; to: unknown }> };
      expect(details.changes.city).toEqual({ from: 'Brno', to: 'Ostrava' });
      expect(details.changes.nationalId).toEqual({ from: '*******3456', to: '*******4321' });
      expect(audit.details).not.toContain('EDIT-');

      const before = [await count('customers'), await count('audit_log')];
      const stale = await refused(call('customers.update', { ...v, id: reg.id, expectedUpdatedAt: v.updatedAt, city: 'Plzeň' }));
      expect(stale.code).toBe('CONFLICT');
      expect(stale.message).toContain('changed by someone else since you opened it');
      const other = await someCustomer();
      const dup = await refused(call('customers.update', { ...updated, id: reg.id, expectedUpdatedAt: updated.updatedAt, nationalId: other.national_id }));
      expect(dup.code).toBe('DUPLICATE');
      const young = await refused(call('customers.update', { ...updated, id: reg.id, expectedUpdatedAt: updated.updatedAt, dateOfBirth: '2020-01-01' }));
      expect(young.code).toBe('VALIDATION');
      expect((await refused(call('customers.update', { ...updated, id: 999_999, expectedUpdatedAt: 1 }))).code).toBe('NOT_FOUND');
      expect([await count('customers'), await count('audit_log')]).toEqual(before);
      expect((await call('customers.get', { id: reg.id })).customer.city).toBe('Ostrava');
      // The renamed customer is found by the new name only.
      now += 1000;
      await call('customers.update', { ...updated, id: reg.id, expectedUpdatedAt: updated.updatedAt, legalName: 'Edita Přejmenovaná' });
      expect((await call('customers.search', { query: 'prejmen', limit: 5 }))[0]?.id).toBe(reg.id);
      expect((await call('customers.search', { query: 'edit me', limit: 5 })).find((h) => h.id === reg.id)).toBeUndefined();
    });
  });
}
