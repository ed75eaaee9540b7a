// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine;
// fakeSafeStorage stands in for the OS keychain (a reversible transform, never the plaintext).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../main/log';
import { KeychainUnavailableError, SAFE_STORAGE_PREFIX, safeStorageSecretStore } from '../../../main/electron/safe-storage-secrets';
import { chooseSecretStore } from '../../../main/electron/secret-store-choice';
import { fakeElectron, fakeSafeStorage, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

beforeEach(resetFakeElectron);

describe('safeStorage secret store', () => {
  it.each<NodeJS.Platform>(['darwin', 'win32', 'linux'])('round-trips on %s and never stores the plaintext', (platform) => {
    const store = safeStorageSecretStore(fakeSafeStorage, platform);
    expect(store.kind).toBe('os-keychain');
    for (const secret of ['JBSWY3DPEHPK3PXP', 'p@ss wörd ✓ 🔑', '']) {
      const sealed = store.encrypt(secret);
      expect(sealed.startsWith(SAFE_STORAGE_PREFIX)).toBe(true);
      expect(sealed.slice(SAFE_STORAGE_PREFIX.length)).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      if (secret) expect(sealed).not.toContain(secret);
      expect(store.decrypt(sealed)).toBe(secret);
    }
  });

  it.each<NodeJS.Platform>(['darwin', 'win32', 'linux'])('refuses on %s when encryption is unavailable', (platform) => {
    fakeSafeStorage.available = false;
    expect(() => safeStorageSecretStore(fakeSafeStorage, platform)).toThrow(KeychainUnavailableError);
  });

  it('refuses the Linux basic_text fallback even though Electron reports encryption as available', () => {
    fakeSafeStorage.backend = 'basic_text';
    expect(fakeSafeStorage.isEncryptionAvailable()).toBe(true);
    expect(() => safeStorageSecretStore(fakeSafeStorage, 'linux')).toThrow(/No system keyring.*--password-store/s);
  });

  it('accepts the Linux keyrings (libsecret, KWallet)', () => {
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const) {
      fakeSafeStorage.backend = backend;
      expect(safeStorageSecretStore(fakeSafeStorage, 'linux').kind).toBe('os-keychain');
    }
  });

  it('refuses to be created before the app is ready (backend "unknown")', () => {
    fakeSafeStorage.backend = 'unknown';
    expect(() => safeStorageSecretStore(fakeSafeStorage, 'linux')).toThrow(/before the app was ready/);
  });

  it('does not consult the Linux backend on other platforms', () => {
    const spy = vi.spyOn(fakeSafeStorage, 'getSelectedStorageBackend');
    safeStorageSecretStore(fakeSafeStorage, 'win32');
    expect(spy).not.toHaveBeenCalled();
  });

  it('explains a value sealed by another store or a damaged one', () => {
    const store = safeStorageSecretStore(fakeSafeStorage, 'darwin');
    expect(() => store.decrypt('kf1:AAAA')).toThrow(/not sealed by the OS keychain/);
    expect(() => store.decrypt(SAFE_STORAGE_PREFIX + Buffer.from('garbage').toString('base64'))).toThrow(/could not decrypt/);
  });
});

describe('choosing the secret store at start', () => {
  it('uses the keychain without asking when it is available', async () => {
    const store = await chooseSecretStore(silentLogger);
    expect(store?.kind).toBe('os-keychain');
    expect(fakeElectron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('asks the user when there is no keychain, and quits by default', async () => {
    fakeSafeStorage.available = false;
    await expect(chooseSecretStore(silentLogger)).resolves.toBeNull();
    expect(fakeElectron.dialog.showMessageBox).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ type: 'warning', defaultId: 1, cancelId: 1, buttons: ['Continue with a key file', 'Quit'] }),
    );
  });

  it('falls back to the runtime key file only when the user chooses it', async () => {
    fakeSafeStorage.available = false;
    fakeElectron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    await expect(chooseSecretStore(silentLogger)).resolves.toBeUndefined();
  });
});
