import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation, Session } from '../../shared/contract';
import { DEMO_PASSWORD } from '../../main/auth';
import { InternalRoutes } from '../../main/banking';
import { generateDemoBank } from '../../main/demo';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';
import { rowCount, verifiedEurAccount } from '../support/demo-runtime';
import { tempDir } from '../support/temp';

/**
 * Issue 14, finding 3, as it was found: two deposits of 90071992547409.91 through the dispatcher.
 * The second used to be written and then answered INTERNAL (the output check failed after the
 * commit), leaving a balance past 2^53 that broke the account, its statement and the dashboards.
 * Now it is a VALIDATION refusal before anything is written, and everything still reads.
 */
describe('a teller’s deposits near 2^53 minor units, through the dispatcher', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  let token = '';
  let accountId = 0;
  const dir = tempDir('cbmoneydispatch-');

  const call = (method: string, input: unknown) => runtime.dispatch({ method, input, sessionToken: token, transport: 'test', origin: 'test' });
  const deposit = (amount: string): Promise<Awaited<ReturnType<typeof call>>> => {
    const operation: Operation = { kind: 'deposit', accountId, amount, currency: 'EUR', description: '' };
    return call('ops.submit', { operation, idempotencyKey: `test-${randomUUID()}` });
  };
  const journalCount = (): Promise<number> => rowCount(bank, 'journal');

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'cbmoneydispatch'));
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.now() - 86_400_000 });
    accountId = await verifiedEurAccount(bank);
    runtime = await createRuntime(bank, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
    const s = await runtime.dispatch({ method: 'auth.signIn', input: { username: 'teller', password: DEMO_PASSWORD }, sessionToken: null, transport: 'test', origin: 'test' });
    if (!s.ok) throw new Error(s.error.message);
    token = (s.result as Session).token;
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  it('refuses it as VALIDATION — over the per-operation maximum by default, past 2^53 − 1 when the bank allows that much — with nothing written', async () => {
    const before = await journalCount();
    const capped = await deposit('90071992547409.91');
    expect(capped.ok).toBe(false);
    if (!capped.ok) {
      expect(capped.error.code).toBe('VALIDATION');
      expect(capped.error.message).toMatch(/^At most 1,000,000,000\.00 EUR can be moved in one operation/);
    }
    expect(await journalCount()).toBe(before);

    // A bank that allows any amount per operation in EUR: the first deposit fits (whatever the account held), the second cannot.
    await bank.db.insertInto('bank_meta').values({ key: 'max_operation_amount:EUR', value: '90071992547409.91' }).execute();
    // The branch till takes the other side: fill whichever of the two reaches the limit first.
    const acct = await bank.db.selectFrom('accounts').select(['balance', 'branch_id']).where('id', '=', accountId).executeTakeFirstOrThrow();
    const till = await new InternalRoutes(bank).resolve('cash', 'EUR', Number(acct.branch_id));
    const tillBalance = Number((await bank.db.selectFrom('accounts').select('balance').where('id', '=', till).executeTakeFirstOrThrow()).balance);
    const room = Math.min(Number.MAX_SAFE_INTEGER - Number(acct.balance), Number.MAX_SAFE_INTEGER + tillBalance);
    const first = await deposit(`${Math.floor(room / 100)}.${String(room % 100).padStart(2, '0')}`);
    expect(first.ok, first.ok ? '' : first.error.message).toBe(true);
    const afterFirst = await journalCount();
    expect(afterFirst).toBe(before + 1);
    const second = await deposit('90071992547409.91');
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.error.code).toBe('VALIDATION');
      expect(second.error.message).toMatch(/beyond ±90,071,992,547,409\.91 EUR, the most the ledger holds exactly\. Nothing was posted\./);
    }
    expect(await journalCount()).toBe(afterFirst);

    const account = await call('accounts.get', { id: accountId });
    expect(account.ok, account.ok ? '' : account.error.message).toBe(true);
    if (account.ok) expect((account.result as { balance: number }).balance).toBe(Number(acct.balance) + room);
    const customerId = Number((await bank.db.selectFrom('accounts').select('customer_id').where('id', '=', accountId).executeTakeFirstOrThrow()).customer_id);
    const customer = await call('customers.get', { id: customerId });
    expect(customer.ok, customer.ok ? '' : customer.error.message).toBe(true);
    // Today's statement holds the one deposit; a year's adds the account's earlier credits to it, past what a total holds exactly.
    const today = await call('statements.get', { accountId, from: Date.now() - 3_600_000, to: Date.now() + 60_000, timeZone: 'Europe/Prague' });
    expect(today.ok, today.ok ? '' : today.error.message).toBe(true);
    if (today.ok) expect((today.result as { credits: number }).credits).toBe(room);
    const year = await call('statements.get', { accountId, from: Date.now() - 365 * 86_400_000, to: Date.now() + 60_000, timeZone: 'Europe/Prague' });
    expect(year.ok ? 'answered' : `${year.error.code}: ${year.error.message}`).toMatch(
      /^(answered|VALIDATION: The credits in this period add up to more than 90,071,992,547,409\.91 EUR.*choose a shorter period\.)$/,
    );
  });
});
