import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBerka } from '../../main/importers';
import type { CallContext } from '../../main/dispatch';
import { EventHub } from '../../main/events';
import { silentLogger } from '../../main/log';
import { IN_THREAD, metricStore } from '../../main/metrics';
import { createReports, openReportBucket, ReportHistory } from '../../main/reports';
import { createReportHandler, lastCompletedQuarter } from '../../main/reports/lambda';
import { migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { CLOUD_METRICS_NAMESPACE, cloudMetricNamesOf, type EmfRecord } from '../../shared/cloud-metrics';
import { reportResultSchema, s3SettingsSchema } from '../../shared/contract';
import { reportDefinitionSchema } from '../../shared/report-definition';
import { QUARTERLY_BOARD_PACK } from '../../shared/report-templates';
import { BERKA_DIR } from './import-berka-expectations';
import { freshDatabase } from '../support/mariadb';
import { startS3 } from '../support/report-s3rver';
import { tempDir } from '../support/temp';

/**
 * The report worker invoked locally as Lambda would invoke it, against the real MariaDB and a real
 * S3-protocol server (s3rver): it builds the board pack with the desktop's code, writes the files to
 * the bucket and prints CloudWatch EMF lines whose names are the ones the dashboard charts
 * (shared/cloud-metrics.ts). What cannot run here: Lambda itself, EventBridge and the S3 → Lambda
 * notification — the test calls the handler with the events they would send.
 */

const BUCKET = 'cloudbank-reports';
const PREFIX = 'reports/';
/** The worker runs on 5 January 1998: the last completed quarter is 1997-Q4. */
const END = Date.UTC(1998, 0, 5);

describe('report worker (Lambda handler) on MariaDB + S3', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let bank: Bank;
  let env: Record<string, string | undefined>;
  const lines: string[] = [];
  const dir = tempDir('report-lambda-');

  beforeAll(async () => {
    s3 = await startS3(BUCKET);
    db = await freshDatabase('cbreportlambda');
    bank = openMysqlBank(db.url);
    await migrateToLatest(bank.db, 'mysql');
    await importBerka(bank, BERKA_DIR);
    env = {
      CLOUDBANK_MYSQL_URL: db.url,
      CLOUDBANK_REPORTS_BUCKET: BUCKET,
      CLOUDBANK_REPORTS_PREFIX: PREFIX,
      CLOUDBANK_REPORTS_S3_ENDPOINT: s3.endpoint,
      CLOUDBANK_ENVIRONMENT: 'test',
      AWS_REGION: 'eu-central-1',
    };
  }, 120_000);
  afterAll(async () => {
    await bank.close();
    await db.drop();
    await s3.close();
    dir.remove();
  });

  const emf = (): EmfRecord[] => lines.map((l) => JSON.parse(l) as EmfRecord);

  it('a scheduled run builds the last completed quarter’s board pack, stores it and prints EMF metrics the dashboard knows', async () => {
    const handler = createReportHandler({ env, write: (l) => lines.push(l), now: () => END });
    const out = await handler({ 'detail-type': 'Scheduled Event', detail: {} });
    expect(out.reports).toHaveLength(1);
    const report = out.reports[0];
    expect(report?.period).toBe('1997-Q4');
    expect(lastCompletedQuarter(END, 'Europe/Prague')).toBe('1997-Q4');
    expect(Object.keys(report?.keys ?? {}).sort()).toEqual(['csv', 'json', 'pdf', 'xlsx']);

    const bucket = openReportBucket(s3SettingsSchema.parse({ bucket: BUCKET, prefix: PREFIX, region: 'eu-central-1', endpoint: s3.endpoint }));
    const json = await bucket.get(report?.keys.json ?? '');
    const result = reportResultSchema.parse(JSON.parse(json.bytes.toString('utf8')));
    expect(result.title).toBe(QUARTERLY_BOARD_PACK.definition.title);
    expect(result.source).toBe('bank');
    expect(json.meta).toMatchObject({ 'report-id': report?.reportId, period: report?.period });
    bucket.destroy();

    const records = emf();
    expect(records).toHaveLength(1);
    const rec = records[0];
    const names = rec?._aws.CloudWatchMetrics[0]?.Metrics.map((m) => m.Name) ?? [];
    expect(rec?._aws.CloudWatchMetrics[0]?.Namespace).toBe(CLOUD_METRICS_NAMESPACE);
    expect(names.sort()).toEqual(['ReportGenerationTime', 'ReportRowsRead', 'ReportsGenerated']);
    for (const n of names) expect(cloudMetricNamesOf('report-worker')).toContain(n);
    expect(rec?.ReportsGenerated).toBe(1);
    expect(rec?.ReportRowsRead).toBe(result.figureRows);
    expect(rec?.Environment).toBe('test');
  }, 120_000);

  it('a desktop asks for a cloud build through S3 and picks the report up when the worker is done', async () => {
    const history = new ReportHistory(dir.path);
    const ctx: CallContext = { session: { token: 't', userId: 1, username: 'Jiří Novák', role: 'manager' }, transport: 'test', origin: 'test' };
    const reports = createReports({
      history,
      store: () => metricStore(bank, null, Date.now()),
      runner: IN_THREAD,
      bankName: 'Berka',
      bank,
      events: new EventHub(),
      log: silentLogger,
    });
    await reports.handlers['settings.reportStorage.set'](
      { bucket: BUCKET, prefix: PREFIX, region: 'eu-central-1', encryption: 'AES256', kmsKeyId: null, endpoint: s3.endpoint },
      ctx,
    );
    const definition = { ...QUARTERLY_BOARD_PACK.definition, period: { kind: 'quarter' as const, year: 1997, quarter: 3 } };
    const asked = await reports.handlers['reports.cloud.request']({ definition: reportDefinitionSchema.parse(definition) }, ctx);
    expect((await reports.handlers['reports.cloud.status']({ requestId: asked.requestId }, ctx)).state).toBe('waiting');

    // What S3 sends Lambda when the request object is created.
    lines.length = 0;
    const handler = createReportHandler({ env, write: (l) => lines.push(l) });
    const out = await handler({ Records: [{ s3: { bucket: { name: BUCKET }, object: { key: encodeURIComponent(asked.key).replace(/%2F/g, '/') } } }] });
    expect(out.reports[0]?.requestId).toBe(asked.requestId);
    expect(emf()[0]?.ReportsGenerated).toBe(1);

    const status = await reports.handlers['reports.cloud.status']({ requestId: asked.requestId }, ctx);
    expect(status.state).toBe('done');
    expect(status.entry).toMatchObject({ where: 'cloud', author: 'Jiří Novák', period: '1997-Q3', upload: 'uploaded' });
    const opened = await reports.handlers['reports.open']({ id: status.entry?.id ?? '' }, ctx);
    expect(opened.result.period.key).toBe('1997-Q3');
    reports.dispose();
  }, 120_000);

  it('a failing build is published as ReportFailures and rethrown for Lambda to retry', async () => {
    lines.length = 0;
    const handler = createReportHandler({ env, write: (l) => lines.push(l) });
    await expect(handler({ template: 'no-such-template' })).rejects.toThrow('No report template no-such-template');
    expect(emf()[0]?.ReportFailures).toBe(1);
  });
});
