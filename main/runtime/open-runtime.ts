import { adminHandlers, AuthService, authHandlers, DEMO_PASSWORD, DEMO_USERS, ensureDemoUsers, SessionStore } from '../auth';
import { auditHandlers } from '../audit';
import { bankingHandlers } from '../banking';
import { fraudCaseHandlers } from '../fraud-cases';
import { catalogHandlers } from '../catalog';
import { customerHandlers } from '../customers';
import { existsSync } from 'node:fs';
import { LiveCache, syncHandlers, type SyncWorkerData } from '../cache';
import { connectionHandlers, connectionStoreFor } from '../connections';
import { dashboardHandlers } from '../dashboard';
import { createFraudReview, ruleChangeHandlers } from '../fraud-review';
import { alertNotice, PUSH_RISK, startFraudMonitor } from '../fraud';
import { createMetricReader, metricsHandlers, metricStore, ReadPool, SavedViews, type ReadFiles } from '../metrics';
import { createReports, ReportHistory } from '../reports';
import { createCompliance, evaluateMonitors, startMonitorWatch } from '../compliance';
import { createDispatcher, WriteTurns, type Dispatch, type Handlers } from '../dispatch';
import { EventHub } from '../events';
import { contract, isMethodName, type ReadPolicy } from '../../shared/contract';
import { consoleLogger } from '../log';
import { fileKeySecretStore, makeDataDirPrivate } from '../secrets';
import { dataPaths } from '../settings';
import { isLinkError, openSqliteReadBank, storageFullMessage, type Bank } from '../source';
import { startAuditSealer } from './audit-sealer';
import { openBank } from './open-bank';
import type { Runtime, RuntimeInfo, RuntimeOptions } from './types';

const DEFAULT_IDLE_MS = 15 * 60 * 1000;

/** Opens the configured bank (generating the demo bank on first start) and wires the runtime over it. */
export async function openRuntime(opts: RuntimeOptions): Promise<Runtime> {
  // Before anything is written there: the bank, the cache and the key files are the owner's alone.
  makeDataDirPrivate(opts.dataDir);
  const secrets = opts.secrets ?? fileKeySecretStore(dataPaths(opts.dataDir).keyFile);
  const opened = await openBank(opts, secrets);
  try {
    return await createRuntime(opened.bank, opened.mode, { ...opts, secrets, syncSource: opened.syncSource }, opened.close);
  } catch (e) {
    await opened.close();
    throw e;
  }
}

/** The embedded bank's key as the read workers need it: the same one its sync source carries. */
function embeddedKey(source: SyncWorkerData['source'] | null | undefined): { keyHex?: string } {
  return source?.kind === 'sqlite' && source.keyHex ? { keyHex: source.keyHex } : {};
}

/** Wires an open bank, auth, audit and every capability's handlers behind one dispatcher. */
export async function createRuntime(
  bank: Bank,
  mode: RuntimeInfo['mode'],
  opts: Omit<RuntimeOptions, 'mysqlUrl' | 'demo' | 'onProgress'> & { syncSource?: SyncWorkerData['source'] | null },
  closeSource: () => Promise<void> = () => bank.close(),
): Promise<Runtime> {
  const log = opts.log ?? consoleLogger('runtime');
  const secrets = opts.secrets ?? fileKeySecretStore(dataPaths(opts.dataDir).keyFile);
  const bankNameRow = await bank.db.selectFrom('bank_meta').select('value').where('key', '=', 'bank_name').executeTakeFirst();
  const info: RuntimeInfo = {
    mode,
    bankName: bankNameRow?.value ?? (mode === 'demo' ? 'CloudBank Demo' : 'CloudBank'),
    source: bank.describe,
    demoCredentials: mode === 'demo' ? { password: DEMO_PASSWORD, users: DEMO_USERS } : null,
  };
  const sessions = new SessionStore(opts.idleTimeoutMs ?? DEFAULT_IDLE_MS, Date.now, opts.sessionMaxMs);
  const events = new EventHub();
  const auth = new AuthService({ bank, sessions, secrets, bankName: info.bankName, ...(opts.signInLimits ? { signInLimits: opts.signInLimits } : {}) });
  if (mode === 'demo') await ensureDemoUsers(auth);

  // New bookings copied by the cache's sync wake the live fraud monitor from its idle back-off (set below).
  let nudgeFraudMonitor = (): void => undefined;
  let nudgeComplianceWatch = (): void => undefined;
  // The encrypted local copy: kept live by its worker, and where reads go when the bank is unreachable.
  const cache = opts.syncSource
    ? await LiveCache.open({
        dataDir: opts.dataDir,
        secrets,
        source: opts.syncSource,
        sourceName: info.source,
        sourceBank: bank,
        log,
        onStatus: (s) => events.broadcast('sync.status', s),
        onData: (tables) => {
          events.broadcast('data.changed', { tables });
          if (tables.includes('entries')) nudgeFraudMonitor();
          if (tables.some((t) => t === 'entries' || t.startsWith('compliance') || t === 'fraud_cases' || t === 'ctr_reports')) nudgeComplianceWatch();
        },
      })
    : null;
  const offline = (): boolean => cache !== null && !cache.isOnline;
  // Where a read goes, by the policy its method declares in the contract (ReadPolicy): one rule for
  // every capability, with the cache's age whenever the answer comes from it.
  // Reads of the embedded bank take their own connection, so a screen never waits behind tellers' postings.
  const readBank = openSqliteReadBank(bank) ?? bank;
  const readSide = (policy: ReadPolicy): { bank: Bank; asOf: number | null } => {
    if (!cache || policy === 'bank' || policy === 'local' || (policy === 'cache-offline' && !offline())) return { bank: readBank, asOf: null };
    const from = cache.reader();
    return from === bank ? { bank: readBank, asOf: null } : { bank: from, asOf: cache.status().asOf };
  };
  // Analytics (dashboard, explorer, monitors, reports) read cache first through the metric layer.
  const analyticsStore = () => metricStore(bank, cache, Date.now());
  // Banking, customers, fraud review and compliance worklists: the bank while it answers (a balance
  // must include the posting just made), the cache only when it does not, saying how old it is.
  const bankOrOffline = () => readSide('cache-offline');

  // Metric and explorer reads over SQLite (the cache, the embedded bank) run in worker threads, each
  // with its own read-only connection: SQLite is synchronous, and the main process must only route.
  // The cache's key comes from the opened cache (loaded once there), not from the secret store again.
  const readFiles: ReadFiles = {
    cache: cache ? cache.readWorkerFile() : null,
    embedded: bank.sqlite && existsSync(bank.sqlite.name) ? { file: bank.sqlite.name, bank, ...embeddedKey(opts.syncSource) } : null,
  };
  const readPool = opts.readWorkers !== 0 && (readFiles.cache || readFiles.embedded) ? new ReadPool({ size: opts.readWorkers, warm: true }) : null;
  const metricReader = createMetricReader({ pool: readPool, files: readFiles });

  // Fraud review: writes allowed offline (notes, assignments, dismissals) go through the cache's outbox.
  const fraudReview = createFraudReview({ bank, readSide: bankOrOffline, offline, cache, events });
  // Compliance monitors on the metric layer; corrective tasks go through the same outbox offline.
  const compliance = createCompliance({ bank, store: analyticsStore, runner: metricReader, readSide: bankOrOffline, offline, cache, events });
  // Reports: run through the same metric reader (cache first, so they generate offline); uploads to S3 wait in an outbox.
  const reports = createReports({ history: new ReportHistory(opts.dataDir), store: analyticsStore, runner: metricReader, bankName: info.bankName, bank, events, log });
  reports.startOutbox();
  const handlers: Handlers = {
    ...authHandlers(auth, info),
    ...adminHandlers(auth),
    ...dashboardHandlers({ store: analyticsStore, runner: metricReader }),
    ...syncHandlers(cache, info.source),
    ...auditHandlers(bank),
    ...bankingHandlers({ bank, readSide: bankOrOffline, bankName: info.bankName }),
    ...customerHandlers({ bank, reader: () => bankOrOffline().bank, asOf: () => bankOrOffline().asOf }),
    ...catalogHandlers({ bank, reader: () => readSide('cache-first').bank }),
    ...fraudReview.handlers,
    ...fraudCaseHandlers({ bank }),
    ...ruleChangeHandlers({ bank, readSide: bankOrOffline }),
    ...metricsHandlers({ store: analyticsStore, views: SavedViews.inDataDir(opts.dataDir), runner: metricReader }),
    ...connectionHandlers({ store: connectionStoreFor(opts.dataDir), secrets, bank }),
    ...reports.handlers,
    ...compliance.handlers,
  };
  // Money operations queue their audit entries; the sealer links them into the hash chain, every
  // second while writes come and backing off to twice a minute while none do. A call that changes
  // data wakes it, so a posting is in the chain about a second later.
  const sealer = startAuditSealer({ bank, offline, log });
  const route = createDispatcher(handlers, sessions, log, { isOffline: offline, isLinkError, storageFullMessage });
  // Calls that change data start one per event-loop turn (./dispatch/write-turns.ts): screens are not held behind a queue of postings.
  const writeTurns = new WriteTurns();
  const dispatch: Dispatch = async (req) => {
    const changes = isMethodName(req.method) && !('reads' in contract[req.method]);
    if (changes) await writeTurns.admit();
    const answer = await route(req);
    if (changes) sealer.nudge();
    return answer;
  };

  // Tell clients promptly when their session idles out, rather than on their next click.
  const sweeper = setInterval(
    () => {
      for (const token of sessions.sweep()) events.toSession(token, 'session.expired', { reason: 'Your session ended after a period without activity. Sign in again.' });
    },
    Math.min(30_000, Math.max(1000, Math.floor((opts.idleTimeoutMs ?? DEFAULT_IDLE_MS) / 4))),
  );
  sweeper.unref();

  // Live detection: new bookings scored within a second; high-risk alerts pushed to those who review them.
  const mayReviewFraud = (token: string): boolean => sessions.allows(token, 'fraud.view');
  const fraudMonitor =
    opts.liveFraudMonitor === false
      ? null
      : startFraudMonitor({
          bank,
          offline,
          ready: () => cache === null || cache.hasFullCopy,
          log,
          onAlerts: (created) => {
            events.broadcast('data.changed', { tables: ['fraud_alerts'] });
            for (const a of created.filter((x) => x.riskScore >= PUSH_RISK)) {
              void alertNotice(bank, a).then(
                (notice) => events.broadcastWhere(mayReviewFraud, 'fraud.alert', notice),
                () => undefined,
              );
            }
          },
        });

  if (fraudMonitor) nudgeFraudMonitor = () => fraudMonitor.nudge();

  // Compliance monitors re-evaluated after sync rounds that bring bookings (and every 15 minutes);
  // monitors entering warning or breach are pushed to those who act on compliance.
  const mayActOnCompliance = (token: string): boolean => sessions.allows(token, 'compliance.act');
  const complianceWatch =
    opts.liveFraudMonitor === false
      ? null
      : startMonitorWatch({
          evaluate: async () => evaluateMonitors({ store: await analyticsStore(), runner: metricReader }),
          ready: () => cache === null || cache.hasFullCopy,
          onTransitions: (list) => {
            for (const t of list) {
              const v = t.monitor.value;
              events.broadcastWhere(mayActOnCompliance, 'compliance.monitor', {
                id: t.monitor.id,
                name: t.monitor.name,
                status: t.monitor.status === 'breach' ? 'breach' : 'warning',
                from: t.from,
                value: v === null ? '—' : String(Math.round(v * 10_000) / 10_000),
                note: t.monitor.note,
              });
            }
          },
          onError: (e) => log.warn('compliance evaluation failed; retrying on the next round', { error: e instanceof Error ? e.message : String(e) }),
        });
  if (complianceWatch) nudgeComplianceWatch = () => complianceWatch.nudge();

  return {
    info,
    events,
    dispatch,
    isLiveSession: (token) => sessions.isLive(token),
    async close() {
      clearInterval(sweeper);
      fraudMonitor?.stop();
      fraudReview.dispose();
      compliance.dispose();
      complianceWatch?.stop();
      reports.dispose();
      await readPool?.close();
      await sealer.stop();
      await cache?.close();
      if (readBank !== bank) await readBank.close();
      await closeSource();
    },
  };
}
