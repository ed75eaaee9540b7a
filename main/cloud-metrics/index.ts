export { bankActivity, type BankActivity } from './bank-activity';
export { emitCloudMetrics, type EmitOptions } from './emit';
export { createMetricsJobHandler, type MetricsJobDeps } from './lambda';
