import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SecretStore } from '../secrets';
import { dataPaths } from '../settings';
import { bindCacheToSource, sourceIdentity } from './bind-source';
import { loadOrCreateCacheKey } from './cache-key';
import { damageMarker, damageReason, integrityProblem, isCacheDamage, moveCacheAside, removeOrphanSideFiles } from './cache-recovery';
import { openCacheDatabase, prepareCacheSchema } from './open-cache';
import type { SyncWorkerData } from './sync-worker-protocol';

export interface WorkstationCache {
  db: Database.Database;
  file: string;
  key: Buffer;
  /** The cache held another bank and was emptied for a fresh first copy. */
  emptied: boolean;
  /** Why the cache is being copied again from scratch (deleted or damaged), in words for the user; null when it opened whole. */
  notice: string | null;
}

async function openChecked(file: string, key: Buffer): Promise<Database.Database> {
  const db = openCacheDatabase(file, key);
  try {
    // Damage seen while running (./cache-recovery.ts) is confirmed page by page before the file is trusted again.
    if (existsSync(damageMarker(file))) {
      const problem = integrityProblem(db);
      if (problem) throw Object.assign(new Error(`database disk image is malformed: ${problem}`), { code: 'SQLITE_CORRUPT' });
      // Whole after all: trusted again, so the next start does not read the whole file once more.
      rmSync(damageMarker(file), { force: true });
    }
    await prepareCacheSchema(db);
    // Checkpoints belong to the sync worker, which defers them to quiet moments (./sync-worker.ts): a
    // small write here after a busy round must not copy that round's pages into the file on the UI thread.
    db.pragma('wal_autocheckpoint = 0');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * The data dir's encrypted cache, keyed by the secret store, schema current, bound to `source`. A cache
 * that was deleted, or that cannot be read, is copied again from the bank with a notice saying so.
 */
export async function openWorkstationCache(dataDir: string, secrets: SecretStore, source: SyncWorkerData['source']): Promise<WorkstationCache> {
  const paths = dataPaths(dataDir);
  // The key is made together with the first cache: a key without its cache means the cache was removed.
  const hadCache = existsSync(paths.cacheKey);
  const key = loadOrCreateCacheKey(paths.cacheKey, secrets);
  let notice: string | null = null;
  if (hadCache && !existsSync(paths.cache)) {
    removeOrphanSideFiles(paths.cache);
    notice = 'The local cache was missing (deleted or moved): it is being copied again from the bank. Screens read from the bank until the copy is complete.';
  }
  let db: Database.Database;
  try {
    db = await openChecked(paths.cache, key);
  } catch (e) {
    if (!isCacheDamage(e)) throw e;
    const aside = moveCacheAside(paths.cache);
    notice =
      `The local cache could not be read (${damageReason(e)}): it is being copied again from the bank. ` +
      `The damaged file is kept as ${aside}; writes made offline that had not reached the bank are in it.`;
    db = await openChecked(paths.cache, key);
  }
  const emptied = bindCacheToSource(db, sourceIdentity(source));
  return { db, file: paths.cache, key, emptied, notice };
}
