export { backoffDelay, DEFAULT_BACKOFF, retryWithBackoff, sleep, type BackoffPolicy, type RetryOptions } from './backoff';
export { classifyConnectionError, ConnectionSetupError, type AttemptContext, type ClassifiedError } from './classify-error';
export { credentialFor } from './credentials';
export { connectionHandlers, type ConnectionDeps } from './handlers';
export { iamAuthPlugins, unavailableIamProvider, type IamTokenProvider, type IamTokenRequest } from './iam';
export {
  classifierFor,
  connectionStoreFor,
  openActiveProfile,
  openProfileBanks,
  pingBank,
  waitForBank,
  type ProfileBanks,
} from './open-profile';
export {
  CONNECT_TIMEOUT_MS,
  createMysqlPool,
  describeUrl,
  endpointOf,
  mysqlPoolOptions,
  type ConnectionSettings,
  type Credential,
  type EndpointRole,
} from './pool-options';
export { BANK_READ_TABLES, BANK_WRITES, checkPrivileges, excessGrantWarnings } from './privileges';
export { ConnectionStore, type StoredProfile } from './profile-store';
export { Reconnector, type LinkState, type ReconnectorOptions } from './reconnect';
export { testConnection, type TestOptions } from './test-connection';
export {
  awsSdkSigner,
  CachedIamTokenProvider,
  IAM_TOKEN_LIFETIME_MS,
  IAM_TOKEN_REFRESH_AFTER_MS,
  rdsIamTokenProvider,
  type SignerFactory,
  type TokenSigner,
} from '../rds-iam';
export { readCaFile, tlsOptions } from './tls-options';
export { openWorkerBanks, workerSettingsFromEnv, WORKER_DB_ENV, type WorkerBanks } from './worker-bank';
