import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { demoRuntime, dispatcherClient } from '../support/demo-runtime';
import { tempDir } from '../support/temp';

/**
 * Screens read the embedded bank on a connection of their own: a write transaction in progress (a
 * teller's posting between its statements) holds the writer's connection, and a read used to queue
 * behind it and every posting waiting after it. Here the writer is held open while a teller looks up
 * customers and an analyst opens the alert queue; both answer before it commits, and see what it wrote
 * once it has.
 */
describe('reads of the embedded bank do not wait for its writer', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  const dir = tempDir('cbreads-');
  const { call, signInAs } = dispatcherClient(() => runtime, new Map());

  beforeAll(async () => {
    ({ bank, dispose, runtime } = await demoRuntime('sqlite', 'cbreads', dir.path));
    await signInAs('teller', 'analyst');
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  it('answers a customer search and the alert queue while a write transaction is open', async () => {
    const someone = await bank.db.selectFrom('customers').select(['id', 'legal_name']).orderBy('id').executeTakeFirstOrThrow();
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    let committed = false;
    const writer = bank.db.transaction().execute(async (trx) => {
      await trx.updateTable('customers').set({ legal_name: 'Zuzana Beside-Writer', updated_at: Date.now() }).where('id', '=', someone.id).execute();
      await held;
      committed = true;
    });
    try {
      const outcome = await Promise.race([
        Promise.all([call('teller', 'customers.search', { query: someone.legal_name.split(' ')[0] ?? 'a', limit: 5 }), call('analyst', 'alerts.list', { limit: 10 })]),
        new Promise<'waited'>((r) => setTimeout(() => r('waited'), 10_000)),
      ]);
      expect(outcome).not.toBe('waited');
      const [search, queue] = outcome as Awaited<ReturnType<typeof call>>[];
      expect(search?.ok).toBe(true);
      expect(queue?.ok).toBe(true);
      expect(committed).toBe(false);
    } finally {
      release();
      await writer;
    }
    const after = await call('teller', 'customers.search', { query: 'Beside-Writer', limit: 5 });
    expect(after.ok && JSON.stringify(after.result)).toContain('Zuzana Beside-Writer');
  }, 60_000);
});
