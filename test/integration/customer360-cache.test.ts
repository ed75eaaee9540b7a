import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalRoutes, openAccount, submitOperation } from '../../main/banking';
import { cacheKysely, openCacheDatabase, ROLLUP_VERSION, startSyncWorker } from '../../main/cache';
import { customerView, readCustomerParts } from '../../main/customers/customer360';
import { generateDemoBank } from '../../main/demo';
import { migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { AppError } from '../../shared/errors';
import { TINY_DEMO } from '../support/banks';
import { freshDatabase } from '../support/mariadb';
import { tempDir } from '../support/temp';
import { insertTestAlert } from '../support/test-alert';

const END = Date.UTC(2026, 10, 20, 12, 0, 0);

/**
 * The customer 360 on the encrypted cache is read with statements prepared per connection
 * (main/customers/customer360-sqlite.ts), MariaDB's through Kysely: for every customer of a MariaDB
 * bank synced into a cache — one with two accounts, an incoming transfer (named as seen by the payee)
 * and fraud alerts on both accounts among them — the cache answers exactly what the bank answers, with
 * and without alerts (issue 14: a role without fraud.view gets null, never the alerts).
 */
describe('customer 360 on the cache equals the bank (MariaDB source)', () => {
  const dir = tempDir('cb360cache-');
  let drop: () => Promise<void>;
  let bank: Bank;
  let cacheDb: Database.Database;
  let cache: Bank;
  let payee: { id: number; accountIds: number[] };
  let payerName = '';

  beforeAll(async () => {
    const db = await freshDatabase('cb360cache');
    drop = db.drop;
    bank = openMysqlBank(db.url);
    await migrateToLatest(bank.db, 'mysql');
    await generateDemoBank(bank, { ...TINY_DEMO, end: END });
    const routes = new InternalRoutes(bank);
    const product = Number((await bank.db.selectFrom('products').select('id').where('code', '=', 'CUR-CLASSIC').executeTakeFirstOrThrow()).id);
    const people = await bank.db.selectFrom('customers').select(['id', 'legal_name']).where('kyc_status', '!=', 'rejected').orderBy('id').limit(2).execute();
    const [from, to] = people;
    if (!from || !to) throw new Error('the demo bank has too few customers');
    payerName = from.legal_name;
    const open = async (customerId: number, deposit: string): Promise<{ id: number; accountNo: string }> =>
      (await openAccount(bank, routes, { customerId, productId: product, initialDeposit: deposit, idempotencyKey: randomUUID() }, 'teller')).account;
    const payer = await open(Number(from.id), '500');
    const second = await open(Number(to.id), '');
    await submitOperation(
      bank,
      routes,
      { kind: 'transfer', fromAccountId: payer.id, toAccountNo: second.accountNo, amount: '200', currency: 'EUR', description: '' },
      randomUUID(),
      'teller',
    );
    const accounts = await bank.db.selectFrom('accounts').select('id').where('customer_id', '=', Number(to.id)).orderBy('id').execute();
    payee = { id: Number(to.id), accountIds: accounts.map((a) => Number(a.id)) };
    for (const [i, accountId] of payee.accountIds.entries()) await insertTestAlert(bank, { accountId, customerId: payee.id, riskScore: 70 + i });

    const cacheFile = join(dir.path, 'cache.db');
    const key = randomBytes(32);
    await startSyncWorker({ cacheFile, keyHex: key.toString('hex'), source: { kind: 'mysql', url: db.url }, intervalMs: null }).finished;
    cacheDb = openCacheDatabase(cacheFile, key);
    cache = { db: cacheKysely(cacheDb), dialect: 'sqlite', sqlite: cacheDb, describe: 'test cache', close: async () => undefined };
  }, 240_000);

  afterAll(async () => {
    cacheDb?.close();
    await bank?.close();
    await drop?.();
    dir.remove();
  });

  it('reads its movements from the history copy (the rollups are built at this version)', () => {
    expect(cacheDb.prepare(`select value from cache_info where key = 'rollup_version'`).pluck().get()).toBe(ROLLUP_VERSION);
  });

  it('the multi-account customer: both accounts, the payer named on the incoming transfer, an alert per account', async () => {
    expect(payee.accountIds.length).toBeGreaterThanOrEqual(2);
    const v = await customerView(cache, payee.id, 1, true);
    expect(v.accounts.map((a) => a.id)).toEqual(payee.accountIds);
    expect(v.recentActivity.some((m) => m.amount === 20_000 && m.description === `Transfer from ${payerName}`)).toBe(true);
    expect(v.alerts?.map((a) => a.riskScore).sort()).toEqual(payee.accountIds.map((_, i) => 70 + i));
    expect(v.asOf).toBe(1);
    expect(await customerView(cache, payee.id, 1, true)).toEqual(await customerView(bank, payee.id, 1, true));
  });

  it('every customer: the same 360 as the bank, with alerts and without (null, not read)', async () => {
    const ids = (await bank.db.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    expect(ids.length).toBeGreaterThan(10);
    let withActivity = 0;
    for (const id of ids) {
      const onCache = await customerView(cache, id, null, true);
      expect(onCache).toEqual(await customerView(bank, id, null, true));
      const hidden = await customerView(cache, id, null, false);
      expect(hidden.alerts).toBeNull();
      expect(hidden).toEqual(await customerView(bank, id, null, false));
      expect(hidden).toEqual({ ...onCache, alerts: null });
      if (onCache.recentActivity.length > 0) withActivity++;
    }
    expect(withActivity).toBeGreaterThan(10);
  });

  it("the cache's prepared path reads the same parts as the Kysely path on the same cache", async () => {
    const viaKysely: Bank = { ...cache, sqlite: null };
    const ids = (await bank.db.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    for (const id of ids) expect(await customerView(cache, id, null, true)).toEqual(await customerView(viaKysely, id, null, true));
    expect(await readCustomerParts(viaKysely, 999_999, true)).toBeNull();
  });

  it('an unknown customer is NOT_FOUND on the cache as on the bank', async () => {
    for (const b of [cache, bank]) {
      const e: unknown = await customerView(b, 999_999, null, true).catch((x: unknown) => x);
      expect(e instanceof AppError && e.code).toBe('NOT_FOUND');
    }
  });
});
