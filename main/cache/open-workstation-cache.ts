import type Database from 'better-sqlite3-multiple-ciphers';
import type { SecretStore } from '../secrets';
import { dataPaths } from '../settings';
import { bindCacheToSource, sourceIdentity } from './bind-source';
import { loadOrCreateCacheKey } from './cache-key';
import { openCacheDatabase, prepareCacheSchema } from './open-cache';
import type { SyncWorkerData } from './sync-worker-protocol';

export interface WorkstationCache {
  db: Database.Database;
  file: string;
  key: Buffer;
  /** The cache held another bank and was emptied for a fresh first copy. */
  emptied: boolean;
}

/** The data dir's encrypted cache, keyed by the secret store, schema current, bound to `source`. */
export async function openWorkstationCache(
  dataDir: string,
  secrets: SecretStore,
  source: SyncWorkerData['source'],
): Promise<WorkstationCache> {
  const paths = dataPaths(dataDir);
  const key = loadOrCreateCacheKey(paths.cacheKey, secrets);
  const db = openCacheDatabase(paths.cache, key);
  await prepareCacheSchema(db);
  const emptied = bindCacheToSource(db, sourceIdentity(source));
  return { db, file: paths.cache, key, emptied };
}
