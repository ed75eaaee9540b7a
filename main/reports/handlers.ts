import { randomUUID } from 'node:crypto';
import type { CallContext, PartialHandlers } from '../dispatch';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import type { MetricRunner, MetricStore } from '../metrics';
import type { Bank } from '../source';
import { reportResultSchema, type ReportEntry, type ReportResult, type S3Settings } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { type ReportDefinition } from '../../shared/report-definition';
import { REPORT_TEMPLATES } from '../../shared/report-templates';
import { cloudRequestSchema, cloudStatusSchema, requestKey, statusKey } from './cloud-request';
import type { ReportHistory } from './history';
import { publishReport } from './publish';
import { renderReport } from './render';
import { runReport } from './run';
import { openReportBucket, type ReportBucket } from './s3-store';
import { storageSettingsHandlers, type StorageSettingsMethod } from './storage-settings';

export type ReportsMethod =
  | 'reports.templates'
  | 'reports.preview'
  | 'reports.generate'
  | 'reports.history'
  | 'reports.open'
  | 'reports.export'
  | 'reports.storage.get'
  | 'reports.s3.upload'
  | 'reports.s3.list'
  | 'reports.s3.open'
  | 'reports.s3.delete'
  | 'reports.s3.share'
  | 'reports.cloud.request'
  | 'reports.cloud.status'
  | StorageSettingsMethod;

/** A history entry for a report just built (here or in the cloud): what it is comes from the result, where it is kept from the caller. */
function entryOf(result: ReportResult, kept: Pick<ReportEntry, 'where' | 's3' | 'upload' | 'uploadError'>): ReportEntry {
  return {
    id: result.id,
    title: result.title,
    period: result.period.key,
    author: result.author,
    generatedAt: result.generatedAt,
    asOf: result.asOf,
    source: result.source,
    definition: result.definition,
    ...kept,
  };
}

export interface ReportsDeps {
  history: ReportHistory;
  /** Where analytics read now (cache first): reports generate offline from the cache. */
  store: () => Promise<MetricStore>;
  runner: MetricRunner;
  bankName: string;
  /** Where the audit chain lives: a change of the S3 storage settings is recorded there. */
  bank: Bank;
  events: EventHub;
  log: Logger;
  /** Opens the bucket for settings; tests and the runtime use the real client. */
  bucket?: (s: S3Settings) => ReportBucket;
  clock?: () => number;
}

/** Generating is heavy (a dozen metric questions): two at a time on a workstation, the rest wait their turn. */
const MAX_RUNNING = 2;

export interface ReportsService {
  handlers: PartialHandlers<ReportsMethod>;
  /** Uploads the reports waiting in the outbox; false when S3 could not be reached. */
  flushOutbox(): Promise<boolean>;
  /** Retries the outbox every `ms` until disposed. */
  startOutbox(ms?: number): void;
  dispose(): void;
}

export function createReports(deps: ReportsDeps): ReportsService {
  const clock = deps.clock ?? Date.now;
  const open = deps.bucket ?? ((s: S3Settings) => openReportBucket(s));
  let running = 0;
  const waiting: (() => void)[] = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<boolean> | null = null;

  const slot = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };

  const run = (def: ReportDefinition, ctx: CallContext, jobId?: string): Promise<ReportResult> =>
    slot(async () => {
      const store = await deps.store();
      const token = ctx.session.token;
      return runReport(def, {
        store,
        ask: (q) => deps.runner.query(store, q, ctx.signal),
        bankName: deps.bankName,
        author: ctx.session.username,
        now: clock(),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onProgress: (done, total, step) => {
          if (token && jobId) deps.events.toSession(token, 'reports.progress', { jobId, done, total, step });
        },
      });
    });

  const bucket = async (): Promise<ReportBucket> => {
    const s = await deps.history.storage();
    if (!s) throw new AppError('VALIDATION', 'Report storage is not set up: an administrator enters the S3 bucket, prefix and region under Settings → Report storage.');
    return open(s);
  };

  /** Uploads one report's files; offline it stays pending in the outbox, other failures are recorded and said. */
  const upload = async (id: string): Promise<ReportEntry> => {
    const b = await bucket();
    try {
      const result = await deps.history.result(id);
      const keys = await publishReport(b, result);
      return await deps.history.update(id, (e) => ({ ...e, s3: { bucket: b.settings.bucket, keys }, upload: 'uploaded', uploadError: null }));
    } catch (e) {
      const offline = e instanceof AppError && e.code === 'OFFLINE';
      await deps.history.update(id, (x) => ({ ...x, upload: offline ? 'pending' : 'failed', uploadError: e instanceof Error ? e.message : String(e) }));
      throw e;
    } finally {
      b.destroy();
    }
  };

  const flushOutbox = (): Promise<boolean> => {
    flushing ??= (async () => {
      try {
        const pending = (await deps.history.list()).filter((e) => e.upload === 'pending');
        for (const e of pending.reverse()) {
          try {
            await upload(e.id);
          } catch (err) {
            if (err instanceof AppError && err.code === 'OFFLINE') return false;
            deps.log.warn('report upload failed', { id: e.id, error: err instanceof Error ? err.message : String(err) });
          }
        }
        return true;
      } finally {
        flushing = null;
      }
    })();
    return flushing;
  };

  const handlers: PartialHandlers<ReportsMethod> = {
    'reports.templates': async () => REPORT_TEMPLATES.map((t) => ({ id: t.id, name: t.name, description: t.description, definition: t.definition })),
    'reports.preview': async (input, ctx) => run(input.definition, ctx),
    'reports.generate': async (input, ctx) => {
      const result = await run(input.definition, ctx, input.jobId);
      const storage = await deps.history.storage();
      let entry = entryOf(result, { where: 'desktop', s3: null, upload: input.store && storage ? 'pending' : 'none', uploadError: null });
      entry = await deps.history.add(entry, result);
      if (entry.upload === 'pending') {
        try {
          entry = await upload(entry.id);
        } catch (e) {
          // Kept and said on the entry; offline it waits in the outbox.
          entry = await deps.history.entry(entry.id);
          if (!(e instanceof AppError && e.code === 'OFFLINE')) deps.log.warn('report upload failed', { id: entry.id, error: e instanceof Error ? e.message : String(e) });
        }
      }
      return { entry, result };
    },
    'reports.history': async () => deps.history.list(),
    'reports.open': async (input) => ({ entry: await deps.history.entry(input.id), result: await deps.history.result(input.id) }),
    'reports.export': async (input) => {
      const f = await renderReport(await deps.history.result(input.id), input.format);
      return { filename: f.filename, mimeType: f.mimeType, base64: f.bytes.toString('base64') };
    },
    'reports.storage.get': async () => ({ settings: await deps.history.storage(), outbox: (await deps.history.list()).filter((e) => e.upload === 'pending').length }),
    ...storageSettingsHandlers({ history: deps.history, bank: deps.bank, onSaved: () => void flushOutbox().catch(() => undefined) }),
    'reports.s3.upload': async (input) => upload(input.id),
    'reports.s3.list': async () => {
      const b = await bucket();
      try {
        return await b.list();
      } finally {
        b.destroy();
      }
    },
    'reports.s3.open': async (input) => {
      const b = await bucket();
      try {
        const o = await b.get(input.key);
        return { filename: input.key.slice(input.key.lastIndexOf('/') + 1), mimeType: o.contentType, base64: o.bytes.toString('base64') };
      } finally {
        b.destroy();
      }
    },
    'reports.s3.delete': async (input) => {
      const b = await bucket();
      try {
        await b.delete(input.key);
        return { deleted: true };
      } finally {
        b.destroy();
      }
    },
    'reports.s3.share': async (input) => {
      const b = await bucket();
      try {
        return await b.share(input.key, input.expiresInSeconds);
      } finally {
        b.destroy();
      }
    },
    'reports.cloud.request': async (input, ctx) => {
      const b = await bucket();
      try {
        const requestId = randomUUID();
        const request = cloudRequestSchema.parse({ requestId, definition: input.definition, author: ctx.session.username, requestedAt: clock() });
        const key = requestKey(b.settings, requestId);
        await b.put(key, Buffer.from(JSON.stringify(request)), 'application/json', { reportId: requestId, period: 'request', author: request.author, format: 'request' });
        return { requestId, key };
      } finally {
        b.destroy();
      }
    },
    'reports.cloud.status': async (input) => {
      const b = await bucket();
      try {
        let raw: Buffer;
        try {
          raw = (await b.get(statusKey(b.settings, input.requestId))).bytes;
        } catch (e) {
          if (e instanceof AppError && e.code === 'NOT_FOUND') return { state: 'waiting' as const, message: null, entry: null };
          throw e;
        }
        const status = cloudStatusSchema.parse(JSON.parse(raw.toString('utf8')));
        if (status.state === 'failed' || !status.reportId || !status.keys.json)
          return { state: 'failed' as const, message: status.message ?? 'The cloud build failed.', entry: null };
        const known = (await deps.history.list()).find((e) => e.id === status.reportId);
        if (known) return { state: 'done' as const, message: null, entry: known };
        const result = reportResultSchema.parse(JSON.parse((await b.get(status.keys.json)).bytes.toString('utf8')));
        const entry = await deps.history.add(
          entryOf(result, { where: 'cloud', s3: { bucket: b.settings.bucket, keys: status.keys }, upload: 'uploaded', uploadError: null }),
          result,
        );
        return { state: 'done' as const, message: null, entry };
      } finally {
        b.destroy();
      }
    },
  };

  return {
    handlers,
    flushOutbox,
    startOutbox(ms = 60_000) {
      if (timer) return;
      timer = setInterval(() => void flushOutbox().catch(() => undefined), ms);
      timer.unref();
    },
    dispose() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
