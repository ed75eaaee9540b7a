import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricQuerySchema, metricRowsQuerySchema, type MetricQueryInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { cacheKysely, openCacheDatabase, startSyncWorker } from '../../main/cache';
import { generateDemoBank } from '../../main/demo';
import { bankZone, createMetricReader, metricRows, queryMetric, ReadPool, type MetricReader, type MetricStore } from '../../main/metrics';
import { migrateToLatest, openSqliteBank, type Bank } from '../../main/source';
import { TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

const END = Date.UTC(2026, 5, 1);
const QUESTIONS: MetricQueryInput[] = [
  { metric: 'transactions_volume', from: '2026-03-01', to: '2026-06-01', grain: 'month', by: ['channel'], compare: 'previous' },
  { metric: 'transactions_count', from: '2026-03-01', to: '2026-06-01', grain: 'day', by: ['branch'] },
  { metric: 'deposits_held', from: '2026-03-01', to: '2026-06-01', grain: 'month', by: ['currency'] },
  { metric: 'new_customers', from: '2025-01-01', to: '2026-06-01', grain: 'quarter', compare: 'year' },
  { metric: 'delinquency', from: '2026-05-01', to: '2026-06-01', by: ['dpd_bucket'] },
];

/** Metric reads answered by the read workers equal the same reads run on the main thread, on the embedded bank and on the cache. */
describe('metric reads in the read pool', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;
  let cacheBank: Bank;
  let pool: ReadPool;
  let reader: MetricReader;
  let bankStore: MetricStore;
  let cacheStore: MetricStore;

  beforeAll(async () => {
    dir = tempDir('cbreadpool-');
    const file = join(dir.path, 'bank.sqlite');
    bank = openSqliteBank(file);
    await migrateToLatest(bank.db, 'sqlite');
    await generateDemoBank(bank, { ...TINY_DEMO, end: END });
    const key = randomBytes(32);
    const cacheFile = join(dir.path, 'cache.db');
    await startSyncWorker({ cacheFile, keyHex: key.toString('hex'), source: { kind: 'sqlite', file }, intervalMs: null }).finished;
    const cacheDb = openCacheDatabase(cacheFile, key);
    const close = async (): Promise<void> => {
      cacheDb.close();
    };
    cacheBank = { db: cacheKysely(cacheDb), dialect: 'sqlite', sqlite: cacheDb, describe: 'test cache', close };
    const timeZone = await bankZone(bank);
    bankStore = { bank, source: 'bank', rollups: false, timeZone, asOf: END };
    cacheStore = { bank: cacheBank, source: 'cache', rollups: true, timeZone, asOf: END - 1000 };
    pool = new ReadPool({ size: 2 });
    reader = createMetricReader({ pool, files: { cache: { file: cacheFile, keyHex: key.toString('hex') }, embedded: { file, bank } } });
  });
  afterAll(async () => {
    await pool.close();
    await cacheBank.close();
    await bank.close();
    dir.remove();
  });

  for (const where of ['embedded bank', 'cache'] as const) {
    it(`answers metric questions on the ${where} in workers exactly as on the main thread`, async () => {
      const store = where === 'cache' ? cacheStore : bankStore;
      const before = pool.stats().answered;
      for (const input of QUESTIONS) {
        const q = metricQuerySchema.parse(input);
        const [pooled, inThread] = await Promise.all([reader.query(store, q), queryMetric(store, q)]);
        expect(pooled).toEqual(inThread);
        expect(pooled.source).toBe(store.source);
      }
      const page = metricRowsQuerySchema.parse({ metric: 'transactions_volume', from: '2026-04-01', to: '2026-06-01', sort: 'amount', direction: 'desc', limit: 50 });
      const rows = await reader.rows(store, page);
      expect(rows.rows.length).toBe(50);
      expect(rows).toEqual(await metricRows(store, page));
      expect(pool.stats().answered - before).toBe(QUESTIONS.length + 1);
    });
  }

  it('returns the engine’s typed errors from the worker as AppErrors', async () => {
    const q = metricQuerySchema.parse({ metric: 'new_customers', from: '2026-01-01', to: '2026-06-01', by: ['channel'] });
    const e = await reader.query(bankStore, q).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'VALIDATION' });
  });

  it('runs stores it has no file for on the main thread (MySQL, another SQLite bank)', async () => {
    const other = openSqliteBank(join(dir.path, 'other.sqlite'));
    await migrateToLatest(other.db, 'sqlite');
    try {
      const before = pool.stats().answered;
      const q = metricQuerySchema.parse({ metric: 'transactions_count', from: '2026-01-01', to: '2026-06-01' });
      const res = await reader.query({ ...bankStore, bank: other }, q);
      expect(res.rows.every((r) => r.value === 0)).toBe(true);
      expect(pool.stats().answered).toBe(before);
    } finally {
      await other.close();
    }
  });
});
