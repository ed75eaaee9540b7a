import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKysely, openCacheDatabase, startSyncWorker } from '../../main/cache';
import { metricRows, queryMetric, type MetricStore } from '../../main/metrics';
import { migrateToLatest, openMysqlBank, openSqliteBank, type Bank } from '../../main/source';
import { metricQuerySchema, metricRowsQuerySchema, type MetricQueryInput, type MetricResult } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { freshDatabase } from '../support/mariadb';
import { loadMetricFixture } from '../support/metric-fixture';
import { tempDir } from '../support/temp';

/**
 * Hand-computed figures for the fixture bank (see test/support/metric-fixture.ts), asked of the
 * metric layer on the embedded bank, on MariaDB, and on the encrypted cache synced from each (where
 * rollups answer): every store must give the same answer, in Prague bank days.
 */

type Setup = { name: string; store: MetricStore; close(): Promise<void> };

const ask = async (store: MetricStore, q: MetricQueryInput): Promise<MetricResult> => queryMetric(store, metricQuerySchema.parse(q));
const values = (r: MetricResult) => r.rows.map((x) => ({ period: x.period, ...x.dims, currency: x.currency, value: x.value }));

async function bankStore(engine: 'sqlite' | 'mysql'): Promise<{ bank: Bank; source: { kind: 'mysql'; url: string } | { kind: 'sqlite'; file: string }; dispose(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = tempDir('metrics-');
    const file = join(dir.path, 'bank.sqlite');
    const bank = openSqliteBank(file);
    await migrateToLatest(bank.db, 'sqlite');
    return { bank, source: { kind: 'sqlite', file }, dispose: async () => dir.remove() };
  }
  const db = await freshDatabase('cbmetrics');
  const bank = openMysqlBank(db.url);
  await migrateToLatest(bank.db, 'mysql');
  return { bank, source: { kind: 'mysql', url: db.url }, dispose: () => db.drop() };
}

async function setups(engine: 'sqlite' | 'mysql'): Promise<Setup[]> {
  const b = await bankStore(engine);
  await loadMetricFixture(b.bank);
  const dir = tempDir('metrics-cache-');
  const cacheFile = join(dir.path, 'cache.db');
  const key = randomBytes(32);
  await startSyncWorker({ cacheFile, keyHex: key.toString('hex'), source: b.source, intervalMs: null }, {}).finished;
  const cacheDb: Database.Database = openCacheDatabase(cacheFile, key);
  const cacheBank: Bank = { db: cacheKysely(cacheDb), dialect: 'sqlite', sqlite: cacheDb, describe: 'cache', close: async () => void cacheDb.close() };
  const common = { timeZone: 'Europe/Prague', asOf: Date.parse('2025-06-01T00:00:00Z') };
  return [
    {
      name: `${engine} bank`,
      store: { bank: b.bank, source: 'bank', rollups: false, ...common },
      close: async () => {
        await b.bank.close();
        await b.dispose();
      },
    },
    {
      name: `cache of the ${engine} bank`,
      store: { bank: cacheBank, source: 'cache', rollups: true, ...common },
      close: async () => {
        await cacheBank.close();
        dir.remove();
      },
    },
  ];
}

describe.each(['sqlite', 'mysql'] as const)('metric layer on %s and its cache', (engine) => {
  let all: Setup[] = [];
  beforeAll(async () => {
    all = await setups(engine);
  }, 60_000);
  afterAll(async () => {
    for (const s of all) await s.close();
  });

  const each = async (check: (store: MetricStore) => Promise<void>) => {
    for (const s of all) {
      try {
        await check(s.store);
      } catch (e) {
        if (e instanceof Error) e.message = `[${s.name}] ${e.message}`;
        throw e;
      }
    }
  };

  it('cuts days in the bank zone across the 25-hour day at the end of summer time', async () => {
    await each(async (store) => {
      const r = await ask(store, { metric: 'transactions_count', from: '2024-10-26', to: '2024-10-29', grain: 'day' });
      expect(values(r)).toEqual([
        { period: '2024-10-26', currency: null, value: 0 },
        { period: '2024-10-27', currency: null, value: 2 },
        { period: '2024-10-28', currency: null, value: 1 },
      ]);
      expect(r.source).toBe(store.source);
      expect(r.timeZone).toBe('Europe/Prague');
    });
  });

  it('cuts days in the bank zone across the 23-hour day at the start of summer time', async () => {
    await each(async (store) => {
      const r = await ask(store, { metric: 'transactions_volume', from: '2025-03-30', to: '2025-04-01', grain: 'day', by: ['direction'] });
      expect(values(r)).toEqual([
        { period: '2025-03-30', direction: 'in', currency: 'EUR', value: 30000 },
        { period: '2025-03-30', direction: 'out', currency: 'EUR', value: 30000 },
        { period: '2025-03-31', direction: 'in', currency: 'EUR', value: 1000 },
      ]);
    });
  });

  it('compares a quarter with the previous one across the year end, per currency', async () => {
    await each(async (store) => {
      const r = await ask(store, { metric: 'transactions_count', from: '2025-01-01', to: '2025-04-01', by: ['currency'], compare: 'previous' });
      expect(r.compareFrom).toBe('2024-10-01');
      expect(r.compareTo).toBe('2025-01-01');
      expect(r.rows.map((x) => ({ ...x.dims, value: x.value, previous: x.previous, change: x.change, changeRatio: x.changeRatio }))).toEqual([
        { currency: 'EUR', value: 4, previous: 3, change: 1, changeRatio: 1 / 3 },
        { currency: 'CZK', value: 2, previous: 0, change: 2, changeRatio: null },
      ]);
      const y = await ask(store, {
        metric: 'transactions_volume',
        from: '2025-01-01',
        to: '2025-04-01',
        by: ['direction'],
        filters: [{ dimension: 'currency', value: 'EUR' }],
        compare: 'year',
      });
      expect(y.compareFrom).toBe('2024-01-01');
      expect(y.rows.map((x) => [x.dims.direction, x.value, x.previous])).toEqual([
        ['in', 71000, 0],
        ['out', 30000, 0],
      ]);
    });
  });

  it('counts accounts opened and customers registered on 1 January in the bank zone (31 December in UTC) in Q1', async () => {
    await each(async (store) => {
      const opened = await ask(store, { metric: 'accounts_opened', from: '2024-10-01', to: '2025-04-01', grain: 'quarter' });
      expect(values(opened)).toEqual([
        { period: '2024-Q4', currency: null, value: 1 },
        { period: '2025-Q1', currency: null, value: 2 },
      ]);
      const customers = await ask(store, { metric: 'new_customers', from: '2024-10-01', to: '2025-04-01', grain: 'quarter', compare: 'year' });
      expect(customers.rows.map((x) => [x.period, x.value, x.previous])).toEqual([
        ['2024-Q4', 1, 0],
        ['2025-Q1', 2, 0],
      ]);
      const closed = await ask(store, { metric: 'accounts_closed', from: '2025-01-01', to: '2025-04-01', by: ['branch'] });
      expect(closed.rows.map((x) => [x.dims.branch, x.labels.branch, x.value])).toEqual([['1', 'Brno', 1]]);
    });
  });

  it('holds deposits at each month end, per currency, net of withdrawals', async () => {
    await each(async (store) => {
      const r = await ask(store, { metric: 'deposits_held', from: '2024-10-01', to: '2025-04-01', grain: 'month', filters: [{ dimension: 'currency', value: 'EUR' }] });
      expect(r.rows.map((x) => [x.period, x.value])).toEqual([
        ['2024-10', 75000],
        ['2024-11', 75000],
        ['2024-12', 75000],
        ['2025-01', 115000],
        ['2025-02', 115000],
        ['2025-03', 116000],
      ]);
      const czk = await ask(store, { metric: 'deposits_held', from: '2025-02-01', to: '2025-04-01', grain: 'month', filters: [{ dimension: 'currency', value: 'CZK' }] });
      expect(czk.rows.map((x) => [x.period, x.value])).toEqual([
        ['2025-02', 200000],
        ['2025-03', 0],
      ]);
      const avg = await ask(store, { metric: 'average_balance_per_customer', from: '2025-03-01', to: '2025-04-01', filters: [{ dimension: 'currency', value: 'EUR' }] });
      expect(avg.rows.map((x) => x.value)).toEqual([58000]);
    });
  });

  it('rebuilds the loan book at each period end: outstanding, days past due, NPL ratio', async () => {
    await each(async (store) => {
      const book = await ask(store, { metric: 'loan_portfolio_outstanding', from: '2025-02-01', to: '2025-04-01', grain: 'month', by: ['dpd_bucket'] });
      expect(values(book)).toEqual([
        { period: '2025-02', dpd_bucket: '30-59', currency: 'EUR', value: 82000 },
        { period: '2025-02', dpd_bucket: 'current', currency: 'EUR', value: 30000 },
        { period: '2025-03', dpd_bucket: '90+', currency: 'EUR', value: 82000 },
      ]);
      const npl = await ask(store, { metric: 'npl_ratio', from: '2025-02-01', to: '2025-04-01', grain: 'month' });
      expect(npl.rows.map((x) => [x.period, x.value])).toEqual([
        ['2025-02', 0],
        ['2025-03', 1],
      ]);
      const granted = await ask(store, { metric: 'loans_granted_amount', from: '2024-10-01', to: '2025-04-01', grain: 'quarter', by: ['loan_status'] });
      expect(values(granted)).toEqual([
        { period: '2024-Q4', loan_status: 'in_arrears', currency: 'EUR', value: 120000 },
        { period: '2025-Q1', loan_status: 'repaid', currency: 'EUR', value: 60000 },
      ]);
      const rows = await metricRows(store, metricRowsQuerySchema.parse({ metric: 'delinquency', from: '2025-03-01', to: '2025-04-01' }));
      expect(rows.total).toBe(1);
      expect(rows.rows[0]).toMatchObject({ loanId: 1, customerId: 2, outstanding: 82000, daysPastDue: 90, bucket: '90+' });
    });
  });

  it('lists the rows behind a figure, filtered and sorted, with the customer to open', async () => {
    await each(async (store) => {
      const r = await metricRows(
        store,
        metricRowsQuerySchema.parse({
          metric: 'transactions_volume',
          from: '2024-10-27',
          to: '2024-10-28',
          filters: [{ dimension: 'channel', value: 'atm' }],
          sort: 'amount',
          direction: 'asc',
        }),
      );
      expect(r.total).toBe(1);
      expect(r.rows[0]).toMatchObject({ reference: 'TX2', amount: -20000, currency: 'EUR', customerId: 2 });
    });
  });

  it('pages the transactions behind a figure the same on the cache (keys from cache_postings, either amount plan) as on the bank', async () => {
    const bank = all.find((s) => s.store.source === 'bank');
    const cache = all.find((s) => s.store.source === 'cache');
    if (!bank || !cache) throw new Error('both stores are set up');
    const window = { metric: 'transactions_volume', from: '2024-01-01', to: '2025-07-01' } as const;
    const filters = [
      [],
      [{ dimension: 'channel', value: 'atm' }],
      [{ dimension: 'direction', value: 'out' }],
      [{ dimension: 'branch', value: '1' }],
      [{ dimension: 'currency', value: 'EUR' }],
    ] as const;
    let compared = 0;
    for (const f of filters) {
      for (const sort of ['amount', 'bookedAt'] as const) {
        for (const direction of ['asc', 'desc'] as const) {
          // Small pages make the amount-index walk the cheaper plan, whole windows the time-range scan.
          for (const [offset, limit] of [
            [0, 1],
            [1, 2],
            [0, 200],
            [3, 200],
          ] as const) {
            const q = metricRowsQuerySchema.parse({ ...window, filters: f, sort, direction, offset, limit });
            const [b, c] = await Promise.all([metricRows(bank.store, q), metricRows(cache.store, q)]);
            expect({ ...c, source: 'x', asOf: 0 }, JSON.stringify(q)).toEqual({ ...b, source: 'x', asOf: 0 });
            compared += b.rows.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('refuses splits a metric does not have, with a message that names the ones it has', async () => {
    await each(async (store) => {
      const refusal = await ask(store, { metric: 'deposits_held', from: '2025-01-01', to: '2025-02-01', by: ['channel'] }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('VALIDATION');
      expect((refusal as AppError).message).toMatch(/can by branch, product, currency/);
    });
  });
});
