import type { ConnectionAuth } from '../../shared/contract';
import type { SecretStore } from '../secrets';
import { ConnectionSetupError } from './classify-error';
import type { IamTokenProvider } from './iam';
import type { Credential } from './pool-options';

/**
 * Turns what is stored (or typed) into something a pool can authenticate with. The plain password
 * exists only in memory, for as long as the pool or the test needs it; it is never logged or returned.
 */
export function credentialFor(
  profile: { auth: ConnectionAuth; sealedPassword?: string | undefined },
  secrets: SecretStore,
  iam: IamTokenProvider,
  typedPassword?: string,
): Credential {
  if (profile.auth === 'iam') return { kind: 'iam', provider: iam };
  if (typedPassword) return { kind: 'password', password: typedPassword };
  if (!profile.sealedPassword) throw new ConnectionSetupError('PASSWORD_MISSING', 'Enter the database password.');
  try {
    return { kind: 'password', password: secrets.decrypt(profile.sealedPassword) };
  } catch {
    // Sealed by another key (the desktop keychain vs the browser edition's key file, or a new OS profile).
    throw new ConnectionSetupError(
      'PASSWORD_UNSEALABLE',
      'The saved password cannot be unsealed on this computer (it was saved by another edition or user account). Enter it again and save.',
    );
  }
}
