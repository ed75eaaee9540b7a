import type { Bank } from '../source';

/**
 * Where a metric is answered: the bank itself (MySQL or the embedded bank) or this workstation's
 * encrypted cache. The same compiled queries run on all three; the cache adds rollup tables that
 * answer the big flow metrics without reading every entry.
 */
export interface MetricStore {
  readonly bank: Bank;
  readonly source: 'bank' | 'cache';
  /** The cache's rollup tables exist and are complete (kept by its sync worker). */
  readonly rollups: boolean;
  /** The bank's IANA zone (bank_meta.timezone): it cuts days, months, quarters and years. */
  readonly timeZone: string;
  /** The data's as-of instant: now for the bank, the last completed sync for the cache. */
  readonly asOf: number;
}
