import { afterEach, describe, expect, it } from 'vitest';
import { awsSdkSigner, CachedIamTokenProvider, IAM_TOKEN_REFRESH_AFTER_MS, workerSettingsFromEnv, type IamTokenRequest } from '../../main/connections';

const REQ: IamTokenRequest = { hostname: 'bank.cluster-x.eu-central-1.rds.amazonaws.com', port: 3306, username: 'cloudbank_operations', region: 'eu-central-1' };

/** A signer that counts signatures; AWS itself cannot be reached here, so it stands in for it. */
function countingSigner(fail = false) {
  const calls: IamTokenRequest[] = [];
  return {
    calls,
    createSigner: (req: IamTokenRequest) => ({
      getAuthToken: async () => {
        calls.push(req);
        await Promise.resolve();
        if (fail) throw new Error('The SSO session associated with this profile has expired');
        return `token-${calls.length}`;
      },
    }),
  };
}

describe('CachedIamTokenProvider', () => {
  it('reuses a token for 10 minutes and signs a new one before the 15-minute expiry', async () => {
    let now = 1_000_000;
    const s = countingSigner();
    const p = new CachedIamTokenProvider({ createSigner: s.createSigner, now: () => now });
    expect(await p.getAuthToken(REQ)).toBe('token-1');
    now += IAM_TOKEN_REFRESH_AFTER_MS - 1;
    expect(await p.getAuthToken(REQ)).toBe('token-1');
    now += 1;
    expect(await p.getAuthToken(REQ)).toBe('token-2');
    expect(s.calls).toHaveLength(2);
  });

  it('signs once for a burst of parallel connections', async () => {
    const s = countingSigner();
    const p = new CachedIamTokenProvider({ createSigner: s.createSigner });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => p.getAuthToken(REQ)));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(s.calls).toHaveLength(1);
  });

  it('keeps tokens apart per user, endpoint and region', async () => {
    const s = countingSigner();
    const p = new CachedIamTokenProvider({ createSigner: s.createSigner });
    await p.getAuthToken(REQ);
    await p.getAuthToken({ ...REQ, username: 'cloudbank_reader' });
    await p.getAuthToken({ ...REQ, hostname: 'replica.eu-central-1.rds.amazonaws.com' });
    await p.getAuthToken({ ...REQ, region: 'eu-west-1' });
    expect(s.calls.map((c) => `${c.username}@${c.hostname}/${c.region}`)).toHaveLength(4);
  });

  it('does not cache a failure: the next connection tries again', async () => {
    const bad = countingSigner(true);
    const p = new CachedIamTokenProvider({ createSigner: bad.createSigner });
    await expect(p.getAuthToken(REQ)).rejects.toThrow(/SSO session/);
    await expect(p.getAuthToken(REQ)).rejects.toThrow(/SSO session/);
    expect(bad.calls).toHaveLength(2);
  });

  it('signs anew when the clock went backwards rather than trusting a token of unknown age', async () => {
    let now = 5_000_000;
    const s = countingSigner();
    const p = new CachedIamTokenProvider({ createSigner: s.createSigner, now: () => now });
    await p.getAuthToken(REQ);
    now -= 60_000;
    await p.getAuthToken(REQ);
    expect(s.calls).toHaveLength(2);
  });

  it('refuses a reuse window that reaches the token’s expiry', () => {
    expect(() => new CachedIamTokenProvider({ refreshAfterMs: 15 * 60_000 })).toThrow(/refreshAfterMs/);
    expect(() => new CachedIamTokenProvider({ refreshAfterMs: 0 })).toThrow(/refreshAfterMs/);
  });
});

describe('the AWS SDK signer over the default credential chain', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_EC2_METADATA_DISABLED',
    ]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('signs an RDS connect token locally from environment credentials (no network call)', async () => {
    // Example credentials from AWS's documentation: nothing is sent anywhere, signing is local HMAC.
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    process.env.AWS_CONFIG_FILE = '/nonexistent';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent';
    const token = await awsSdkSigner(REQ).getAuthToken();
    const url = new URL(`https://${token}`);
    expect(url.hostname).toBe(REQ.hostname);
    expect(url.port).toBe('3306');
    expect(url.searchParams.get('Action')).toBe('connect');
    expect(url.searchParams.get('DBUser')).toBe('cloudbank_operations');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-central-1\/rds-db\/aws4_request$/);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('worker database settings from the stack’s environment', () => {
  const env = { CLOUDBANK_DB_HOST: 'db.internal', CLOUDBANK_DB_NAME: 'cloudbank', CLOUDBANK_DB_USER: 'cloudbank_fraud_scan', AWS_REGION: 'eu-central-1' };
  it('IAM over RDS-verified TLS by default, a custom CA when given, the reader endpoint when set', () => {
    expect(workerSettingsFromEnv(env)).toMatchObject({ host: 'db.internal', port: 3306, auth: 'iam', awsRegion: 'eu-central-1', tls: { mode: 'verify-rds' } });
    expect(workerSettingsFromEnv({ ...env, CLOUDBANK_DB_CA_FILE: '/opt/ca.pem', CLOUDBANK_DB_PORT: '3307', CLOUDBANK_DB_READER_HOST: 'replica.internal' })).toMatchObject({
      port: 3307,
      tls: { mode: 'verify-custom', caFile: '/opt/ca.pem' },
      readerHost: 'replica.internal',
    });
  });
  it('names every missing or malformed setting', () => {
    expect(() => workerSettingsFromEnv({ CLOUDBANK_DB_HOST: 'db', AWS_REGION: 'moon-1' })).toThrow(
      /CLOUDBANK_DB_NAME.*CLOUDBANK_DB_USER.*AWS_REGION|CLOUDBANK_DB_NAME[\s\S]*AWS_REGION/,
    );
    expect(() => workerSettingsFromEnv({ ...env, CLOUDBANK_DB_CA_FILE: 'relative.pem' })).toThrow(/CLOUDBANK_DB_CA_FILE/);
    expect(() => workerSettingsFromEnv({ ...env, CLOUDBANK_DB_PORT: '70000' })).toThrow(/CLOUDBANK_DB_PORT/);
  });
});
