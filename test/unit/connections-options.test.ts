import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import {
  ConnectionSetupError,
  describeUrl,
  excessGrantWarnings,
  iamAuthPlugins,
  mysqlPoolOptions,
  readCaFile,
  unavailableIamProvider,
  type ConnectionSettings,
} from '../../main/connections';
import { MYSQL_VALUE_OPTIONS } from '../../main/source';

const base: ConnectionSettings = {
  host: 'bank.cluster-abc.eu-west-1.rds.amazonaws.com',
  port: 3306,
  database: 'bank',
  user: 'analyst',
  auth: 'password',
  awsRegion: undefined,
  tls: { mode: 'verify-rds', caFile: undefined },
  readerHost: 'bank.cluster-ro-abc.eu-west-1.rds.amazonaws.com',
  readerPort: undefined,
  poolSize: 8,
};
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('mysqlPoolOptions', () => {
  it('verifies TLS against the Amazon RDS CA bundle, host name included, by default', () => {
    const o = mysqlPoolOptions(base, { kind: 'password', password: 'pw' }, { role: 'writer' });
    expect(o).toMatchObject({ host: base.host, port: 3306, user: 'analyst', password: 'pw', database: 'bank', connectionLimit: 8, ...MYSQL_VALUE_OPTIONS });
    expect(o.ssl).toMatchObject({ rejectUnauthorized: true, verifyIdentity: true, minVersion: 'TLSv1.2' });
    const ca = typeof o.ssl === 'object' ? o.ssl.ca : undefined;
    expect(Array.isArray(ca) && ca.length > 10 && String(ca[0]).includes('BEGIN CERTIFICATE')).toBe(true);
    expect(o.connectTimeout).toBeGreaterThan(0);
    expect(o.authPlugins).toBeUndefined();
  });

  it('sends readers to the reader endpoint, defaulting its port to the writer port', () => {
    expect(mysqlPoolOptions(base, { kind: 'password', password: 'pw' }, { role: 'reader' })).toMatchObject({ host: base.readerHost, port: 3306 });
    expect(mysqlPoolOptions({ ...base, readerHost: undefined }, { kind: 'password', password: 'pw' }, { role: 'reader' })).toMatchObject({ host: base.host });
    expect(describeUrl(base, 'reader')).toBe(`mysql://analyst@${base.readerHost}:3306/bank`);
  });

  it('trusts only the custom CA file for verify-custom, and turns verification off only for the explicit insecure mode', () => {
    const custom = mysqlPoolOptions(
      { ...base, tls: { mode: 'verify-custom', caFile: '/etc/ca.pem' } },
      { kind: 'password', password: 'pw' },
      { role: 'writer', readFile: () => PEM },
    );
    expect(custom.ssl).toEqual({ ca: PEM, rejectUnauthorized: true, verifyIdentity: true, minVersion: 'TLSv1.2' });
    const insecure = mysqlPoolOptions({ ...base, tls: { mode: 'insecure-no-verify', caFile: undefined } }, { kind: 'password', password: 'pw' }, { role: 'writer' });
    expect(insecure.ssl).toMatchObject({ rejectUnauthorized: false });
  });

  it('plugs IAM tokens into mysql_clear_password, fresh per connection, and never as a fixed password', async () => {
    let n = 0;
    const provider = { getAuthToken: async () => `token-${++n}` };
    const o = mysqlPoolOptions({ ...base, auth: 'iam', awsRegion: 'eu-west-1' }, { kind: 'iam', provider }, { role: 'reader' });
    expect(o.password).toBeUndefined();
    const plugin = o.authPlugins?.mysql_clear_password;
    expect(plugin).toBeDefined();
    if (!plugin) return;
    const conn = {} as Parameters<typeof plugin>[0]['connection'];
    expect(String(await plugin({ connection: conn, command: '' })(Buffer.alloc(0)))).toBe('token-1\0');
    expect(String(await plugin({ connection: conn, command: '' })(Buffer.alloc(0)))).toBe('token-2\0');
    await expect(
      iamAuthPlugins(unavailableIamProvider, { hostname: 'h', port: 1, username: 'u', region: 'r' }).mysql_clear_password?.({ connection: conn, command: '' })(Buffer.alloc(0)),
    ).rejects.toThrow(/@aws-sdk\/rds-signer/);
  });
});

describe('readCaFile', () => {
  it('says what is wrong with the file', () => {
    expect(() => readCaFile(undefined)).toThrow(ConnectionSetupError);
    expect(() => readCaFile('ca.pem')).toThrow(/full path/);
    expect(() => readCaFile('/nope/ca.pem')).toThrow(/cannot be used/);
    expect(() => readCaFile('/x.pem', () => 'hello')).toThrow(/cannot be used/);
    expect(readCaFile('/x.pem', () => PEM)).toBe(PEM);
  });
});

describe('excessGrantWarnings', () => {
  it('flags replication, SUPER and grant option, and never repeats password hashes', () => {
    const w = excessGrantWarnings([
      "GRANT SELECT, REPLICATION SLAVE, SUPER ON *.* TO `sync`@`%` IDENTIFIED BY PASSWORD '*ABCDEF0123'",
      'GRANT BINLOG_ADMIN,REPLICATION_SLAVE_ADMIN ON *.* TO `sync`@`%` WITH GRANT OPTION',
      'GRANT SELECT (a, b), INSERT ON `bank`.`audit_log` TO `sync`@`%`',
    ]);
    expect(w.join(' ')).toMatch(/REPLICATION SLAVE.*SUPER.*BINLOG_ADMIN.*REPLICATION_SLAVE_ADMIN/);
    expect(w.join(' ')).toMatch(/GRANT OPTION/);
    expect(w.join(' ')).not.toContain('ABCDEF');
  });
  it('is quiet for a least-privilege account', () => {
    expect(excessGrantWarnings(['GRANT USAGE ON *.* TO `a`@`%`', 'GRANT SELECT ON `bank`.* TO `a`@`%`', 'GRANT INSERT, UPDATE ON `bank`.`audit_log` TO `a`@`%`'])).toEqual([]);
  });
});

describe('the connections.save schema', () => {
  const schema = contract['connections.save'].input;
  const draft = { name: 'Prod', host: 'db.example.com', port: 3306, database: 'bank', user: 'analyst', auth: 'password', tls: { mode: 'verify-rds' }, poolSize: 10 } as const;
  const paths = (v: unknown) => {
    const r = schema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  it('accepts a plain profile and turns empty optional fields into absent ones', () => {
    const r = schema.parse({ ...draft, readerHost: '', awsRegion: '', tls: { mode: 'verify-rds', caFile: '' } });
    expect(r.readerHost).toBeUndefined();
    expect(r.tls.caFile).toBeUndefined();
  });
  it('requires a CA file for verify-custom and an explicit acknowledgement for insecure', () => {
    expect(paths({ ...draft, tls: { mode: 'verify-custom' } })).toEqual(['tls.caFile']);
    expect(paths({ ...draft, tls: { mode: 'insecure-no-verify' } })).toEqual(['insecureAcknowledged']);
    expect(paths({ ...draft, tls: { mode: 'insecure-no-verify' }, insecureAcknowledged: true })).toEqual([]);
  });
  it('requires a region and verified TLS for IAM, and rejects URLs as host names', () => {
    expect(paths({ ...draft, auth: 'iam' })).toEqual(['awsRegion']);
    expect(paths({ ...draft, auth: 'iam', awsRegion: 'eu-west-1', tls: { mode: 'insecure-no-verify' }, insecureAcknowledged: true })).toEqual(['tls.mode']);
    expect(paths({ ...draft, host: 'mysql://db.example.com:3306' })).toEqual(['host']);
    expect(paths({ ...draft, port: 70000, poolSize: 0 })).toEqual(['port', 'poolSize']);
  });
});
