import { sql } from 'kysely';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../secrets';
import { dataPaths } from '../settings';
import { openMysqlBank, type Bank } from '../source';
import { retryWithBackoff, type RetryOptions } from './backoff';
import { attemptContext, classifyConnectionError, type ClassifiedError } from './classify-error';
import { credentialFor } from './credentials';
import type { IamTokenProvider } from './iam';
import { CONNECT_TIMEOUT_MS, describeUrl, endpointOf, mysqlPoolOptions, type ConnectionSettings, type Credential, type EndpointRole } from './pool-options';
import { ConnectionStore, type StoredProfile } from './profile-store';
import { rdsIamTokenProvider } from '../rds-iam';

/**
 * A MySQL source opened from a profile: operations and the audit chain use `writer`; sync and
 * read-only queries use `reader`, which is the writer itself when no reader endpoint is set.
 */
export interface ProfileBanks {
  readonly profile: StoredProfile;
  readonly writer: Bank;
  readonly reader: Bank;
  close(): Promise<void>;
}

/** The profile store of a data dir (settings.json). */
export function connectionStoreFor(dataDir: string): ConnectionStore {
  return new ConnectionStore(dataPaths(dataDir).settings);
}

/** Opens pools for both endpoints. mysql2 pools connect lazily: nothing touches the network here. */
export function openProfileBanks(profile: StoredProfile, credential: Credential, opts: { readFile?: (path: string) => string } = {}): ProfileBanks {
  const open = (role: EndpointRole): Bank => openMysqlBank(describeUrl(profile, role), profile.poolSize, mysqlPoolOptions(profile, credential, { role, readFile: opts.readFile }));
  const writer = open('writer');
  let reader: Bank;
  try {
    reader = profile.readerHost ? open('reader') : writer;
  } catch (e) {
    void writer.close();
    throw e;
  }
  return {
    profile,
    writer,
    reader,
    async close() {
      await writer.close();
      if (reader !== writer) await reader.close();
    },
  };
}

/**
 * What the runtime calls at start: the active profile's banks, or null for the embedded demo bank.
 * Throws AppError for a profile that cannot even be set up (password not unsealable, CA file missing).
 */
export function openActiveProfile(opts: { dataDir: string; secrets: SecretStore; iam?: IamTokenProvider }): ProfileBanks | null {
  const profile = connectionStoreFor(opts.dataDir).active();
  if (!profile) return null;
  const ctx = attemptContext(profile, CONNECT_TIMEOUT_MS);
  try {
    return openProfileBanks(profile, credentialFor(profile, opts.secrets, opts.iam ?? rdsIamTokenProvider()));
  } catch (e) {
    const c = classifyConnectionError(e, ctx);
    throw new AppError('OFFLINE', `The connection "${profile.name}" cannot be opened: ${c.message}`);
  }
}

/** One round trip: for readiness checks and the Reconnector's probe. */
export async function pingBank(bank: Bank): Promise<void> {
  await sql`select 1`.execute(bank.db);
}

/** Classifies a failure on one endpoint of a profile, e.g. for the Reconnector's `classify`. */
export function classifierFor(s: ConnectionSettings, role: EndpointRole): (e: unknown) => ClassifiedError {
  const { host, port } = endpointOf(s, role);
  return (e) =>
    classifyConnectionError(e, { host, port, database: s.database, user: s.user, auth: s.auth, tlsMode: s.tls.mode, caFile: s.tls.caFile, timeoutMs: CONNECT_TIMEOUT_MS });
}

// Retrying cannot fix these: fail at once so the person sees what to change.
const PERMANENT = new Set(['wrong_password', 'tls', 'privileges', 'unknown_database']);

/** Waits for an endpoint with backoff (server starting, VPN coming up); permanent causes fail at once. */
export async function waitForBank(bank: Bank, classify: (e: unknown) => ClassifiedError, opts: RetryOptions = {}): Promise<void> {
  try {
    await retryWithBackoff(() => pingBank(bank), { maxAttempts: 6, ...opts, shouldRetry: (e) => !PERMANENT.has(classify(e).cause) });
  } catch (e) {
    throw new AppError('OFFLINE', classify(e).message);
  }
}
