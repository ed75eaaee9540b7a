import type { PoolOptions } from 'mysql2';
import { ConnectionSetupError } from './classify-error';

export interface IamTokenRequest {
  hostname: string;
  port: number;
  username: string;
  region: string;
}

/**
 * Issues RDS IAM authentication tokens (valid 15 minutes). The production implementation is
 * rdsIamTokenProvider() in ./rds-signer (@aws-sdk/rds-signer over the standard AWS credential
 * chain, tokens reused for 10 minutes); tests pass their own.
 */
export interface IamTokenProvider {
  getAuthToken(req: IamTokenRequest): Promise<string>;
}

/** For callers that have no AWS credentials to offer (tests, tools): says plainly why IAM cannot work, instead of pretending. */
export const unavailableIamProvider: IamTokenProvider = {
  getAuthToken() {
    return Promise.reject(
      new ConnectionSetupError(
        'IAM_UNAVAILABLE',
        'IAM authentication is not available here: this tool was started without an AWS token signer (@aws-sdk/rds-signer). Use password authentication.',
      ),
    );
  },
};

/**
 * An RDS IAM user authenticates with AWSAuthenticationPlugin, which asks the client to switch to
 * mysql_clear_password and send the token. Supplying the plugin ourselves (a) enables clear-text
 * auth only for IAM profiles, whose TLS is always verified, and (b) fetches a fresh token for every
 * new pool connection: a token fixed at pool creation would expire after 15 minutes.
 */
export function iamAuthPlugins(provider: IamTokenProvider, req: IamTokenRequest): NonNullable<PoolOptions['authPlugins']> {
  return {
    mysql_clear_password: () => async () => {
      let token: string;
      try {
        token = await provider.getAuthToken(req);
      } catch (e) {
        if (e instanceof ConnectionSetupError) throw e;
        throw new ConnectionSetupError('IAM_TOKEN', `Could not get an IAM token for ${req.username} in ${req.region}: ${e instanceof Error ? e.message : String(e)}. Check your AWS credentials (profile, SSO session or role).`);
      }
      return Buffer.from(`${token}\0`);
    },
  };
}
