import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from './store';

/**
 * A 256-bit database key, generated once per workstation and kept on disk only sealed by the
 * secret store (OS keychain through safeStorage on the desktop; the key file in the browser
 * edition). `what` names the database in error messages ("cache", "embedded bank").
 */
export function loadOrCreateSealedKey(sealedFile: string, secrets: SecretStore, what: string): Buffer {
  if (existsSync(sealedFile)) return loadSealedKey(sealedFile, secrets, what);
  const key = randomBytes(32);
  mkdirSync(dirname(sealedFile), { recursive: true, mode: 0o700 });
  writeFileSync(sealedFile, secrets.encrypt(key.toString('hex')), { mode: 0o600, flag: 'wx' });
  return key;
}

/** The key sealed in `sealedFile`; throws when it is missing, damaged or sealed by another store. */
export function loadSealedKey(sealedFile: string, secrets: SecretStore, what: string): Buffer {
  const key = Buffer.from(secrets.decrypt(readFileSync(sealedFile, 'utf8').trim()), 'hex');
  if (key.length !== 32) throw new Error(`The sealed ${what} key in ${sealedFile} is damaged.`);
  return key;
}
