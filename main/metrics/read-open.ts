import Database from 'better-sqlite3-multiple-ciphers';
import { cacheKysely, openCacheDatabase } from '../cache';
import { openReadOnlyBankFile, type Bank } from '../source';
import type { ReadStoreRef } from './read-protocol';

/** Page cache per read connection, as the cache's own connections use: hot rollups and indexes stay in memory. */
const CACHE_PAGES = 'cache_size = -32768';

/**
 * A read-only connection for a worker: the cache through its own opener (key, cipher settings) and
 * then `query_only`, so this thread can never write; the embedded bank opened read-only by SQLite.
 * The bank's writers (the main process, the cache's sync worker) keep WAL mode, so these readers never
 * block them and always see committed data.
 */
export function openReadConnection(ref: ReadStoreRef): Bank {
  let sqlite: Database.Database;
  if (ref.kind === 'cache') {
    sqlite = openCacheDatabase(ref.file, Buffer.from(ref.keyHex, 'hex'));
    sqlite.pragma('query_only = ON');
  } else {
    sqlite = openReadOnlyBankFile(ref);
    sqlite.pragma(CACHE_PAGES);
  }
  const db = cacheKysely(sqlite);
  return { db, dialect: 'sqlite', sqlite, describe: `${ref.kind === 'cache' ? 'cache' : 'embedded bank'} ${ref.file} (read worker)`, close: () => db.destroy() };
}

/** One connection per file per worker, opened on first use and kept for the worker's life. */
export function readConnections(): (ref: ReadStoreRef) => Bank {
  const open = new Map<string, Bank>();
  return (ref) => {
    const key = `${ref.kind}:${ref.file}`;
    let bank = open.get(key);
    if (!bank) {
      bank = openReadConnection(ref);
      open.set(key, bank);
    }
    return bank;
  };
}
