import { REPORT_FORMATS, type ReportFormat, type ReportResult } from '../../shared/contract';
import { renderReport } from './render';
import { reportKey, type ReportBucket } from './s3-store';

/**
 * Writes one report's files to S3 — the same renderers as a local export — each encrypted and tagged
 * with the report's id, period and author. Used by the desktop's upload, its outbox and the Lambda worker.
 */
export async function publishReport(bucket: ReportBucket, r: ReportResult, formats: readonly ReportFormat[] = REPORT_FORMATS): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const format of formats) {
    const file = await renderReport(r, format);
    const key = reportKey(bucket.settings, r.period.key, r.id, file.filename);
    await bucket.put(key, file.bytes, file.mimeType, { reportId: r.id, period: r.period.key, author: r.author, format });
    keys[format] = key;
  }
  return keys;
}
