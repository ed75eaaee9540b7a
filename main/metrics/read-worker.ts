// Worker-thread entry: runs metric and explorer reads over SQLite off the main thread (see read-pool.ts).
import { queryMetric } from './engine';
import { exposureDeltas } from './exposures';
import { metricRows } from './rows';
import { readConnections } from './read-open';
import type { ReadJob } from './read-protocol';
import { serveReadJobs } from './read-worker-serve';
import type { MetricStore } from './store';

const connection = readConnections();

serveReadJobs<ReadJob>(async (job) => {
  const store: MetricStore = { bank: connection(job.store), source: job.source, rollups: job.rollups, timeZone: job.timeZone, asOf: job.asOf };
  if (job.op === 'exposures') return exposureDeltas(store, job.input);
  return job.op === 'query' ? queryMetric(store, job.input) : metricRows(store, job.input);
});
