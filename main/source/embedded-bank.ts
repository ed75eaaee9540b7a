import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { loadOrCreateSealedKey, type SecretStore } from '../secrets';
import { applyDatabaseKey, encryptDatabase, isPlaintextSqlite } from './cipher';
import { BankKeyError } from './open';

/** Where an embedded bank and its sealed key live (main/settings dataPaths names them). */
export interface EmbeddedBankFiles {
  file: string;
  sealedKey: string;
}

/**
 * The embedded bank's 256-bit key, sealed by the secret store like the cache's (issue 14, finding 7).
 * Created on first use; but an encrypted bank whose sealed key is gone cannot be read with a new
 * key, so that case fails with the reason instead of silently creating one.
 */
export function embeddedBankKey(files: EmbeddedBankFiles, secrets: SecretStore): Buffer {
  if (!existsSync(files.sealedKey) && existsSync(files.file) && statSync(files.file).size > 0 && !isPlaintextSqlite(files.file)) {
    throw new BankKeyError(files.file);
  }
  return loadOrCreateSealedKey(files.sealedKey, secrets, 'embedded bank');
}

/** Every file SQLite may keep for a database. */
export function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/**
 * Encrypts a plaintext embedded bank left by an earlier version. The encrypted copy is built in a
 * side file, proven to open with the key, and renamed over the original only then: a crash midway
 * leaves the plaintext bank as it was, and the next start tries again. Returns whether it encrypted.
 * The old file's blocks are freed, not wiped: backups and free disk space may still hold them.
 */
export function encryptPlaintextBank(file: string, key: Buffer): boolean {
  if (!existsSync(file) || statSync(file).size === 0 || !isPlaintextSqlite(file)) return false;
  const side = `${file}.encrypting`;
  for (const f of sqliteFiles(side)) rmSync(f, { force: true });
  // Fold the WAL into the file so the copy holds every committed row.
  const plain = new Database(file, { fileMustExist: true });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }
  copyFileSync(file, side);
  chmodSync(side, 0o600);
  const enc = new Database(side, { fileMustExist: true });
  try {
    encryptDatabase(enc, key);
  } finally {
    enc.close();
  }
  const check = new Database(side, { fileMustExist: true });
  try {
    applyDatabaseKey(check, key);
    const ok: unknown = check.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new Error(`The encrypted copy of ${file} failed its integrity check (${String(ok)}); the plaintext bank was left as it was.`);
    check.pragma('journal_mode = WAL');
  } finally {
    check.close();
  }
  renameSync(side, file);
  for (const f of sqliteFiles(file).slice(1)) rmSync(f, { force: true });
  return true;
}
