import { migrateToLatest, openMysqlBank } from '../source';
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

/**
 * AWS Lambda handler for the overnight fraud scan: the bank is the MySQL URL in `CLOUDBANK_MYSQL_URL`
 * (RDS); the work is exactly `scanBank`, as in `cloudbank fraud scan`. Errors propagate so Lambda
 * records the failure and retries.
 */
export async function handler(event: FraudScanEvent = {}): Promise<FraudScanResult> {
  const url = process.env.CLOUDBANK_MYSQL_URL;
  if (!url) throw new Error('CLOUDBANK_MYSQL_URL is not set: the fraud scan needs the bank’s MySQL URL.');
  let since: number | undefined;
  if (event.since !== undefined) {
    since = typeof event.since === 'number' ? event.since : Date.parse(event.since);
    if (Number.isNaN(since)) throw new Error(`"since" is not an instant: ${String(event.since)}`);
  }
  const bank = openMysqlBank(url, 2);
  try {
    await migrateToLatest(bank.db, 'mysql');
    const summary = await scanBank(bank, since === undefined ? {} : { since });
    return { ok: true, bank: bank.describe, summary };
  } finally {
    await bank.close();
  }
}
