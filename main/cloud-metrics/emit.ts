import { CLOUD_METRICS_ENV_VAR, emfRecord, type CloudMetricKey, type EmfRecord } from '../../shared/cloud-metrics';

export interface EmitOptions {
  env?: Record<string, string | undefined>;
  /** Where the EMF line goes; Lambda forwards stdout to CloudWatch Logs, which extracts the metrics. */
  write?: (line: string) => void;
  now?: () => number;
  /** Searchable context in the log record (not metrics, not dimensions). */
  properties?: Record<string, string | number>;
}

/**
 * Publishes application metrics from a worker as one Embedded Metric Format line. Outside a
 * deployment (no CLOUDBANK_ENVIRONMENT: a handler run by hand) nothing is written, so a developer's
 * terminal and the CLI stay clean; returns the record written, or null.
 */
export function emitCloudMetrics(values: Partial<Record<CloudMetricKey, number>>, opts: EmitOptions = {}): EmfRecord | null {
  const environment = (opts.env ?? process.env)[CLOUD_METRICS_ENV_VAR];
  if (!environment) return null;
  const record = emfRecord(values, { environment, timestamp: (opts.now ?? Date.now)(), properties: opts.properties });
  (opts.write ?? ((line: string) => process.stdout.write(`${line}\n`)))(JSON.stringify(record));
  return record;
}
