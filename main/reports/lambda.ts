import { emitCloudMetrics, type EmitOptions } from '../cloud-metrics';
import { openWorkerBanks, type IamTokenProvider } from '../connections';
import { bankZone, queryMetric, type MetricStore } from '../metrics';
import { s3SettingsSchema, type S3Settings } from '../../shared/contract';
import { addPeriods, bankDayOf, periodKey, periodStart } from '../../shared/bank-time';
import { parsePeriodText, reportDefinitionSchema, type ReportDefinition } from '../../shared/report-definition';
import { templateById, QUARTERLY_BOARD_PACK } from '../../shared/report-templates';
import { bankNameOf } from './bank-name';
import { cloudRequestSchema, statusKey, type CloudStatus } from './cloud-request';
import { publishReport } from './publish';
import { runReport } from './run';
import { openReportBucket, type ReportBucket } from './s3-store';

/**
 * The report worker as a Lambda: the same definitions, metric layer and renderers as the desktop,
 * reading the RDS bank (reader endpoint, IAM auth) and writing the report's files to the reports
 * bucket. It is started three ways:
 *  - by EventBridge on a schedule (`{"detail-type":"Scheduled Event"}`, optionally with a template and
 *    period in `detail`): the quarterly board pack for the last completed quarter by default;
 *  - by S3 when a desktop writes a request to `<prefix>requests/<id>.json` ("build it in the cloud");
 *    the worker then writes `<prefix>requests/<id>.status.json`, which the desktop polls;
 *  - directly with `{ template, period }` or `{ definition }`.
 * Publishes ReportsGenerated, ReportGenerationTime, ReportRowsRead and ReportFailures (EMF, names from
 * shared/cloud-metrics.ts). A failure is published, written to the request's status, and rethrown so
 * Lambda retries and then dead-letters the event.
 */

export const REPORT_WORKER_ENV = {
  bucket: 'CLOUDBANK_REPORTS_BUCKET',
  prefix: 'CLOUDBANK_REPORTS_PREFIX',
  kmsKey: 'CLOUDBANK_REPORTS_KMS_KEY_ARN',
  /** Only for S3-compatible servers (tests); AWS needs none. */
  endpoint: 'CLOUDBANK_REPORTS_S3_ENDPOINT',
} as const;

interface S3EventRecord {
  s3: { bucket: { name: string }; object: { key: string } };
}
export interface ReportWorkerEvent {
  'detail-type'?: string;
  detail?: { template?: string; period?: string };
  Records?: S3EventRecord[];
  template?: string;
  period?: string;
  definition?: unknown;
  author?: string;
}

export interface ReportWorkerResult {
  reports: { reportId: string; period: string; keys: Record<string, string>; requestId: string | null }[];
}

export interface ReportWorkerDeps {
  env?: Record<string, string | undefined>;
  iam?: IamTokenProvider;
  write?: EmitOptions['write'];
  now?: () => number;
}

function settingsFrom(env: Record<string, string | undefined>): S3Settings {
  const kms = env[REPORT_WORKER_ENV.kmsKey];
  const parsed = s3SettingsSchema.safeParse({
    bucket: env[REPORT_WORKER_ENV.bucket],
    prefix: env[REPORT_WORKER_ENV.prefix] ?? '',
    region: env.AWS_REGION ?? '',
    encryption: kms ? 'aws:kms' : 'AES256',
    kmsKeyId: kms ?? null,
    endpoint: env[REPORT_WORKER_ENV.endpoint] ?? null,
  });
  if (!parsed.success)
    throw new Error(
      `Report worker settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} (set ${REPORT_WORKER_ENV.bucket}, ${REPORT_WORKER_ENV.prefix} and AWS_REGION)`,
    );
  return parsed.data;
}

/** The last quarter that has ended in the bank's zone: what a schedule on the 1st of a quarter means. */
export function lastCompletedQuarter(now: number, timeZone: string): string {
  const thisQuarter = periodStart(bankDayOf(now, timeZone), 'quarter');
  return periodKey(addPeriods(thisQuarter, 'quarter', -1), 'quarter');
}

interface Job {
  definition: ReportDefinition;
  author: string;
  requestId: string | null;
}

async function jobsOf(event: ReportWorkerEvent, bucket: ReportBucket, defaultPeriod: () => string): Promise<Job[]> {
  if (event.Records?.length) {
    const jobs: Job[] = [];
    for (const r of event.Records) {
      // S3 event keys are URL-encoded with '+' for spaces.
      const key = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
      if (r.s3.bucket.name !== bucket.settings.bucket || !/requests\/[0-9a-f-]{36}\.json$/.test(key)) continue;
      const request = cloudRequestSchema.parse(JSON.parse((await bucket.get(key)).bytes.toString('utf8')));
      jobs.push({ definition: request.definition, author: request.author, requestId: request.requestId });
    }
    return jobs;
  }
  if (event.definition !== undefined) return [{ definition: reportDefinitionSchema.parse(event.definition), author: event.author ?? 'report worker', requestId: null }];
  const templateId = event.detail?.template ?? event.template ?? QUARTERLY_BOARD_PACK.id;
  const template = templateById(templateId);
  if (!template) throw new Error(`No report template ${templateId}`);
  const periodText = event.detail?.period ?? event.period ?? defaultPeriod();
  const period = parsePeriodText(periodText);
  if (!period) throw new Error(`Not a period: ${periodText} (use 1997-Q4, 1997-10, 1997)`);
  return [{ definition: reportDefinitionSchema.parse({ ...template.definition, period }), author: event.author ?? 'scheduled report worker', requestId: null }];
}

export function createReportHandler(deps: ReportWorkerDeps = {}): (event?: ReportWorkerEvent) => Promise<ReportWorkerResult> {
  return async (event = {}) => {
    const env = deps.env ?? process.env;
    const now = deps.now ?? Date.now;
    const emit = (values: Parameters<typeof emitCloudMetrics>[0], properties: Record<string, string | number>): void => {
      emitCloudMetrics(values, { env, write: deps.write, now, properties: { worker: 'report-worker', ...properties } });
    };
    const bucket = openReportBucket(settingsFrom(env));
    const banks = openWorkerBanks(env, deps.iam);
    const out: ReportWorkerResult = { reports: [] };
    let counted = false;
    try {
      const timeZone = await bankZone(banks.reader);
      const bankName = await bankNameOf(banks.reader);
      const jobs = await jobsOf(event, bucket, () => lastCompletedQuarter(now(), timeZone));
      for (const job of jobs) {
        const started = performance.now();
        try {
          const store: MetricStore = { bank: banks.reader, source: 'bank', rollups: false, timeZone, asOf: now() };
          const result = await runReport(job.definition, { store, ask: (q) => queryMetric(store, q), bankName, author: job.author, now: now() });
          const keys = await publishReport(bucket, result);
          if (job.requestId) await writeStatus(bucket, { requestId: job.requestId, state: 'done', message: null, reportId: result.id, keys });
          emit(
            { reportsGenerated: 1, reportGenerationTime: Math.round(performance.now() - started), reportRowsRead: result.figureRows },
            { reportId: result.id, period: result.period.key },
          );
          out.reports.push({ reportId: result.id, period: result.period.key, keys, requestId: job.requestId });
        } catch (e) {
          emit({ reportFailures: 1 }, { error: e instanceof Error ? e.message : String(e), ...(job.requestId ? { requestId: job.requestId } : {}) });
          counted = true;
          if (job.requestId)
            await writeStatus(bucket, { requestId: job.requestId, state: 'failed', message: e instanceof Error ? e.message : String(e), reportId: null, keys: {} }).catch(
              () => undefined,
            );
          throw e;
        }
      }
      return out;
    } catch (e) {
      // Failures before a report started (bank unreachable, a bad event) count too.
      if (!counted) emit({ reportFailures: 1 }, { error: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      bucket.destroy();
      await banks.close();
    }
  };
}

async function writeStatus(bucket: ReportBucket, status: CloudStatus): Promise<void> {
  await bucket.put(statusKey(bucket.settings, status.requestId), Buffer.from(JSON.stringify(status)), 'application/json', {
    reportId: status.reportId ?? status.requestId,
    period: 'status',
    author: 'report worker',
    format: 'status',
  });
}

/** AWS Lambda entry point (bundled by infra/). */
export const handler = createReportHandler();
