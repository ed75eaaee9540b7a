import type { OfflineWriteDeps } from '../cache';
import type { MetricRunner, MetricStore } from '../metrics';

/** What the compliance capability needs from the runtime: its corrective tasks are queued offline like fraud reviews. */
export interface ComplianceDeps extends OfflineWriteDeps {
  /** Where analytics read (the metric layer's store: cache once it holds a full copy, bank before). */
  store: () => Promise<MetricStore>;
  runner: MetricRunner;
}
