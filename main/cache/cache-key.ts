import { loadOrCreateSealedKey, type SecretStore } from '../secrets';

/**
 * The cache's 256-bit key, generated once per workstation and stored only sealed by the secret
 * store (OS keychain through safeStorage on the desktop; the key file in the browser edition).
 */
export function loadOrCreateCacheKey(sealedFile: string, secrets: SecretStore): Buffer {
  return loadOrCreateSealedKey(sealedFile, secrets, 'cache');
}
