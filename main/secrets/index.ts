export type { SecretStore } from './store';
export { fileKeySecretStore } from './file-key-store';
export { makeDataDirPrivate } from './private-data-dir';
export { loadOrCreateSealedKey, loadSealedKey } from './sealed-key';
