import { dialog, safeStorage } from 'electron';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import { KeychainUnavailableError, safeStorageSecretStore } from './safe-storage-secrets';

/**
 * The OS keychain store when the machine has one. When it has none, the user decides — never
 * silently — between the runtime's key-file store (a random key in a file only their account can
 * read, as the browser edition uses) and quitting. Returns undefined for the key file, null to quit.
 */
export async function chooseSecretStore(log: Logger): Promise<SecretStore | undefined | null> {
  try {
    return safeStorageSecretStore(safeStorage);
  } catch (e) {
    if (!(e instanceof KeychainUnavailableError)) throw e;
    log.warn('OS keychain unavailable', { reason: e.message });
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: 'No system keychain',
      message: 'CloudBank Analytics cannot keep its keys in your system keychain.',
      detail:
        `${e.message}\n\nYou can continue with a key file in your CloudBank profile folder, readable only by your ` +
        'user account. Anyone who can read that folder can read the cached data.',
      buttons: ['Continue with a key file', 'Quit'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (response !== 0) return null;
    log.warn("continuing with the key-file secret store at the user's request");
    return undefined;
  }
}
