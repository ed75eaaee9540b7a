// Worker-thread entry: the cache's single writer. The UI process never waits on SQLite writes.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { createConnection } from 'mysql2';
import { MYSQL_VALUE_OPTIONS } from '../source';
import { openCacheDatabase, prepareCacheSchema } from './open-cache';
import { mysqlReader, sqliteReader, type SourceReader } from './source-reader';
import { SyncEngine } from './sync-engine';
import type { SyncWorkerData, WorkerMessage } from './sync-worker-protocol';

const data = workerData as SyncWorkerData;
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
let stopping = false;
parentPort?.on('message', (m: unknown) => {
  if (m === 'stop') stopping = true;
});

function openSource(): SourceReader {
  if (data.source.kind === 'sqlite') return sqliteReader(new Database(data.source.file, { readonly: true, fileMustExist: true }));
  const conn = createConnection({ ...data.source.options, uri: data.source.url, ...MYSQL_VALUE_OPTIONS });
  return mysqlReader(conn);
}

async function main(): Promise<void> {
  const cache = openCacheDatabase(data.cacheFile, Buffer.from(data.keyHex, 'hex'));
  await prepareCacheSchema(cache);
  const source = openSource();
  const engine = new SyncEngine(cache, source, { batchSize: data.batchSize, overlap: data.overlap, onProgress: (p) => post({ type: 'progress', progress: p }) });
  try {
    do {
      const result = await engine.syncAll();
      post({ type: 'round', result });
      if (data.intervalMs === null) break;
      await new Promise((r) => setTimeout(r, data.intervalMs ?? 0));
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
