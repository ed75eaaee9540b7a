import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { CacheKeyError } from './open-cache';

/**
 * The cache is a copy of the bank, so a damaged or deleted one is rebuilt rather than fatal: the
 * workstation starts, copies the bank again and tells the user why. The damaged file is moved aside,
 * never deleted — writes made offline wait in its outbox and a support engineer may still recover them.
 */

/** SQLite's codes for a file that is not (or no longer) a readable database. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

export function isCacheDamage(e: unknown): boolean {
  if (e instanceof CacheKeyError) return true;
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : null;
  return typeof code === 'string' && DAMAGE_CODES.has(code);
}

/** The damage in words for the notice. */
export function damageReason(e: unknown): string {
  if (e instanceof CacheKeyError) return 'it was written with another key, or it is damaged';
  return e instanceof Error ? e.message : String(e);
}

/** Written when damage is found while running: the next start checks the whole file before trusting it. */
export function damageMarker(cacheFile: string): string {
  return `${cacheFile}.damaged`;
}

export function markCacheDamaged(cacheFile: string, reason: string): void {
  writeFileSync(damageMarker(cacheFile), `${new Date().toISOString()} ${reason}\n`, { mode: 0o600 });
}

/** SQLite's page-by-page check; costs a read of the whole file, so it runs only after damage was seen. */
export function integrityProblem(db: Database.Database): string | null {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
  return problems.length ? problems.join('; ') : null;
}

/** Moves the cache and its WAL side files aside (`cache.db.damaged-<time>`); returns the new name. */
export function moveCacheAside(cacheFile: string, now = new Date()): string {
  const aside = `${cacheFile}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(cacheFile + suffix)) renameSync(cacheFile + suffix, aside + suffix);
  rmSync(damageMarker(cacheFile), { force: true });
  return aside;
}

/** A deleted cache may leave its WAL behind; a fresh file must not start next to another file's log. */
export function removeOrphanSideFiles(cacheFile: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(cacheFile + suffix, { force: true });
}
