import type { PoolOptions } from 'mysql2';
import type { IamTokenProvider, IamTokenRequest } from './token-provider';

/**
 * An RDS IAM user authenticates with AWSAuthenticationPlugin, which asks the client to switch to
 * mysql_clear_password and send the token. Supplying the plugin ourselves (a) enables clear-text
 * auth only for IAM connections, whose TLS is always verified, and (b) fetches a token for every
 * new connection: a token fixed when a pool is made would expire after 15 minutes.
 * `describeFailure` turns a signing failure into the caller's own error type.
 */
export function iamClearPasswordPlugin(
  provider: IamTokenProvider,
  req: IamTokenRequest,
  describeFailure: (e: unknown) => Error = (e) => (e instanceof Error ? e : new Error(String(e))),
): NonNullable<PoolOptions['authPlugins']> {
  return {
    mysql_clear_password: () => async () => {
      let token: string;
      try {
        token = await provider.getAuthToken(req);
      } catch (e) {
        throw describeFailure(e);
      }
      return Buffer.from(`${token}\0`);
    },
  };
}
