import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/contract';
import { DEMO_PASSWORD } from '../../main/auth';
import { generateDemoBank } from '../../main/demo';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';
import { insertTestAlert } from '../support/test-alert';

/**
 * Issue 14, finding 4: customers.get returned the customer's fraud alerts to tellers (tipping-off
 * risk). Roles without fraud.view get no alerts at all — not an empty list that would read as "nothing
 * flagged" — while analysts see them. Through the dispatcher, as the workstation calls it.
 */
describe('fraud alerts in the customer 360 by role', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  let customerId = 0;
  const dir = tempDir('cbc360-');
  const tokens = new Map<string, string>();

  const get = async (as: string) => {
    const r = await runtime.dispatch({ method: 'customers.get', input: { id: customerId }, sessionToken: tokens.get(as) ?? null, transport: 'test', origin: 'test' });
    if (!r.ok) throw new Error(`customers.get as ${as}: ${r.error.message}`);
    return r.result as { alerts: unknown[] | null; accounts: unknown[] };
  };

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'cbc360'));
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.now() - 86_400_000 });
    const a = await bank.db
      .selectFrom('accounts')
      .select(['id', 'customer_id'])
      .where('kind', '=', 'customer')
      .where('customer_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    customerId = Number(a.customer_id);
    await insertTestAlert(bank, { accountId: Number(a.id), customerId, riskScore: 88 });
    runtime = await createRuntime(bank, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
    for (const u of ['teller', 'analyst', 'manager', 'admin']) {
      const s = await runtime.dispatch({ method: 'auth.signIn', input: { username: u, password: DEMO_PASSWORD }, sessionToken: null, transport: 'test', origin: 'test' });
      if (!s.ok) throw new Error(s.error.message);
      tokens.set(u, (s.result as Session).token);
    }
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  it('a teller (and an administrator) sees the customer without any alert; an analyst and a manager see the open alert', async () => {
    const teller = await get('teller');
    expect(teller.accounts.length).toBeGreaterThan(0);
    expect(teller.alerts).toBeNull();
    expect(JSON.stringify(teller)).not.toContain('account_drained');
    expect((await get('admin')).alerts).toBeNull();

    expect((await get('analyst')).alerts).toEqual([expect.objectContaining({ ruleId: 'account_drained', riskScore: 88, status: 'new' })]);
    expect((await get('manager')).alerts).toHaveLength(1);
  });
});
