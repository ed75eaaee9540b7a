import type { PoolOptions } from 'mysql2';
import { iamClearPasswordPlugin, type IamTokenProvider, type IamTokenRequest } from '../rds-iam';
import { ConnectionSetupError } from './classify-error';

export type { IamTokenProvider, IamTokenRequest } from '../rds-iam';

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

/** The clear-text token plugin for a profile's pool; a signing failure says what to check. */
export function iamAuthPlugins(provider: IamTokenProvider, req: IamTokenRequest): NonNullable<PoolOptions['authPlugins']> {
  return iamClearPasswordPlugin(provider, req, (e) =>
    e instanceof ConnectionSetupError
      ? e
      : new ConnectionSetupError(
          'IAM_TOKEN',
          `Could not get an IAM token for ${req.username} in ${req.region}: ${e instanceof Error ? e.message : String(e)}. Check your AWS credentials (profile, SSO session or role).`,
        ),
  );
}
