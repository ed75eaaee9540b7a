import type { ApiError } from '../../shared/errors';
import type { MetricQuery, MetricRowsQuery } from '../../shared/contract';
import type { ExposureQuery } from './exposures';

/**
 * What a read worker opens by itself: the encrypted cache (file + raw key, hex) or the embedded bank
 * file (with its raw key when it is encrypted, as the app's banks are). Plain data, so a job crosses into the worker thread by structured clone; each worker keeps its
 * own read-only connection per file, opened on first use.
 */
export type ReadStoreRef = { kind: 'cache'; file: string; keyHex: string } | { kind: 'embedded'; file: string; keyHex?: string };

/** The parts of a MetricStore that are not the connection. */
export interface ReadStoreFacts {
  store: ReadStoreRef;
  source: 'bank' | 'cache';
  rollups: boolean;
  timeZone: string;
  asOf: number;
}

export type ReadJob = ReadStoreFacts & ({ op: 'query'; input: MetricQuery } | { op: 'rows'; input: MetricRowsQuery } | { op: 'exposures'; input: ExposureQuery });

/** A failure as it crosses back: typed errors (NOT_FOUND, VALIDATION…) stay typed on the main thread. */
export type ReadFailure = { kind: 'app'; error: ApiError } | { kind: 'error'; message: string; code: string | null };

export interface ReadRequest<J = unknown> {
  id: number;
  job: J;
}

export type ReadReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; failure: ReadFailure };
