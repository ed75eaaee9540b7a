// RDS IAM database authentication: tokens from the AWS credential chain and the MySQL client plugin
// that sends them. Small on purpose: the cache's sync worker loads it without the rest of main/.
export { iamClearPasswordPlugin } from './auth-plugin';
export {
  awsSdkSigner,
  CachedIamTokenProvider,
  IAM_TOKEN_LIFETIME_MS,
  IAM_TOKEN_REFRESH_AFTER_MS,
  rdsIamTokenProvider,
  type CachedIamTokenOptions,
  type IamTokenProvider,
  type IamTokenRequest,
  type SignerFactory,
  type TokenSigner,
} from './token-provider';
