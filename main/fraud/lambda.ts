import { emitCloudMetrics, type EmitOptions } from '../cloud-metrics';
import { openWorkerBanks, type IamTokenProvider } from '../connections';
import { migrateToLatest } from '../source';
import { scanBank, type ScanSummary } from './scan';

/** What the scheduler sends: nothing for the nightly run, or an instant to rescan from. */
export interface FraudScanEvent {
  /** ISO 8601 instant or UTC epoch ms. */
  since?: string | number;
}

export interface FraudScanResult {
  ok: true;
  bank: string;
  summary: ScanSummary;
}

export interface FraudScanDeps {
  env?: Record<string, string | undefined>;
  /** Signs RDS IAM tokens; default: the AWS credential chain (the Lambda's execution role). */
  iam?: IamTokenProvider;
  write?: EmitOptions['write'];
}

/**
 * The overnight fraud scan as a Lambda: the bank comes from the environment the infra stack sets
 * (CLOUDBANK_DB_HOST… with IAM database authentication) or, run by hand, CLOUDBANK_MYSQL_URL; the
 * work is exactly `scanBank`, as in `cloudbank fraud scan`. Publishes transactions scanned and
 * alerts raised (EMF). Errors propagate so Lambda records the failure, retries, then dead-letters.
 */
export function createFraudScanHandler(deps: FraudScanDeps = {}): (event?: FraudScanEvent) => Promise<FraudScanResult> {
  return async (event = {}) => {
    const env = deps.env ?? process.env;
    let since: number | undefined;
    if (event.since !== undefined) {
      since = typeof event.since === 'number' ? event.since : Date.parse(event.since);
      if (Number.isNaN(since)) throw new Error(`"since" is not an instant: ${String(event.since)}`);
    }
    const banks = openWorkerBanks(env, deps.iam);
    try {
      // Up to date: reads kysely_migration only (the worker's grants). Behind: fails naming the migration, for an administrator to run.
      await migrateToLatest(banks.writer.db, 'mysql');
      const summary = await scanBank(banks.writer, since === undefined ? {} : { since });
      emitCloudMetrics(
        { transactionsScanned: summary.transactions, alertsRaised: summary.created },
        { env, write: deps.write, properties: { worker: 'fraud-scan', fromEntryId: summary.fromEntryId, toEntryId: summary.toEntryId } },
      );
      return { ok: true, bank: banks.describe, summary };
    } finally {
      await banks.close();
    }
  };
}

/** AWS Lambda entry point (bundled by infra/). */
export const handler = createFraudScanHandler();
