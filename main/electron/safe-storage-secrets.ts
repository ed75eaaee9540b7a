import type { SafeStorage } from 'electron';
import type { SecretStore } from '../secrets';

/** Marks values sealed by the OS keychain, so a value from another store fails with a clear message. */
export const SAFE_STORAGE_PREFIX = 'ss1:';

/** Thrown when this machine cannot keep secrets in an OS keychain. main.ts asks the user what to do. */
export class KeychainUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeychainUnavailableError';
  }
}

type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;

/**
 * A SecretStore backed by Electron safeStorage (Keychain on macOS, DPAPI on Windows, libsecret or
 * KWallet on Linux). Call after the app is ready.
 *
 * Uses the synchronous safeStorage calls, deprecated in favour of the async ones, because the
 * SecretStore interface the runtime uses is synchronous; Electron 45 still ships them. Moving to the
 * async calls means making SecretStore async first.
 *
 * Refuses rather than degrading: on Linux with no keyring Electron "encrypts" with a key hardcoded
 * in Chromium (the basic_text backend), which would look like keychain protection and not be it.
 */
export function safeStorageSecretStore(safeStorage: SafeStorageApi, platform: NodeJS.Platform = process.platform): SecretStore {
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'unknown') {
      throw new Error('safeStorage was used before the app was ready; create the secret store inside app.whenReady().');
    }
    if (backend === 'basic_text') {
      throw new KeychainUnavailableError(
        'No system keyring was found (Electron would fall back to storing secrets with a fixed, publicly known key). ' +
          'Install and unlock GNOME Keyring or KWallet, or start with --password-store=gnome-libsecret or --password-store=kwallet5.',
      );
    }
  }
  if (!safeStorage.isEncryptionAvailable()) {
    throw new KeychainUnavailableError(
      platform === 'darwin'
        ? 'The macOS Keychain is not available to CloudBank Analytics. Unlock your login keychain and start the app again.'
        : 'The operating system cannot encrypt secrets for CloudBank Analytics right now (safeStorage is unavailable).',
    );
  }
  return {
    kind: 'os-keychain',
    encrypt(plain) {
      return SAFE_STORAGE_PREFIX + safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(sealed) {
      if (!sealed.startsWith(SAFE_STORAGE_PREFIX)) {
        throw new Error('This secret was not sealed by the OS keychain (it may come from the key-file store of the browser edition).');
      }
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(SAFE_STORAGE_PREFIX.length), 'base64'));
      } catch (e) {
        throw new Error(
          'The OS keychain could not decrypt a stored secret: the keychain entry may have been reset or this data dir comes from another user or machine. ' +
            `(${e instanceof Error ? e.message : String(e)})`,
        );
      }
    },
  };
}
