import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, MysqlDialect, SqliteDialect } from 'kysely';
import { createPool, type PoolOptions } from 'mysql2';
import { applyDatabaseKey, openKeyedDatabase } from './cipher';
import type { SqlDialect } from './dialect';
import type { BankDatabase } from './schema';
import { withStatementCache } from './statement-cache';

export interface Bank {
  readonly db: Kysely<BankDatabase>;
  readonly dialect: SqlDialect;
  /** Present for the embedded bank: bulk loaders use prepared statements directly. */
  readonly sqlite: Database.Database | null;
  /** Human description for logs and the UI; never contains a password. */
  readonly describe: string;
  /** How another thread opens this same embedded bank (its own connection); absent for MySQL and in-memory banks. */
  readonly reopen?: EmbeddedFileRef;
  close(): Promise<void>;
}

/** An embedded bank file and its raw key (hex) when encrypted: plain data, so it crosses into a worker thread. */
export interface EmbeddedFileRef {
  file: string;
  keyHex?: string;
}

export class BankKeyError extends Error {
  constructor(readonly file: string) {
    super(
      `The embedded bank ${file} cannot be opened with this workstation's key: it was encrypted with another key (a copied data folder, a reset keychain) or is damaged. ` +
        'Restore the data folder with its keys folder, or delete the bank file to generate a new demo bank (its data is lost).',
    );
    this.name = 'BankKeyError';
  }
}

/**
 * An embedded bank file. With `key` (the app's own banks) the file is SQLCipher-encrypted like the
 * cache, and a wrong key fails here with BankKeyError; without one (temporary banks of tests,
 * benchmarks and evaluations) it is plain SQLite.
 */
export function openSqliteBank(file: string, key?: Buffer): Bank {
  const sqlite = key ? openKeyedDatabase(file, key, () => new BankKeyError(file)) : new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const reopen = file === ':memory:' || file === '' ? undefined : { file, ...(key ? { keyHex: key.toString('hex') } : {}) };
  return sqliteBank(sqlite, `embedded bank ${file}`, reopen);
}

/** A Bank over an open SQLite connection, its statements reused by their text: tellers' postings and the screens ask the same few questions all day. */
function sqliteBank(sqlite: Database.Database, describe: string, reopen: EmbeddedFileRef | undefined): Bank {
  const db = new Kysely<BankDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, describe, ...(reopen ? { reopen } : {}), close: () => db.destroy() };
}

/**
 * A second, read-only connection to an embedded bank file for the same thread's reads. Kysely runs every
 * statement of one SQLite connection through one lock, and a write transaction (a teller's posting)
 * holds it across its awaits: reads on the writer's connection queued behind every pending posting.
 * WAL lets this connection read beside the writer, and each statement sees what has been committed
 * (a posting answered to its teller is visible here at once). Null for in-memory banks and MySQL.
 */
export function openSqliteReadBank(bank: Bank): Bank | null {
  if (!bank.reopen) return null;
  return sqliteBank(openReadOnlyBankFile(bank.reopen), bank.describe, bank.reopen);
}

/**
 * A read-only connection to an embedded bank for another thread. The bank's writer keeps WAL mode, so
 * this reader never blocks it and sees committed data as of each statement.
 */
export function openReadOnlyBankFile(ref: EmbeddedFileRef): Database.Database {
  const sqlite = new Database(ref.file, { readonly: true, fileMustExist: true });
  if (ref.keyHex) applyDatabaseKey(sqlite, Buffer.from(ref.keyHex, 'hex'));
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/** How values come back from MySQL; every pool onto a bank uses exactly these, whoever builds its other options. */
export const MYSQL_VALUE_OPTIONS = {
  // Money is BIGINT minor units; SUM() comes back as DECIMAL: return both as JS numbers (exact below 2^53).
  decimalNumbers: true,
  supportBigNumbers: true,
  bigNumberStrings: false,
  timezone: 'Z',
  dateStrings: true,
} as const satisfies PoolOptions;

/**
 * `mysql://user:pass@host:port/db`. `poolOptions` (from a connection profile: TLS, credentials, timeouts)
 * override what the URL says; the value options above always win so every bank reads money alike.
 */
export function openMysqlBank(url: string, poolSize = 10, poolOptions: PoolOptions = {}): Bank {
  const parsed = new URL(url);
  if (parsed.protocol !== 'mysql:') throw new Error(`Expected a mysql:// URL, got ${parsed.protocol}//…`);
  const pool = createPool({ uri: url, connectionLimit: poolSize, ...poolOptions, ...MYSQL_VALUE_OPTIONS });
  const db = new Kysely<BankDatabase>({ dialect: new MysqlDialect({ pool }) });
  parsed.password = '';
  return { db, dialect: 'mysql', sqlite: null, describe: `MySQL ${parsed.host}${parsed.pathname}`, close: () => db.destroy() };
}
