/**
 * The application metrics the AWS workers publish to CloudWatch in Embedded Metric Format (EMF):
 * ONE list, read by the workers that emit them (main/fraud/lambda.ts, main/reports/lambda.ts,
 * main/cloud-metrics/metrics-job.ts), the CloudWatch dashboard and the alarms (infra/lib). A metric
 * renamed here is renamed everywhere; infra tests fail if a worker emits a name the dashboard lacks.
 * Edits are additive: other helpers add their metrics here.
 */

/** CloudWatch namespace of every application metric. */
export const CLOUD_METRICS_NAMESPACE = 'CloudBank';

/** Every metric has exactly this dimension, so one account can hold several deployments (staging, production). */
export const CLOUD_METRICS_DIMENSION = 'Environment';

/** The Lambda environment variable naming the deployment; the stack sets it, the workers read it. */
export const CLOUD_METRICS_ENV_VAR = 'CLOUDBANK_ENVIRONMENT';

export type CloudMetricUnit = 'Count' | 'Milliseconds';
/** Which worker publishes a metric: the infra stack grants and wires exactly these. */
export type CloudMetricEmitter = 'fraud-scan' | 'report-worker' | 'metrics-job';

export interface CloudMetricSpec {
  readonly name: string;
  readonly unit: CloudMetricUnit;
  readonly emittedBy: CloudMetricEmitter;
  /** Dashboard/alarm statistic that makes sense for the figure. */
  readonly statistic: 'Sum' | 'Maximum' | 'Average';
  readonly description: string;
}

export const CLOUD_METRICS = {
  transactionsScanned: { name: 'TransactionsScanned', unit: 'Count', emittedBy: 'fraud-scan', statistic: 'Sum', description: 'Transactions the overnight fraud scan examined' },
  alertsRaised: { name: 'AlertsRaised', unit: 'Count', emittedBy: 'fraud-scan', statistic: 'Sum', description: 'New fraud alerts the overnight scan created' },
  reportsGenerated: { name: 'ReportsGenerated', unit: 'Count', emittedBy: 'report-worker', statistic: 'Sum', description: 'Reports the report worker rendered and stored' },
  reportGenerationTime: {
    name: 'ReportGenerationTime',
    unit: 'Milliseconds',
    emittedBy: 'report-worker',
    statistic: 'Maximum',
    description: 'Time to compile, render and store one report',
  },
  reportRowsRead: {
    name: 'ReportRowsRead',
    unit: 'Count',
    emittedBy: 'report-worker',
    statistic: 'Sum',
    description: 'Figure rows the metric layer returned for the reports built',
  },
  reportFailures: {
    name: 'ReportFailures',
    unit: 'Count',
    emittedBy: 'report-worker',
    statistic: 'Sum',
    description: 'Report builds that failed (the event is retried, then dead-lettered)',
  },
  activeUsers: { name: 'ActiveUsers', unit: 'Count', emittedBy: 'metrics-job', statistic: 'Maximum', description: 'Staff who signed in during the last 24 hours' },
  transactionsProcessed: {
    name: 'TransactionsProcessed',
    unit: 'Count',
    emittedBy: 'metrics-job',
    statistic: 'Maximum',
    description: 'Transactions booked during the last 24 hours',
  },
  openAlerts: { name: 'OpenAlerts', unit: 'Count', emittedBy: 'metrics-job', statistic: 'Maximum', description: 'Fraud alerts not yet closed (the review backlog)' },
} as const satisfies Record<string, CloudMetricSpec>;

export type CloudMetricKey = keyof typeof CLOUD_METRICS;

/** The metric names a worker emits, in list order. */
export function cloudMetricNamesOf(emitter: CloudMetricEmitter): string[] {
  return Object.values(CLOUD_METRICS as Record<string, CloudMetricSpec>)
    .filter((m) => m.emittedBy === emitter)
    .map((m) => m.name);
}

/** One EMF log record (CloudWatch turns it into metric data points); JSON-stringify it onto stdout. */
export interface EmfRecord {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: CloudMetricUnit }[] }[] };
  [field: string]: unknown;
}

/**
 * Builds the EMF record for some of the listed metrics. Only listed metrics can be emitted (the
 * key type says so); a value that is not a finite, non-negative number is refused rather than
 * published as a misleading zero.
 */
export function emfRecord(
  values: Partial<Record<CloudMetricKey, number>>,
  opts: { environment: string; timestamp: number; properties?: Record<string, string | number> },
): EmfRecord {
  const metrics: { Name: string; Unit: CloudMetricUnit }[] = [];
  const fields: Record<string, number> = {};
  for (const [key, value] of Object.entries(values) as [CloudMetricKey, number | undefined][]) {
    if (value === undefined) continue;
    const spec = CLOUD_METRICS[key];
    if (!spec) throw new Error(`Unknown cloud metric "${String(key)}"`);
    if (!Number.isFinite(value) || value < 0) throw new Error(`Cloud metric ${spec.name} must be a finite non-negative number, got ${value}`);
    metrics.push({ Name: spec.name, Unit: spec.unit });
    fields[spec.name] = value;
  }
  if (!opts.environment) throw new Error('The EMF record needs the deployment environment name');
  return {
    ...opts.properties,
    [CLOUD_METRICS_DIMENSION]: opts.environment,
    ...fields,
    _aws: { Timestamp: opts.timestamp, CloudWatchMetrics: [{ Namespace: CLOUD_METRICS_NAMESPACE, Dimensions: [[CLOUD_METRICS_DIMENSION]], Metrics: metrics }] },
  };
}
