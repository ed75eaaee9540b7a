import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/events';
import { silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import { tempDir } from '../support/temp';

/** The live monitor inside a running workstation on its embedded demo bank. */
describe('live fraud monitor', () => {
  let dir: ReturnType<typeof tempDir>;
  let runtime: Runtime;

  const call = async (method: string, input: unknown, token: string | null): Promise<unknown> => {
    const r = await runtime.dispatch({ method, input, sessionToken: token, transport: 'test', origin: 'test' });
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.result;
  };
  const signIn = async (username: string): Promise<string> => {
    const r = (await call('auth.signIn', { username, password: 'cloudbank-demo' }, null)) as { token?: string };
    if (!r.token) throw new Error('no token');
    return r.token;
  };

  beforeAll(async () => {
    dir = tempDir();
    runtime = await openRuntime({ dataDir: dir.path, demo: { customers: 80, months: 3, seed: 5 }, log: silentLogger, idleTimeoutMs: 600_000 });
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    dir?.remove();
  });

  it('pushes a new high-risk alert to analysts only, within seconds of the booking', async () => {
    const analyst = await signIn('analyst');
    const teller = await signIn('teller');
    const seen: { who: string; alert: EventPayload<'fraud.alert'>; at: number }[] = [];
    runtime.events.subscribe(
      (event, payload) => {
        if (event === 'fraud.alert') seen.push({ who: 'analyst', alert: payload as EventPayload<'fraud.alert'>, at: Date.now() });
      },
      () => analyst,
    );
    runtime.events.subscribe(
      (event) => {
        if (event === 'fraud.alert') seen.push({ who: 'teller', alert: {} as EventPayload<'fraud.alert'>, at: Date.now() });
      },
      () => teller,
    );

    // Structuring: two cash deposits just under the 10,000 EUR reporting threshold.
    const customer = (await call('customers.search', { query: 'CB0000001', limit: 5 }, teller)) as { id: number }[];
    const product = ((await call('products.list', {}, teller)) as { id: number; code: string }[]).find((p) => p.code === 'CUR-CLASSIC');
    const opened = (await call('accounts.open', { customerId: customer[0]?.id, productId: product?.id, idempotencyKey: `t-${randomUUID()}` }, teller)) as {
      account: { id: number; accountNo: string };
    };
    let committed = 0;
    for (const amount of ['9500', '9700']) {
      await call('ops.submit', { operation: { kind: 'deposit', accountId: opened.account.id, amount, currency: 'EUR' }, idempotencyKey: `t-${randomUUID()}` }, teller);
      committed = Date.now();
    }
    const deadline = Date.now() + 20_000;
    while (!seen.some((s) => s.alert.accountNo === opened.account.accountNo) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const mine = seen.find((s) => s.alert.accountNo === opened.account.accountNo);
    expect(mine?.who).toBe('analyst');
    expect(mine?.alert.ruleId).toBe('structuring');
    expect(mine?.alert.riskScore).toBeGreaterThanOrEqual(70);
    expect(seen.filter((s) => s.who === 'teller')).toEqual([]);
    console.log(`live alert pushed ${(mine?.at ?? 0) - committed} ms after the second deposit committed`);
  }, 60_000);
});
