export { CATALOG, DIMENSION_LABELS, metricInfo } from './catalog';
export { queryMetric } from './engine';
export { metricRows } from './rows';
export { bankZone } from './bank-zone';
export { IN_THREAD, metricStore, metricsHandlers, type MetricRunner, type MetricsDeps } from './handlers';
export type { MetricStore } from './store';
export { SavedViews } from './views';
export { exportView } from './export';
