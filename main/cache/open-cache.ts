import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest, MUTABLE_TABLES, openKeyedDatabase, withStatementCache, type BankDatabase } from '../source';
import { DEFAULT_BANK_ZONE } from '../../shared/bank-time';
import { CACHE_DDL } from './cache-schema';
import { recordedRollups, registerBankDay } from './rollups';

export class CacheKeyError extends Error {
  constructor(file: string) {
    super(`The cache ${file} cannot be opened with this key: it was written with another key or is damaged. Delete it to rebuild it from the bank.`);
  }
}

/**
 * Opens the encrypted cache (SQLCipher format, 256-bit raw key). Without the right key the file is
 * indistinguishable from noise: SQLite reports "file is not a database".
 */
export function openCacheDatabase(file: string, key: Buffer): Database.Database {
  const db = openKeyedDatabase(file, key, () => new CacheKeyError(file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // The cache copies tables in watermark order, not dependency order: no foreign keys here.
  db.pragma('foreign_keys = OFF');
  // 32 MB page cache per connection: the rollups and indexes keep hot sets small, and two
  // connections (reader + sync writer) must stay well inside a laptop's memory budget.
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  // Rollup triggers call bank_day(): any connection that writes rows must place them in the zone the
  // rollups were built in (the sync worker re-registers it with the bank's zone every round).
  registerBankDay(db, recordedRollups(db).zone ?? DEFAULT_BANK_ZONE);
  return db;
}

/** The cache holds the bank's logical schema (same migrations) plus its own bookkeeping tables. */
export async function prepareCacheSchema(db: Database.Database): Promise<void> {
  const k = new Kysely<BankDatabase>({ dialect: new SqliteDialect({ database: db }) });
  await migrateToLatest(k, 'sqlite');
  // Tombstone triggers belong to the source: in the cache, applying a deletion must not record another.
  for (const t of MUTABLE_TABLES) db.exec(`drop trigger if exists ${t}_tombstone`);
  db.exec(CACHE_DDL);
}

/** Kysely over a cache (or embedded bank) connection, reusing prepared statements (see ../source/statement-cache.ts). */
export function cacheKysely(db: Database.Database): Kysely<BankDatabase> {
  return new Kysely<BankDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(db) }) });
}
