import type { MetricQuery, MetricResult, MetricRowsQuery, MetricRowsResult } from '../../shared/contract';
import type { Bank } from '../source';
import { queryMetric } from './engine';
import { exposureDeltas, type ExposureDeltas, type ExposureQuery } from './exposures';
import { metricRows } from './rows';
import type { ReadPool } from './read-pool';
import type { ReadJob, ReadStoreFacts, ReadStoreRef } from './read-protocol';
import { SharedFlights } from './shared-flights';
import type { MetricStore } from './store';

/** The SQLite files a read worker may open for this runtime; what is not listed runs on the main thread. */
export interface ReadFiles {
  /** The workstation's encrypted cache. */
  cache: { file: string; keyHex: string } | null;
  /** The embedded bank and the Bank object the runtime opened over it (matched by identity). */
  embedded: { file: string; keyHex?: string; bank: Bank } | null;
}

export interface MetricReader {
  query(store: MetricStore, q: MetricQuery, signal?: AbortSignal): Promise<MetricResult>;
  rows(store: MetricStore, q: MetricRowsQuery, signal?: AbortSignal): Promise<MetricRowsResult>;
  exposures(store: MetricStore, q: ExposureQuery, signal?: AbortSignal): Promise<ExposureDeltas>;
}

/**
 * Routes metric reads: SQLite stores (the cache, the embedded bank) to the read pool, where the same
 * engine functions run over the worker's own read-only connection; MySQL stays on the main thread,
 * whose driver is asynchronous already. Without a pool (size 0, tests, one-shot CLI) everything runs here.
 */
export function createMetricReader(opts: { pool: ReadPool | null; files: ReadFiles }): MetricReader {
  const { pool, files } = opts;
  const refOf = (store: MetricStore): ReadStoreRef | null => {
    if (!pool || store.bank.dialect !== 'sqlite') return null;
    if (store.source === 'cache') return files.cache ? { kind: 'cache', ...files.cache } : null;
    return files.embedded && files.embedded.bank === store.bank
      ? { kind: 'embedded', file: files.embedded.file, ...(files.embedded.keyHex ? { keyHex: files.embedded.keyHex } : {}) }
      : null;
  };
  const facts = (store: MetricStore, ref: ReadStoreRef): ReadStoreFacts => ({
    store: ref,
    source: store.source,
    rollups: store.rollups,
    timeZone: store.timeZone,
    asOf: store.asOf,
  });
  // Identical jobs (same file, same as-of, same question) asked while one is queued or running share it.
  const flights = new SharedFlights<unknown>();
  const run = <T>(pool: ReadPool, job: ReadJob, signal?: AbortSignal): Promise<T> => flights.run(JSON.stringify(job), (shared) => pool.run<T>(job, shared), signal) as Promise<T>;
  return {
    query(store, q, signal) {
      const ref = refOf(store);
      if (!ref || !pool) return queryMetric(store, q);
      return run<MetricResult>(pool, { ...facts(store, ref), op: 'query', input: q }, signal);
    },
    rows(store, q, signal) {
      const ref = refOf(store);
      if (!ref || !pool) return metricRows(store, q);
      return run<MetricRowsResult>(pool, { ...facts(store, ref), op: 'rows', input: q }, signal);
    },
    exposures(store, q, signal) {
      const ref = refOf(store);
      if (!ref || !pool) return exposureDeltas(store, q);
      return run<ExposureDeltas>(pool, { ...facts(store, ref), op: 'exposures', input: q }, signal);
    },
  };
}
