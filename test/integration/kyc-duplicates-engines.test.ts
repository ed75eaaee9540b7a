import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName, type MethodOutput } from '../../shared/contract';
import { customerHandlers } from '../../main/customers';
import type { CallContext } from '../../main/dispatch';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';
import { refused } from '../support/refused';

/**
 * Issue 14, finding 5: the KYC duplicate check was bypassed by a national id without its separator
 * and by the same name with a zero-width space, a bidi override or a Cyrillic/Greek look-alike letter.
 */
const END = Date.UTC(2025, 10, 25, 14, 30, 0);
const NOW = Date.UTC(2025, 10, 26, 9, 0, 0);
const ctx: CallContext = { session: { token: 't', userId: 1, username: 'teller1', role: 'teller' }, transport: 'test', origin: 'test' };

const FIRST = {
  legalName: 'Jana Nováková',
  dateOfBirth: '1939-03-17',
  gender: 'F',
  nationalId: '390317/985',
  address: 'Masarykova 12',
  city: 'Brno',
  phone: '+420 777 123 456',
  email: 'jana@example.com',
  occupation: 'Retired',
  riskRating: 'low',
  kycStatus: 'pending',
  kycNextReview: '2027-01-01',
  preferredChannel: 'email',
  branchId: 1,
} as const;

for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`KYC duplicate check on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let handlers: ReturnType<typeof customerHandlers>;
    const call = <M extends 'customers.register' | 'customers.findDuplicates' | 'customers.update'>(m: M, input: unknown): Promise<MethodOutput<M>> =>
      (handlers[m] as (i: unknown, c: CallContext) => Promise<MethodOutput<M>>)(contract[m as MethodName].input.parse(input), ctx);
    let firstId = 0;

    beforeAll(async () => {
      ({ bank, dispose } = await freshBank(engine, 'cbkyc'));
      await generateDemoBank(bank, { ...TINY_DEMO, end: END });
      handlers = customerHandlers({ bank, reader: () => bank, asOf: () => null, clock: () => NOW });
      firstId = (await call('customers.register', FIRST)).id;
    }, 180_000);
    afterAll(async () => dispose?.());

    it.each([
      ['without its separator', '390317985'],
      ['with a dash for the slash', '390317-985'],
      ['in full-width digits', '３９０３１７９８５'],
    ])('refuses the same national id %s', async (_what, nationalId) => {
      const e = await refused(call('customers.register', { ...FIRST, legalName: 'Someone Else', dateOfBirth: '1980-01-01', nationalId: nationalId.normalize('NFKC') }));
      expect(e.code).toBe('DUPLICATE');
      expect(e.message).toContain('already has this national id');
      const found = await call('customers.findDuplicates', { nationalId, legalName: '', dateOfBirth: '' });
      expect(found.map((d) => [d.id, d.reason])).toEqual([[firstId, 'national_id']]);
    });

    it.each([
      ['a zero-width space', 'Jana\u200b Nováková'],
      ['a zero-width joiner inside a word', 'Ja\u200dna Nováková'],
      ['a right-to-left override', '\u202eJana Nováková\u202c'],
      ['a Cyrillic а', 'J\u0430na Nováková'],
      ['a Cyrillic capital Ј and о', '\u0408ana N\u043ev\u00e1kov\u00e1'],
      ['a Greek capital Ο', 'JANA N\u039fVAKOVA'],
      ['full-width letters', 'Ｊａｎａ Nováková'],
      ['decomposed accents', 'Jana Nova\u0301kova\u0301'],
    ])('needs confirmation for the same name and birth date with %s', async (_what, legalName) => {
      const twin = { ...FIRST, legalName, nationalId: `ZZ${Math.abs(hash(legalName))}` };
      const e = await refused(call('customers.register', twin));
      expect(e.code).toBe('DUPLICATE');
      const found = await call('customers.findDuplicates', { nationalId: '', legalName, dateOfBirth: FIRST.dateOfBirth });
      expect(found.map((d) => [d.id, d.reason])).toEqual([[firstId, 'name_and_birth_date']]);
    });

    it('stores a name without invisible characters and still tells different people apart', async () => {
      const r = await call('customers.register', { ...FIRST, legalName: 'Petr\u200b Novák\u202e', nationalId: 'PN1234567', dateOfBirth: '1950-02-02' });
      const row = await bank.db.selectFrom('customers').select(['legal_name', 'national_id']).where('id', '=', r.id).executeTakeFirstOrThrow();
      expect(row.legal_name).toBe('Petr Novák');
      // A different name on the same day is not a duplicate.
      expect(await call('customers.findDuplicates', { nationalId: '', legalName: 'Pavel Novák', dateOfBirth: '1950-02-02' })).toEqual([]);
    });

    it('refuses an update that moves a national id onto an existing one written differently', async () => {
      const fields = { ...FIRST, legalName: 'Karel Dvořák', nationalId: 'KD-555666', dateOfBirth: '1960-06-06' };
      const other = await call('customers.register', fields);
      const row = await bank.db.selectFrom('customers').select('updated_at').where('id', '=', other.id).executeTakeFirstOrThrow();
      const e = await refused(call('customers.update', { ...fields, id: other.id, expectedUpdatedAt: Number(row.updated_at), nationalId: '390317985' }));
      expect(e.code).toBe('DUPLICATE');
    });

    it('leaves one customer when the two spellings of one id register at once', async () => {
      const a = { ...FIRST, legalName: 'Race One', dateOfBirth: '1970-01-01', nationalId: '700101/1234' };
      const b = { ...a, legalName: 'Race Two', nationalId: '7001011234' };
      const results = await Promise.allSettled([call('customers.register', a), call('customers.register', b)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const n = await bank.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('national_id_key', '=', '7001011234')
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    });
  });
}

function hash(s: string): number {
  let h = 7;
  for (const ch of s) h = (h * 31 + (ch.codePointAt(0) ?? 0)) | 0;
  return h;
}
