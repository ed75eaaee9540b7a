import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';

/** The first 16 bytes of every plaintext SQLite file; an encrypted file starts with random salt instead. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Sets the SQLCipher v4 cipher and a raw 256-bit key on a connection before its first read, as the
 * cache does, and proves the key by reading the schema. Throws (connection still open) when the
 * key is wrong or the file is damaged: SQLite then reports "file is not a database".
 */
export function applyDatabaseKey(db: Database.Database, key: Buffer): void {
  if (key.length !== 32) throw new Error('A database key must be 32 bytes.');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  db.prepare('select count(*) from sqlite_master').get();
}

/**
 * Opens `file` with `key` applied. A wrong key or a damaged file closes the connection again and
 * throws `wrongKey()`, an error that tells the user what to do about it (the cache's, the bank's).
 */
export function openKeyedDatabase(file: string, key: Buffer, wrongKey: () => Error): Database.Database {
  if (key.length !== 32) throw new Error('A database key must be 32 bytes.');
  const db = new Database(file);
  try {
    applyDatabaseKey(db, key);
  } catch {
    db.close();
    throw wrongKey();
  }
  return db;
}

/** Encrypts an open plaintext connection's file in place with `key` (SQLite3 Multiple Ciphers' rekey). */
export function encryptDatabase(db: Database.Database, key: Buffer): void {
  if (key.length !== 32) throw new Error('A database key must be 32 bytes.');
  // Rekey cannot run in WAL mode: fold the WAL into the file and use a rollback journal meanwhile.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`rekey = "x'${key.toString('hex')}'"`);
}

/** Whether `file` is a plaintext SQLite database (anyone who can read it can read every row). */
export function isPlaintextSqlite(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}
