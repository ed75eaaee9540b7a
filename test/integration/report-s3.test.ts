import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../main/dispatch';
import { EventHub } from '../../main/events';
import { silentLogger } from '../../main/log';
import { IN_THREAD, queryMetric, type MetricStore } from '../../main/metrics';
import { createReports, openReportBucket, publishReport, ReportHistory, runReport, s3Client } from '../../main/reports';
import type { Bank } from '../../main/source';
import { s3SettingsSchema, type ReportResult, type S3Settings } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { reportDefinitionSchema } from '../../shared/report-definition';
import { QUARTERLY_BOARD_PACK } from '../../shared/report-templates';
import { emptySqliteBank } from '../support/banks';
import { startS3 } from '../support/report-s3rver';
import { tempDir } from '../support/temp';

/**
 * Report storage against a real S3-protocol server (s3rver) started here: encrypted uploads with
 * metadata, listing, presigned links that download the same bytes, expired links refused, the errors a
 * user sees, and the outbox that holds an upload while S3 cannot be reached.
 * Only AWS itself is out of reach: s3rver stands in for it, and does not check signatures or KMS keys.
 */

const BUCKET = 'bank-reports';
const definition = reportDefinitionSchema.parse({ ...QUARTERLY_BOARD_PACK.definition, period: { kind: 'quarter', year: 1997, quarter: 4 } });

describe('reports in S3 (s3rver)', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let bank: Bank;
  let store: MetricStore;
  let settings: S3Settings;
  let result: ReportResult;
  const dir = tempDir('report-s3-');

  beforeAll(async () => {
    s3 = await startS3(BUCKET);
    bank = await emptySqliteBank(dir.path);
    store = { bank, source: 'bank', rollups: false, timeZone: 'Europe/Prague', asOf: Date.UTC(1998, 0, 5) };
    settings = s3SettingsSchema.parse({ bucket: BUCKET, prefix: 'board-packs/', region: 'eu-central-1', endpoint: s3.endpoint });
    result = await runReport(definition, { store, ask: (q) => queryMetric(store, q), bankName: 'Česká spořitelna test', author: 'Jiří Novák' });
  }, 60_000);
  afterAll(async () => {
    await bank.close();
    await s3.close();
    dir.remove();
  });

  it('uploads every format with server-side encryption and the report’s metadata, and lists them back', async () => {
    const client = s3Client(settings);
    const puts: Record<string, string>[] = [];
    // Observes the requests the real client sends (the server does not echo encryption headers back).
    client.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { method?: string; headers?: Record<string, string> };
        if (req.method === 'PUT' && req.headers) puts.push({ ...req.headers });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordPuts' },
    );
    const b = openReportBucket(settings, client);
    const keys = await publishReport(b, result);
    expect(Object.keys(keys).sort()).toEqual(['csv', 'json', 'pdf', 'xlsx']);
    expect(puts).toHaveLength(4);
    for (const h of puts) {
      expect(h['x-amz-server-side-encryption']).toBe('AES256');
      expect(h['x-amz-meta-report-id']).toBe(result.id);
      expect(h['x-amz-meta-period']).toBe('1997-Q4');
    }
    const listed = await b.list();
    expect(listed.map((o) => o.key).sort()).toEqual(Object.values(keys).sort());
    expect(new Set(listed.map((o) => o.reportId))).toEqual(new Set([result.id]));
    expect(listed.find((o) => o.key === keys.pdf)?.format).toBe('pdf');
    const pdf = await b.get(keys.pdf ?? '');
    expect(pdf.meta).toMatchObject({ 'report-id': result.id, period: '1997-Q4', author: 'Jiří Novák', format: 'pdf' });
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    b.destroy();
  });

  it('asks for the KMS key when encrypting with KMS', async () => {
    const kms = { ...settings, encryption: 'aws:kms' as const, kmsKeyId: 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' };
    const client = s3Client(kms);
    const headers: Record<string, string>[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        headers.push({ ...((args.request as { headers?: Record<string, string> }).headers ?? {}) });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordKms' },
    );
    const b = openReportBucket(kms, client);
    await b.put('board-packs/reports/x/kms-check.json', Buffer.from('{}'), 'application/json', { reportId: result.id, period: '1997-Q4', author: 'a', format: 'json' });
    expect(headers[0]?.['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(headers[0]?.['x-amz-server-side-encryption-aws-kms-key-id']).toBe(kms.kmsKeyId);
    await b.delete('board-packs/reports/x/kms-check.json');
    b.destroy();
  });

  it('shares through a presigned link that downloads the same file; an expired link is refused; links last at most 7 days', async () => {
    const b = openReportBucket(settings);
    const keys = await publishReport(b, result, ['xlsx']);
    const stored = await b.get(keys.xlsx ?? '');
    const link = await b.share(keys.xlsx ?? '', 3600);
    expect(new URL(link.url).searchParams.get('X-Amz-Expires')).toBe('3600');
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(stored.bytes)).toBe(true);

    // Signed two minutes ago for one minute: as a link looks the day after it ran out.
    const expired = await getSignedUrl(s3Client(settings), new GetObjectCommand({ Bucket: BUCKET, Key: keys.xlsx }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const refused = await fetch(expired);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Request has expired');

    await expect(b.share(keys.xlsx ?? '', 8 * 24 * 3600)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.get('other-team/secret.pdf')).rejects.toMatchObject({ code: 'VALIDATION' });
    b.destroy();
  });

  it('says what to fix: a missing bucket, and no AWS credentials in the chain', async () => {
    const missing = openReportBucket({ ...settings, bucket: 'no-such-bucket' });
    const e = await missing.list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'NOT_FOUND' });
    expect((e as Error).message).toContain('no-such-bucket');
    missing.destroy();

    const saved = { ...process.env };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_PROFILE;
    process.env.AWS_SHARED_CREDENTIALS_FILE = `${dir.path}/none-credentials`;
    process.env.AWS_CONFIG_FILE = `${dir.path}/none-config`;
    try {
      const b = openReportBucket(settings);
      const err = await b.list().catch((x: unknown) => x);
      expect(err).toMatchObject({ code: 'VALIDATION' });
      expect((err as Error).message).toContain('No AWS credentials');
      b.destroy();
    } finally {
      process.env = saved;
    }
  });

  it('keeps a report in the outbox while S3 cannot be reached and uploads it when it can', async () => {
    const history = new ReportHistory(dir.path);
    const ctx: CallContext = { session: { token: 't', userId: 1, username: 'manager', role: 'manager' }, transport: 'test', origin: 'test' };
    const reports = createReports({ history, store: async () => store, runner: IN_THREAD, bankName: 'Test bank', bank: store.bank, events: new EventHub(), log: silentLogger });
    // A port nothing listens on: the connection is refused, as on a train without network.
    await reports.handlers['settings.reportStorage.set']({ ...settings, endpoint: 'http://127.0.0.1:9' }, ctx);
    const { entry } = await reports.handlers['reports.generate']({ definition, store: true }, ctx);
    expect(entry.upload).toBe('pending');
    expect((await reports.handlers['reports.storage.get']({}, ctx)).outbox).toBe(1);
    await reports.handlers['settings.reportStorage.set'](settings, ctx);
    expect(await reports.flushOutbox()).toBe(true);
    const after = (await reports.handlers['reports.history']({}, ctx)).find((e) => e.id === entry.id);
    expect(after?.upload).toBe('uploaded');
    expect(Object.keys(after?.s3?.keys ?? {}).sort()).toEqual(['csv', 'json', 'pdf', 'xlsx']);
    const listed = await reports.handlers['reports.s3.list']({}, ctx);
    expect(listed.filter((o) => o.reportId === entry.id)).toHaveLength(4);
    reports.dispose();
  }, 60_000);
});
