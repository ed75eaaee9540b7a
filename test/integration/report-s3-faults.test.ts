import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../main/dispatch';
import { EventHub } from '../../main/events';
import { silentLogger } from '../../main/log';
import { IN_THREAD, type MetricStore } from '../../main/metrics';
import { createReports, ReportHistory, type ReportsService } from '../../main/reports';
import type { Bank } from '../../main/source';
import { s3SettingsSchema, type S3Settings } from '../../shared/contract';
import { reportDefinitionSchema } from '../../shared/report-definition';
import { QUARTERLY_BOARD_PACK } from '../../shared/report-templates';
import { emptySqliteBank } from '../support/banks';
import { startS3 } from '../support/report-s3rver';
import { S3FaultProxy } from '../support/s3-fault-proxy';
import { tempDir } from '../support/temp';

const BUCKET = 'bank-reports';
const definition = reportDefinitionSchema.parse({ ...QUARTERLY_BOARD_PACK.definition, period: { kind: 'quarter', year: 1997, quarter: 4 } });
const ctx: CallContext = { session: { token: 't', userId: 1, username: 'manager', role: 'manager' }, transport: 'test', origin: 'test' };

/**
 * Issue 14 part B, faults during a report upload (a proxy between the app and a real S3-protocol
 * server): the connection cut in the middle of the report's files, and S3 answering 500/503. The
 * report stays in the outbox with a clear message, is uploaded whole when S3 is back, and no
 * half-report is left behind: every format under the report's keys, each once.
 */
describe('report upload faults', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let proxy: S3FaultProxy;
  let bank: Bank;
  let store: MetricStore;
  let settings: S3Settings;
  let reports: ReportsService;
  const dir = tempDir('report-s3-faults-');

  beforeAll(async () => {
    s3 = await startS3(BUCKET);
    proxy = new S3FaultProxy(s3.endpoint);
    await proxy.up();
    bank = await emptySqliteBank(dir.path);
    store = { bank, source: 'bank', rollups: false, timeZone: 'Europe/Prague', asOf: Date.UTC(1998, 0, 5) };
    settings = s3SettingsSchema.parse({ bucket: BUCKET, prefix: 'board-packs/', region: 'eu-central-1', endpoint: proxy.url });
    const history = new ReportHistory(dir.path);
    await history.setStorage(settings);
    reports = createReports({ history, store: async () => store, runner: IN_THREAD, bankName: 'Test bank', bank, events: new EventHub(), log: silentLogger });
  }, 60_000);
  afterAll(async () => {
    reports?.dispose();
    await proxy?.close();
    await bank?.close();
    await s3?.close();
    dir.remove();
  });

  const objectsOf = async (reportId: string) => (await reports.handlers['reports.s3.list']({}, ctx)).filter((o) => o.reportId === reportId);
  const entryOf = async (id: string) => (await reports.handlers['reports.history']({}, ctx)).find((e) => e.id === id);

  it('the connection cut during the second file: the report waits in the outbox, then uploads whole, each file once', async () => {
    proxy.fault = { kind: 'cut-at-put', n: 2 };
    const { entry } = await reports.handlers['reports.generate']({ definition, store: true }, ctx);
    expect(entry.upload).toBe('pending');
    expect(entry.uploadError).toMatch(/cannot be reached.*outbox/);
    expect((await reports.handlers['reports.storage.get']({}, ctx)).outbox).toBeGreaterThanOrEqual(1);
    // Still down: the retry keeps it pending and says S3 is unreachable.
    expect(await reports.flushOutbox()).toBe(false);
    expect((await entryOf(entry.id))?.upload).toBe('pending');
    proxy.heal();
    expect(await reports.flushOutbox()).toBe(true);
    const after = await entryOf(entry.id);
    expect(after?.upload).toBe('uploaded');
    expect(Object.keys(after?.s3?.keys ?? {}).sort()).toEqual(['csv', 'json', 'pdf', 'xlsx']);
    const objects = await objectsOf(entry.id);
    expect(objects.map((o) => o.key).sort()).toEqual(Object.values(after?.s3?.keys ?? {}).sort());
  }, 120_000);

  it('S3 answering 503 SlowDown or 500 InternalError: kept in the outbox (a passing fault), uploaded when S3 recovers', async () => {
    for (const status of [503, 500]) {
      proxy.heal();
      proxy.fault = { kind: 'status', status };
      const { entry } = await reports.handlers['reports.generate']({ definition, store: true }, ctx);
      expect(entry.upload, `after ${status}`).toBe('pending');
      expect(entry.uploadError).toMatch(/S3 is not available now|cannot be reached/);
      proxy.heal();
      expect(await reports.flushOutbox()).toBe(true);
      const after = await entryOf(entry.id);
      expect(after?.upload).toBe('uploaded');
      expect((await objectsOf(entry.id)).length).toBe(4);
    }
  }, 180_000);
});
