export type { SecretStore } from './store';
export { fileKeySecretStore } from './file-key-store';
