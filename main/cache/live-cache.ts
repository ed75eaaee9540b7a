import { sql } from 'kysely';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SyncStatus } from '../../shared/contract';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import { storageFull, type Bank } from '../source';
import { isCacheDamage, markCacheDamaged } from './cache-recovery';
import { cacheKysely } from './open-cache';
import { openWorkstationCache } from './open-workstation-cache';
import { Outbox } from './outbox';
import type { SyncProgress } from './sync-engine';
import { startSyncWorker, type SyncWorkerData, type SyncWorkerHandle } from './sync-worker-client';

export interface LiveCacheOptions {
  dataDir: string;
  secrets: SecretStore;
  /** What the worker copies from: the demo bank file or a MySQL URL (the reader endpoint where there is one). */
  source: SyncWorkerData['source'];
  sourceName: string;
  /** The source as the runtime uses it; probed to tell online from offline. */
  sourceBank: Bank;
  onStatus: (s: SyncStatus) => void;
  onData: (tables: string[]) => void;
  log: Logger;
  pollMs?: number;
  healthMs?: number;
}

/**
 * The workstation's encrypted local copy: a live sync worker keeps it fresh while the bank is
 * reachable; when it is not, reads are served from here and the status says how old they are.
 */
export class LiveCache {
  private readonly db: Database.Database;
  private readonly bank: Bank;
  private worker: SyncWorkerHandle | null = null;
  private state: SyncStatus['state'] = 'starting';
  private error: string | null = null;
  private progress: SyncProgress | null = null;
  private online = true;
  private offlineReason: string | null = null;
  private health: NodeJS.Timeout | null = null;
  private restart: NodeJS.Timeout | null = null;
  private closed = false;
  /** Why the cache is being copied again (it was deleted or damaged); shown until the app restarts. */
  private notice: string | null = null;
  /** True once one complete copy exists; before that the cache must not answer questions. */
  private complete = false;
  /** Offline writes waiting for the bank (fraud review: notes, dispositions), in the cache file itself. */
  readonly outbox: Outbox;
  /** Called when the bank becomes reachable again (offline → online): outbox replay hooks in here. */
  private readonly reconnectListeners = new Set<() => void>();

  private constructor(
    private readonly opts: LiveCacheOptions,
    db: Database.Database,
    private readonly file: string,
    /** The cache's key, loaded once when it opened: the sync worker and the read workers open the file with it. */
    private readonly key: Buffer,
  ) {
    this.db = db;
    this.bank = { db: cacheKysely(db), dialect: 'sqlite', sqlite: db, describe: `cache ${file}`, close: async () => undefined };
    this.outbox = new Outbox(db);
  }

  /** Runs `listener` each time the bank becomes reachable again after being offline; returns the unsubscribe. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  static async open(opts: LiveCacheOptions): Promise<LiveCache> {
    const { db, file, key, emptied, notice } = await openWorkstationCache(opts.dataDir, opts.secrets, opts.source);
    if (emptied) opts.log.info('the cache held another bank: emptied for a fresh first copy');
    if (notice) opts.log.warn('the cache is rebuilt from the bank', { notice });
    const cache = new LiveCache(opts, db, file, key);
    cache.notice = notice;
    cache.startWorker();
    // A server can drop away at any moment; the embedded bank is a local file that does not, so an
    // idle workstation on it need not wake every 2 s to ask.
    cache.health = setInterval(() => void cache.checkSource(), opts.healthMs ?? (opts.source.kind === 'sqlite' ? 30_000 : 2000));
    cache.health.unref();
    return cache;
  }

  /**
   * Where read-only questions go: the local cache once its first full copy exists (fast, and at most
   * one sync round behind), the bank before that, and the cache again whenever the bank is unreachable.
   */
  reader(): Bank {
    if (!this.online) return this.bank;
    return this.complete ? this.bank : this.opts.sourceBank;
  }

  /**
   * The cache file and its key as the metric read workers open it (read-only, in their own threads): the
   * key the cache opened with, handed over rather than loaded from the secret store a second time.
   */
  readWorkerFile(): { file: string; keyHex: string } {
    return { file: this.file, keyHex: this.key.toString('hex') };
  }

  /** True once one complete copy exists (the first sync of a new workstation has finished). */
  get hasFullCopy(): boolean {
    return this.complete;
  }

  get isOnline(): boolean {
    return this.online;
  }

  status(): SyncStatus {
    const rows = this.db.prepare('select table_name, rows_total, last_synced_at from sync_state order by table_name').all() as {
      table_name: string;
      rows_total: number;
      last_synced_at: number | null;
    }[];
    const tables = rows.filter((r) => r.table_name !== 'row_deletions').map((r) => ({ table: r.table_name, rows: r.rows_total, lastSyncedAt: r.last_synced_at }));
    const times = tables.map((t) => t.lastSyncedAt);
    const asOf = times.length && times.every((t) => t !== null) ? Math.min(...(times as number[])) : null;
    return {
      source: this.online ? 'online' : 'offline',
      sourceName: this.opts.sourceName,
      offlineReason: this.offlineReason,
      state: this.state,
      error: this.error,
      notice: this.notice,
      progress: this.progress,
      asOf,
      tables,
    };
  }

  private publish(): void {
    this.opts.onStatus(this.status());
  }

  private startWorker(): void {
    if (this.closed || this.worker) return;
    const initial = (this.db.prepare("select initial_done from sync_state where table_name = 'entries'").get() as { initial_done: number } | undefined)?.initial_done !== 1;
    this.state = initial ? 'initial' : 'live';
    this.complete ||= !initial;
    this.error = null;
    let lastPublish = 0;
    const worker = startSyncWorker(
      { cacheFile: this.file, keyHex: this.key.toString('hex'), source: this.opts.source, intervalMs: this.opts.pollMs ?? 500, overlap: 200 },
      {
        onProgress: (p) => {
          this.progress = p;
          // Copy progress arrives per batch; a few updates a second are plenty for a progress bar. A summary
          // step is rare and may last minutes: each is shown.
          if (p.phase === 'summaries' || Date.now() - lastPublish > 250) {
            lastPublish = Date.now();
            this.publish();
          }
        },
        onRound: (r) => {
          const wasInitial = this.state === 'initial';
          this.state = 'live';
          this.complete = true;
          this.progress = null;
          const changed = Object.entries(r.tables)
            .filter(([, n]) => n > 0)
            .map(([t]) => t);
          if (changed.length) this.opts.onData(changed);
          if (changed.length || wasInitial) this.publish();
        },
      },
    );
    this.worker = worker;
    worker.finished.then(
      () => {
        this.worker = null;
        this.state = 'stopped';
      },
      (e: unknown) => {
        this.worker = null;
        if (this.closed) return;
        this.state = 'error';
        this.error = e instanceof Error ? e.message : String(e);
        this.opts.log.warn('cache sync stopped', { error: this.error });
        if (storageFull(e)) {
          this.error = `The disk that holds the local cache (${this.file}) is full: the copy is paused and resumes by itself once space is freed. Screens read from the bank meanwhile.`;
        } else if (isCacheDamage(e)) {
          // Reads and the read pool hold this file open: the rebuild happens at the next start, checked page by page.
          markCacheDamaged(this.file, this.error);
          this.error = `The local cache is damaged (${this.error}). Restart CloudBank Analytics to copy it again from the bank; until then screens may fail on cached data.`;
        }
        this.publish();
        // Try again shortly; while the source is down the health check keeps us offline meanwhile.
        this.restart = setTimeout(() => this.startWorker(), 5000);
        this.restart.unref();
      },
    );
    this.publish();
  }

  private async checkSource(): Promise<void> {
    let ok = true;
    let reason: string | null = null;
    try {
      await sql`select 1`.execute(this.opts.sourceBank.db);
    } catch (e) {
      ok = false;
      reason = `The bank (${this.opts.sourceName}) cannot be reached: ${e instanceof Error ? e.message : String(e)}. Showing cached data.`;
    }
    if (ok !== this.online) {
      this.online = ok;
      this.offlineReason = reason;
      this.opts.log.warn(ok ? 'bank reachable again' : 'bank unreachable: serving reads from the cache', { reason });
      this.publish();
      this.opts.onData(['*']);
      // Online again: let the outbox replay (listeners must not throw into the health check).
      if (ok) {
        for (const l of this.reconnectListeners) {
          try {
            l();
          } catch (e) {
            this.opts.log.warn('reconnect listener failed', { error: e instanceof Error ? e.message : String(e) });
          }
        }
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.health) clearInterval(this.health);
    if (this.restart) clearTimeout(this.restart);
    const w = this.worker;
    if (w) {
      w.stop();
      await Promise.race([w.finished.catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
      await w.terminate();
    }
    this.db.close();
  }
}
