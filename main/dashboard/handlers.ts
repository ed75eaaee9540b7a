import { metricQuerySchema } from '../../shared/contract';
import type { PartialHandlers } from '../dispatch';
import { incrementalQueries, type MetricRunner, type MetricStore } from '../metrics';
import { activity, summary, volume } from './queries';

export interface DashboardDeps {
  /** Where analytics read (cache first, the bank before the first copy, the cache while offline). */
  store: () => Promise<MetricStore>;
  runner: MetricRunner;
}

/**
 * The dashboard's tiles and chart are catalog metrics; only the activity list reads rows itself. Every
 * signed-in manager and analyst opens it, and each teller's posting moves today's figures: on the cache
 * they are asked through the incremental memo (main/metrics/incremental.ts), which keeps the earlier
 * days' answers and asks again only for the days new postings touched — deposits held no longer sums
 * every posting since the bank opened on each visit.
 */
export function dashboardHandlers(deps: DashboardDeps): PartialHandlers<'dashboard.summary' | 'dashboard.volume' | 'dashboard.activity'> {
  const asker = (store: MetricStore) => {
    const memo = incrementalQueries(store, deps.runner);
    return (q: Parameters<typeof metricQuerySchema.parse>[0]) => memo.query(metricQuerySchema.parse(q));
  };
  return {
    'dashboard.summary': async () => {
      const store = await deps.store();
      return summary(asker(store), store);
    },
    'dashboard.volume': async (input) => {
      const store = await deps.store();
      return volume(asker(store), store, input.days);
    },
    'dashboard.activity': async (input) => activity((await deps.store()).bank, input.limit),
  };
}
