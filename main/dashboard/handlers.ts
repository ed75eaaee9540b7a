import { metricQuerySchema } from '../../shared/contract';
import type { PartialHandlers } from '../dispatch';
import type { MetricRunner, MetricStore } from '../metrics';
import { activity, summary, volume } from './queries';

export interface DashboardDeps {
  /** Where analytics read (cache first, the bank before the first copy, the cache while offline). */
  store: () => Promise<MetricStore>;
  runner: MetricRunner;
}

/** The dashboard's tiles and chart are catalog metrics; only the activity list reads rows itself. */
export function dashboardHandlers(deps: DashboardDeps): PartialHandlers<'dashboard.summary' | 'dashboard.volume' | 'dashboard.activity'> {
  const asker = (store: MetricStore) => (q: Parameters<typeof metricQuerySchema.parse>[0]) => deps.runner.query(store, metricQuerySchema.parse(q));
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
