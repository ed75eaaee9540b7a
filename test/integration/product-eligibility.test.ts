import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankToday } from '../../shared/bank-time';
import { InternalRoutes, openAccount } from '../../main/banking';
import { ageOn } from '../../main/banking/eligibility';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { refused } from '../support/refused';
import { tempDir } from '../support/temp';

const END = Date.UTC(2026, 10, 20, 12, 0, 0);

/** `YYYY-MM-DD` of today's bank day `years` years ago, shifted by `days`. */
function bornYearsAgo(zone: string, years: number, days = 0): string {
  const today = new Date(bankToday(Date.now(), zone) * 86_400_000);
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}

/** Issue 16: "Young Account — customers aged 15–26" opened for a 36-year-old. */
describe('product eligibility when opening an account (embedded bank)', () => {
  const dir = tempDir('cb-eligible-');
  let bank: Bank;
  let routes: InternalRoutes;
  let young: number;
  let customer: number;
  let zone: string;

  const setBirth = (iso: string) => bank.db.updateTable('customers').set({ date_of_birth: iso }).where('id', '=', customer).execute();
  const open = () => openAccount(bank, routes, { customerId: customer, productId: young, initialDeposit: '', idempotencyKey: randomUUID() }, 'teller');

  beforeAll(async () => {
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, { customers: 60, months: 3, seed: 7, end: END });
    // A zone far from UTC, so a bank day that is not the UTC day would show.
    await bank.db.updateTable('bank_meta').set({ value: 'Pacific/Kiritimati' }).where('key', '=', 'timezone').execute();
    zone = 'Pacific/Kiritimati';
    routes = new InternalRoutes(bank);
    young = Number((await bank.db.selectFrom('products').select('id').where('code', '=', 'CUR-YOUNG').executeTakeFirstOrThrow()).id);
    customer = Number((await bank.db.selectFrom('customers').select('id').where('kyc_status', '=', 'verified').orderBy('id').limit(1).executeTakeFirstOrThrow()).id);
  }, 180_000);

  afterAll(async () => {
    await bank?.close();
    dir.remove();
  });

  it('refuses the Young Account to a 36-year-old with a VALIDATION error that says why, and opens nothing', async () => {
    await setBirth(bornYearsAgo(zone, 36));
    const before = Number(
      (
        await bank.db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const e = await refused(open());
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/Young Account is for customers aged 15–26; .+ is 36 \(born \d{4}-\d{2}-\d{2}\)\. Choose another product\./);
    expect(e.issues?.[0]?.path).toBe('productId');
    const after = Number(
      (
        await bank.db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });

  it('counts age on the bank day: 26 until the day before the 27th birthday, refused on it', async () => {
    await setBirth(bornYearsAgo(zone, 27, 1)); // 27th birthday is tomorrow: still 26
    expect((await open()).account.productName).toBe('Young Account');
    await setBirth(bornYearsAgo(zone, 27)); // 27 today
    expect((await refused(open())).message).toContain('is 27');
    await setBirth(bornYearsAgo(zone, 15)); // 15 today
    expect((await open()).account.productName).toBe('Young Account');
    await setBirth(bornYearsAgo(zone, 15, 1)); // 15 tomorrow
    expect((await refused(open())).message).toContain('is 14');
  });

  it('computes full years across leap days', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});
