// Worker-thread entry: the cache's single writer. The UI process never waits on SQLite writes.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { createConnection } from 'mysql2';
import { iamClearPasswordPlugin, rdsIamTokenProvider } from '../rds-iam';
import { applyDatabaseKey, MYSQL_VALUE_OPTIONS } from '../source';
import { AdaptiveDelay } from './adaptive-delay';
import { openCacheDatabase, prepareCacheSchema } from './open-cache';
import { mysqlReader, sqliteReader, type SourceReader } from './source-reader';
import { SyncEngine } from './sync-engine';
import type { SyncWorkerData, WorkerMessage } from './sync-worker-protocol';

const data = workerData as SyncWorkerData;
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
/** An idle live sync over a source without a change marker (MySQL) still reads it every 5 s: the freshness the status shows stays within that. */
const IDLE_INTERVAL_MS = 5000;
/**
 * Over a source with a change marker (the embedded bank) a change is seen within the fast pace anyway;
 * the idle interval only re-marks the tables fresh, a write to the encrypted cache: twice a minute is
 * plenty for "as of" (stale only after 10 minutes) and keeps an idle workstation's CPU near zero.
 */
const MARKED_IDLE_INTERVAL_MS = 30_000;
/** Even a source whose change marker stays put is read in full this often (a full round of the demo bank costs ~0.1 s of CPU). */
const FULL_ROUND_MS = 300_000;

/**
 * The write-ahead log may grow to this many pages (256 MB of 4 KB pages) before a round's own commit
 * checkpoints it; otherwise the worker checkpoints when a look finds the bank unchanged. A live round of
 * 10,000 transactions dirties about 20,000 pages of summaries: with SQLite's default (1,000 pages) it
 * checkpointed mid-round, and the new rows became visible ~0.6 s later than they could.
 */
const WAL_BOUND_PAGES = 65_536;

let stopping = false;
let interrupt: (() => void) | null = null;
parentPort?.on('message', (m: unknown) => {
  if (m === 'stop') {
    stopping = true;
    interrupt?.();
  }
});

/** A wait that 'stop' cuts short, so closing the app never waits out an idle interval. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      interrupt = null;
      resolve();
    };
    const timer = setTimeout(done, ms);
    interrupt = done;
  });
}

/**
 * How often the change marker is read while nothing changes: from the fast pace, doubling up to this.
 * Reading it is a pragma, but each look wakes this thread; twice a second for a whole idle day was
 * most of an idle workstation's CPU. A change seen brings the fast pace back at once, so a booking
 * made on an idle workstation reaches the cache within this, and every one after it within the fast pace.
 */
const MARKER_IDLE_MS = 2000;
let markerStep = 0;

/**
 * Waits up to `ms` before the next round; true when the source says it changed since `marker` (read
 * before the last round began, so a commit made during that round still counts). The marker is read
 * at the fast pace while data moves and less often, up to MARKER_IDLE_MS, while it does not.
 */
async function waitForWork(source: SourceReader, marker: number | undefined, ms: number, fastMs: number): Promise<boolean> {
  for (let waited = 0; waited < ms && !stopping;) {
    markerStep = Math.min(Math.max(fastMs, MARKER_IDLE_MS), Math.max(fastMs, markerStep));
    const step = marker === undefined ? ms - waited : Math.min(markerStep, ms - waited);
    await sleep(step);
    waited += step;
    if (marker !== undefined && source.changeMarker?.() !== marker) {
      markerStep = fastMs;
      return true;
    }
    markerStep *= 2;
  }
  return marker === undefined;
}

function openSource(): SourceReader {
  if (data.source.kind === 'sqlite') {
    const db = new Database(data.source.file, { readonly: true, fileMustExist: true });
    if (data.source.keyHex) applyDatabaseKey(db, Buffer.from(data.source.keyHex, 'hex'));
    return sqliteReader(db);
  }
  const iam = data.source.iam ? { authPlugins: iamClearPasswordPlugin(rdsIamTokenProvider(), data.source.iam) } : {};
  const conn = createConnection({ ...data.source.options, uri: data.source.url, ...iam, ...MYSQL_VALUE_OPTIONS });
  return mysqlReader(conn);
}

async function main(): Promise<void> {
  const cache = openCacheDatabase(data.cacheFile, Buffer.from(data.keyHex, 'hex'));
  await prepareCacheSchema(cache);
  cache.pragma(`wal_autocheckpoint = ${WAL_BOUND_PAGES}`);
  // A log grown by a busy stretch is cut back to 64 MB when it restarts, not kept at its largest on disk.
  cache.pragma('journal_size_limit = 67108864');
  const source = openSource();
  const engine = new SyncEngine(cache, source, { batchSize: data.batchSize, overlap: data.overlap, onProgress: (p) => post({ type: 'progress', progress: p }) });
  const fastMs = Math.max(1, data.intervalMs ?? 1);
  const idleMs = data.idleIntervalMs ?? (source.changeMarker ? MARKED_IDLE_INTERVAL_MS : IDLE_INTERVAL_MS);
  const delay = new AdaptiveDelay(fastMs, Math.max(fastMs, idleMs));
  let lastRound = 0;
  try {
    let changed = true;
    let marker: number | undefined;
    do {
      // A source with a change marker that did not move is not read at all: its tables are marked
      // fresh instead, and a full round still runs now and then in case the marker ever misses one.
      if (changed || Date.now() - lastRound >= FULL_ROUND_MS) {
        marker = source.changeMarker?.();
        const result = await engine.syncAll();
        lastRound = Date.now();
        post({ type: 'round', result });
        if (data.intervalMs === null) break;
        const moved = result.rows > 0 || result.deleted > 0;
        if (moved) markerStep = fastMs;
        else engine.checkpointIfPending();
        changed = await waitForWork(source, marker, delay.next(moved), fastMs);
      } else {
        engine.markFresh();
        engine.checkpointIfPending();
        changed = await waitForWork(source, marker, delay.next(false), fastMs);
      }
    } while (!stopping);
  } finally {
    await source.close();
    cache.close();
  }
}

main().then(
  () => post({ type: 'done' }),
  (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code ?? null }),
);
