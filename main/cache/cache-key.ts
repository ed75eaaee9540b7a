import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../secrets';

/**
 * The cache's 256-bit key, generated once per workstation and stored only sealed by the secret
 * store (OS keychain through safeStorage on the desktop; the key file in the browser edition).
 */
export function loadOrCreateCacheKey(sealedFile: string, secrets: SecretStore): Buffer {
  if (existsSync(sealedFile)) {
    const key = Buffer.from(secrets.decrypt(readFileSync(sealedFile, 'utf8').trim()), 'hex');
    if (key.length !== 32) throw new Error(`The sealed cache key in ${sealedFile} is damaged.`);
    return key;
  }
  const key = randomBytes(32);
  mkdirSync(dirname(sealedFile), { recursive: true });
  writeFileSync(sealedFile, secrets.encrypt(key.toString('hex')), { mode: 0o600, flag: 'wx' });
  return key;
}
