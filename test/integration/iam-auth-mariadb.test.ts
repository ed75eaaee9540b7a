import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncWorker } from '../../main/cache';
import { createMetricsJobHandler } from '../../main/cloud-metrics';
import { BANK_WRITES, CachedIamTokenProvider, openProfileBanks, testConnection, type ConnectionSettings, type IamTokenRequest } from '../../main/connections';
import { generateDemoBank } from '../../main/demo';
import { createFraudScanHandler } from '../../main/fraud/lambda';
import { migrateToLatest, openMysqlBank } from '../../main/source';
import { cloudMetricNamesOf } from '../../shared/cloud-metrics';
import { DB_USERS, dbUserStatements, IAM_AUTH_CLAUSE } from '../../infra/sql/db-users';
import { startPrivateMariaDb, type PrivateMariaDb } from '../support/private-mariadb';
import { tempDir } from '../support/temp';

/*
 * RDS IAM database authentication, end to end against a real MariaDB server. Only AWS is mocked:
 * a fake signer stands in for @aws-sdk/rds-signer (AWS cannot be reached here) and MariaDB's PAM
 * plugin stands in for RDS's AWSAuthenticationPlugin. Like RDS, the server asks the client for the
 * token in clear text (mysql_clear_password, over verified TLS) and accepts a user's current tokens:
 * the fake signer registers each token it signs in a per-user file the PAM check reads, so "a
 * MariaDB user whose password equals the token". The users and grants are the real generated
 * script (infra/sql), with only the authentication clause swapped for PAM.
 */

const REGION = 'eu-central-1';
const service = `cloudbank-iam-${process.pid}-${randomBytes(3).toString('hex')}`;
/** A second "RDS" for the sync worker, which signs with the real SDK: it accepts a SigV4 connect token for the user. */
const sigv4Service = `${service}-sigv4`;
const SYNC_USER = 'cloudbank_sync_sigv4';
// AWS's documentation example key: the SDK signs locally with it; nothing is sent to AWS.
const EXAMPLE_KEY = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const dir = tempDir('cbiam-');
const tokensDir = join(dir.path, 'tokens');
let server: PrivateMariaDb;
let signatures: IamTokenRequest[] = [];

/** Stands in for AWS: signs a new token and makes "RDS" accept it for that user. */
function fakeSigner(req: IamTokenRequest) {
  return {
    getAuthToken: async () => {
      signatures.push(req);
      const token = `fake-rds-token.${req.username}.${signatures.length}.${randomBytes(8).toString('hex')}`;
      appendFileSync(join(tokensDir, req.username), `${token}\n`);
      return token;
    },
  };
}

/** Every token issued so far stops being accepted (what 15 minutes do to an RDS token). */
function expireAllTokens(): void {
  for (const u of Object.values(DB_USERS)) writeFileSync(join(tokensDir, u.name), '');
}

function settings(user: string, extra: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return {
    host: '127.0.0.1',
    port: server.port,
    database: 'bank',
    user,
    auth: 'iam',
    awsRegion: REGION,
    tls: { mode: 'verify-custom', caFile: server.caFile },
    readerHost: undefined,
    readerPort: undefined,
    poolSize: 2,
    ...extra,
  };
}

beforeAll(async () => {
  mkdirSync(tokensDir, { recursive: true });
  for (const u of Object.values(DB_USERS)) writeFileSync(join(tokensDir, u.name), '');
  const check = join(dir.path, 'check-token.sh');
  // pam_exec hands the clear-text token on stdin (NUL-terminated); accepted if "RDS" issued it to this user.
  writeFileSync(check, `#!/bin/bash\ntoken=$(tr -d '\\000')\n[ -n "$token" ] && exec grep -qxF -- "$token" "${tokensDir}/$PAM_USER"\nexit 1\n`);
  chmodSync(check, 0o755);
  writeFileSync(`/etc/pam.d/${service}`, `auth required pam_exec.so expose_authtok quiet ${check}\naccount required pam_permit.so\n`);
  // What RDS checks of a token, minus the signature itself (which needs AWS): host, action, user, the
  // key's scope for this region and service, a 15-minute expiry and a SigV4 signature.
  const sigv4 = join(dir.path, 'check-sigv4.sh');
  writeFileSync(
    sigv4,
    [
      '#!/bin/bash',
      "token=$(tr -d '\\000')",
      '[[ "$token" == 127.0.0.1:*"/?"* ]] || exit 1',
      '[[ "$token" == *"Action=connect"* ]] || exit 1',
      '[[ "$token&" == *"DBUser=$PAM_USER&"* ]] || exit 1',
      `[[ "$token" == *"X-Amz-Credential=${EXAMPLE_KEY.AWS_ACCESS_KEY_ID}%2F"*"%2F${REGION}%2Frds-db%2Faws4_request"* ]] || exit 1`,
      '[[ "$token" == *"X-Amz-Expires=900"* ]] || exit 1',
      '[[ "$token" =~ X-Amz-Signature=[0-9a-f]{64} ]] || exit 1',
      '',
    ].join('\n'),
  );
  chmodSync(sigv4, 0o755);
  writeFileSync(`/etc/pam.d/${sigv4Service}`, `auth required pam_exec.so expose_authtok quiet ${sigv4}\naccount required pam_permit.so\n`);
  server = await startPrivateMariaDb(['--plugin-load-add=auth_pam_v1', '--pam-use-cleartext-plugin=ON']);
  const root = await server.root();
  await root.query('CREATE DATABASE bank');
  await root.end();
  const admin = openMysqlBank('mysql://root@localhost/bank', 2, { socketPath: join(server.dir, 'mysqld.sock') });
  try {
    await migrateToLatest(admin.db, 'mysql');
    await generateDemoBank(admin, { customers: 60, months: 3, seed: 7, end: Date.UTC(2026, 10, 30) });
  } finally {
    await admin.close();
  }
  const r = await server.root();
  for (const statement of dbUserStatements('bank')) await r.query(statement.replace(IAM_AUTH_CLAUSE, `IDENTIFIED VIA pam USING '${service}'`));
  // The sync worker's user: the workstation reader's grants, authenticated by the SigV4-shape check.
  for (const statement of dbUserStatements('bank', ['reader']))
    await r.query(statement.replaceAll(DB_USERS.reader.name, SYNC_USER).replace(IAM_AUTH_CLAUSE, `IDENTIFIED VIA pam USING '${sigv4Service}'`));
  await r.end();
}, 180_000);

afterAll(async () => {
  await server?.stop();
  rmSync(`/etc/pam.d/${service}`, { force: true });
  rmSync(`/etc/pam.d/${sigv4Service}`, { force: true });
  dir.remove();
});

describe('IAM database authentication against MariaDB (AWS mocked by a fake signer)', () => {
  it('the workstation operations user connects with a token and passes every probe of the connection test', async () => {
    signatures = [];
    const iam = new CachedIamTokenProvider({ createSigner: fakeSigner });
    const res = await testConnection(settings(DB_USERS.operations.name), { kind: 'iam', provider: iam });
    expect(res, res.message).toMatchObject({ ok: true });
    expect(res.missingPrivileges).toBeUndefined();
    expect(res.warnings ?? []).toEqual([]);
    expect(res.tlsVersion).toMatch(/^TLSv1\.[23]$/);
    expect(signatures).toEqual([{ hostname: '127.0.0.1', port: server.port, username: 'cloudbank_operations', region: REGION }]);
  });

  it('the workstation reader may read but not write: the writer probes name exactly the writes it lacks', async () => {
    const res = await testConnection(settings(DB_USERS.reader.name), { kind: 'iam', provider: new CachedIamTokenProvider({ createSigner: fakeSigner }) });
    expect(res.cause).toBe('privileges');
    expect([...(res.missingPrivileges ?? [])].sort()).toEqual(BANK_WRITES.map((w) => `${w.privilege} on ${w.table}`).sort());
  });

  it('reuses a token for 10 minutes, signs a new one before expiry, and a pool keeps working after old tokens expire', async () => {
    signatures = [];
    let now = Date.now();
    const iam = new CachedIamTokenProvider({ createSigner: fakeSigner, now: () => now });
    const banks = openProfileBanks({ ...settings(DB_USERS.operations.name), id: 'p', name: 'RDS', updatedAt: 0 }, { kind: 'iam', provider: iam });
    try {
      const ping = async (): Promise<void> => {
        // A fresh connection each time: the pool authenticates per connection, as after an idle close.
        await sql`select 1`.execute(banks.writer.db);
        const fresh = await testConnection(settings(DB_USERS.operations.name), { kind: 'iam', provider: iam });
        expect(fresh, fresh.message).toMatchObject({ ok: true });
      };
      await ping();
      expect(signatures).toHaveLength(1);
      now += 9 * 60_000;
      await ping();
      expect(signatures).toHaveLength(1);
      now += 2 * 60_000;
      expireAllTokens();
      await ping();
      expect(signatures).toHaveLength(2);
    } finally {
      await banks.close();
    }
  });

  it('a refused token is reported as an IAM problem, with what to check', async () => {
    const refusing = { getAuthToken: async () => 'a-token-rds-never-issued' };
    const res = await testConnection(settings(DB_USERS.operations.name), { kind: 'iam', provider: refusing });
    expect(res.ok).toBe(false);
    expect(res.cause).toBe('wrong_password');
    expect(res.message).toMatch(/IAM token.*rds-db:connect/);
  });

  it('the overnight fraud scan Lambda runs as its own user with IAM tokens and emits its EMF metrics', async () => {
    const lines: string[] = [];
    const env = {
      CLOUDBANK_DB_HOST: '127.0.0.1',
      CLOUDBANK_DB_PORT: String(server.port),
      CLOUDBANK_DB_NAME: 'bank',
      CLOUDBANK_DB_USER: DB_USERS.fraudScan.name,
      CLOUDBANK_DB_CA_FILE: server.caFile,
      AWS_REGION: REGION,
      CLOUDBANK_ENVIRONMENT: 'test',
    };
    const scan = createFraudScanHandler({ env, iam: new CachedIamTokenProvider({ createSigner: fakeSigner }), write: (l) => lines.push(l) });
    const res = await scan({});
    expect(res.summary.transactions).toBeGreaterThan(0);
    expect(res.summary.created).toBeGreaterThan(0);
    const record = JSON.parse(lines.at(-1) ?? '{}') as { _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] }; AlertsRaised: number };
    expect(record._aws.CloudWatchMetrics[0]?.Metrics.map((m) => m.Name).sort()).toEqual(cloudMetricNamesOf('fraud-scan').sort());
    expect(record.AlertsRaised).toBe(res.summary.created);
  }, 120_000);

  it('the metrics job Lambda reads as its read-only user and emits exactly its listed metrics', async () => {
    const lines: string[] = [];
    const env = {
      CLOUDBANK_DB_HOST: '127.0.0.1',
      CLOUDBANK_DB_PORT: String(server.port),
      CLOUDBANK_DB_NAME: 'bank',
      CLOUDBANK_DB_USER: DB_USERS.metrics.name,
      CLOUDBANK_DB_CA_FILE: server.caFile,
      AWS_REGION: REGION,
      CLOUDBANK_ENVIRONMENT: 'test',
    };
    const job = createMetricsJobHandler({ env, iam: new CachedIamTokenProvider({ createSigner: fakeSigner }), write: (l) => lines.push(l), now: () => Date.UTC(2026, 10, 30, 12) });
    const activity = await job();
    expect(activity.openAlerts).toBeGreaterThan(0);
    expect(activity.transactionsProcessed).toBeGreaterThan(0);
    const record = JSON.parse(lines.at(-1) ?? '{}') as { _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } };
    expect(record._aws.CloudWatchMetrics[0]?.Metrics.map((m) => m.Name).sort()).toEqual(cloudMetricNamesOf('metrics-job').sort());
    // And it cannot write, whatever it is asked to do.
    const banks = openProfileBanks(
      { ...settings(DB_USERS.metrics.name), id: 'm', name: 'metrics', updatedAt: 0 },
      { kind: 'iam', provider: new CachedIamTokenProvider({ createSigner: fakeSigner }) },
    );
    try {
      await expect(sql`update fraud_alerts set status = 'dismissed'`.execute(banks.writer.db)).rejects.toThrow(/UPDATE command denied/);
    } finally {
      await banks.close();
    }
  });

  it('the cache sync worker signs its own tokens with the AWS SDK (environment credentials) and copies the bank', async () => {
    const saved = { ...process.env };
    // Worker threads take this process's environment: the SDK's default chain finds the example key there.
    Object.assign(process.env, EXAMPLE_KEY, { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' });
    const cacheDir = tempDir('cbiam-cache-');
    try {
      let rows = 0;
      const worker = startSyncWorker(
        {
          cacheFile: join(cacheDir.path, 'cache.db'),
          keyHex: randomBytes(32).toString('hex'),
          source: {
            kind: 'mysql',
            url: `mysql://${SYNC_USER}@127.0.0.1:${server.port}/bank`,
            options: { ssl: { ca: readFileSync(server.caFile, 'utf8'), rejectUnauthorized: true, minVersion: 'TLSv1.2' } },
            iam: { hostname: '127.0.0.1', port: server.port, username: SYNC_USER, region: REGION },
          },
          intervalMs: null,
        },
        { onRound: (r) => (rows += r.rows) },
      );
      await worker.finished;
      expect(rows).toBeGreaterThan(1000);
    } finally {
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      cacheDir.remove();
    }
  }, 120_000);
});
