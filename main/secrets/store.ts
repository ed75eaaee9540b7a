/**
 * Encrypts small secrets (MFA seeds, database passwords) before they touch disk.
 * Electron: backed by the OS keychain through `safeStorage`. Browser edition: a key file in the data dir.
 */
export interface SecretStore {
  readonly kind: 'os-keychain' | 'key-file';
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}
