import type { LiveCache } from '../cache';
import type { PartialHandlers } from '../dispatch';
import type { Bank } from '../source';
import { bankZone } from './bank-zone';
import { CATALOG, DIMENSION_LABELS } from './catalog';
import { queryMetric } from './engine';
import { exportView } from './export';
import { exposureDeltas, type ExposureDeltas, type ExposureQuery } from './exposures';
import { dimensionLabeler } from './labels';
import { metricRows } from './rows';
import type { MetricStore } from './store';
import type { SavedViews } from './views';
import type { MetricQuery, MetricResult, MetricRowsQuery, MetricRowsResult } from '../../shared/contract';

export type MetricsMethod = 'metrics.list' | 'metrics.query' | 'metrics.rows' | 'metrics.export' | 'metrics.views.list' | 'metrics.views.save' | 'metrics.views.delete';

/** How questions are run: in this thread by default; the read pool runs SQLite stores off the main thread. */
export interface MetricRunner {
  query(store: MetricStore, q: MetricQuery, signal?: AbortSignal): Promise<MetricResult>;
  rows(store: MetricStore, q: MetricRowsQuery, signal?: AbortSignal): Promise<MetricRowsResult>;
  /** Borrowers' outstanding as daily changes (large exposures). */
  exposures(store: MetricStore, q: ExposureQuery, signal?: AbortSignal): Promise<ExposureDeltas>;
}

export const IN_THREAD: MetricRunner = { query: (s, q) => queryMetric(s, q), rows: (s, q) => metricRows(s, q), exposures: (s, q) => exposureDeltas(s, q) };

export interface MetricsDeps {
  /** Where analytics read now: see metricStore. */
  store: () => Promise<MetricStore>;
  views: SavedViews;
  runner?: MetricRunner;
  clock?: () => number;
}

/**
 * Where analytics read: the cache once it holds a full copy (rollups answer in milliseconds and the
 * bank is spared), the bank before that, and the cache again, with its age, while the bank is away.
 */
export async function metricStore(bank: Bank, cache: LiveCache | null, now: number): Promise<MetricStore> {
  const reader = cache?.reader() ?? bank;
  const fromCache = cache !== null && reader !== bank;
  return { bank: reader, source: fromCache ? 'cache' : 'bank', rollups: fromCache, timeZone: await bankZone(reader), asOf: fromCache ? (cache.status().asOf ?? now) : now };
}

export function metricsHandlers(deps: MetricsDeps): PartialHandlers<MetricsMethod> {
  const clock = deps.clock ?? Date.now;
  const runner = deps.runner ?? IN_THREAD;
  const store = deps.store;
  return {
    'metrics.list': async () => ({
      metrics: [...CATALOG],
      timeZone: (await store()).timeZone,
      dimensions: Object.entries(DIMENSION_LABELS).map(([id, label]) => ({ id: id as keyof typeof DIMENSION_LABELS, label })),
    }),
    'metrics.query': async (input, ctx) => runner.query(await store(), input, ctx.signal),
    'metrics.rows': async (input, ctx) => runner.rows(await store(), input, ctx.signal),
    'metrics.export': async (input, ctx) => {
      const s = await store();
      const result = await runner.query(s, input.query, ctx.signal);
      const rows =
        input.includeRows && input.format === 'xlsx'
          ? await runner.rows(
              s,
              { metric: input.query.metric, from: input.query.from, to: input.query.to, filters: input.query.filters, direction: 'desc', offset: 0, limit: 1000 },
              ctx.signal,
            )
          : null;
      const label = await dimensionLabeler(
        s,
        input.query.filters.map((f) => f.dimension),
      );
      const filterLabels = Object.fromEntries(input.query.filters.map((f) => [`${f.dimension}=${f.value}`, label(f.dimension, f.value)]));
      return exportView(result, input.format, { filterLabels, rows });
    },
    'metrics.views.list': async (_input, ctx) => deps.views.list(ctx.session.username),
    'metrics.views.save': async (input, ctx) => deps.views.save(ctx.session.username, input, clock()),
    'metrics.views.delete': async (input, ctx) => ({ deleted: await deps.views.delete(ctx.session.username, input.id) }),
  };
}
