import { createServer, type Server } from 'node:net';
import { sql } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProfileBanks, testConnection, type ConnectionSettings, type Credential } from '../../main/connections';
import { migrateToLatest, openMysqlBank } from '../../main/source';
import { MYSQL_SERVER } from '../support/mariadb';
import { freePort, startPrivateMariaDb, type PrivateMariaDb } from '../support/private-mariadb';

const PW = 'analyst pass 1';
const pw = (password: string): Credential => ({ kind: 'password', password });
// Short timeouts keep the failure cases quick; the server is local.
const fast = { connectTimeoutMs: 3000 };

describe('MySQL connection profiles against a private MariaDB with TLS', () => {
  let server: PrivateMariaDb;
  let silent: Server;
  let silentPort: number;
  let profile: ConnectionSettings;

  beforeAll(async () => {
    server = await startPrivateMariaDb();
    const root = await server.root();
    await root.query('CREATE DATABASE bank');
    await root.end();
    const admin = openMysqlBank(`mysql://root@localhost/bank`, 2, { socketPath: `${server.dir}/mysqld.sock` });
    try {
      await migrateToLatest(admin.db, 'mysql');
    } finally {
      await admin.close();
    }
    const r = await server.root();
    await r.query(`
      CREATE USER 'analyst'@'%' IDENTIFIED BY '${PW}' REQUIRE SSL;
      GRANT SELECT ON bank.* TO 'analyst'@'%';
      GRANT INSERT ON bank.audit_log TO 'analyst'@'%';
      GRANT UPDATE ON bank.audit_head TO 'analyst'@'%';
      GRANT INSERT, DELETE ON bank.audit_pending TO 'analyst'@'%';
      GRANT INSERT, UPDATE ON bank.staff_users TO 'analyst'@'%';
      GRANT INSERT, UPDATE ON bank.customers TO 'analyst'@'%';
      GRANT INSERT, UPDATE ON bank.accounts TO 'analyst'@'%';
      GRANT INSERT ON bank.journal TO 'analyst'@'%';
      GRANT INSERT ON bank.entries TO 'analyst'@'%';
      GRANT INSERT ON bank.internal_routes TO 'analyst'@'%';
      GRANT INSERT ON bank.bank_meta TO 'analyst'@'%';
      GRANT INSERT, UPDATE ON bank.fraud_alerts TO 'analyst'@'%';
      GRANT INSERT ON bank.fraud_alert_txns TO 'analyst'@'%';
      GRANT INSERT ON bank.fraud_cases TO 'analyst'@'%';
      GRANT INSERT ON bank.fraud_alert_rules TO 'analyst'@'%';
      GRANT INSERT ON bank.fraud_alert_notes TO 'analyst'@'%';
      GRANT INSERT ON bank.fraud_marks TO 'analyst'@'%';
      GRANT INSERT ON bank.fraud_rule_versions TO 'analyst'@'%';
      GRANT INSERT ON bank.applied_commands TO 'analyst'@'%';
      GRANT INSERT, UPDATE ON bank.idempotency_keys TO 'analyst'@'%';
      CREATE USER 'narrow'@'%' IDENTIFIED BY '${PW}';
      GRANT SELECT ON bank.branches TO 'narrow'@'%';
      GRANT SELECT ON bank.accounts TO 'narrow'@'%';
      CREATE USER 'dba'@'%' IDENTIFIED BY '${PW}';
      GRANT ALL PRIVILEGES ON *.* TO 'dba'@'%';
    `);
    await r.end();
    // Accepts TCP and never sends a handshake: a deterministic "server does not answer".
    silent = createServer(() => undefined);
    silentPort = await freePort();
    await new Promise<void>((resolve) => silent.listen(silentPort, '127.0.0.1', resolve));
    profile = {
      host: server.host,
      port: server.port,
      database: 'bank',
      user: 'analyst',
      auth: 'password',
      awsRegion: undefined,
      tls: { mode: 'verify-custom', caFile: server.caFile },
      readerHost: undefined,
      readerPort: undefined,
      poolSize: 2,
    };
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
    await server?.stop();
  });

  it('verifies the server with the right CA and reports the TLS cipher', async () => {
    const res = await testConnection(profile, pw(PW), fast);
    expect(res, res.message).toMatchObject({ ok: true });
    expect(res.tlsCipher).toMatch(/\w+/);
    expect(res.tlsVersion).toMatch(/^TLSv1\.[23]$/);
    expect(res.serverVersion).toMatch(/MariaDB/);
    expect(res.missingPrivileges).toBeUndefined();
    expect(res.warnings).toBeUndefined();
  });

  it('fails with cause tls and a clear message when the CA is the wrong one', async () => {
    const res = await testConnection({ ...profile, tls: { mode: 'verify-custom', caFile: server.otherCaFile } }, pw(PW), fast);
    expect(res).toMatchObject({ ok: false, cause: 'tls' });
    expect(res.message).toContain(`not issued by your CA file (${server.otherCaFile})`);
    const rds = await testConnection({ ...profile, tls: { mode: 'verify-rds', caFile: undefined } }, pw(PW), fast);
    expect(rds).toMatchObject({ ok: false, cause: 'tls' });
    expect(rds.message).toMatch(/Amazon RDS CA bundle.*Verify with my CA file/);
  });

  it('connects without verification only in the explicit insecure mode, and says so', async () => {
    const res = await testConnection({ ...profile, tls: { mode: 'insecure-no-verify', caFile: undefined } }, pw(PW), fast);
    expect(res).toMatchObject({ ok: true });
    expect(res.tlsCipher).toBeTruthy();
    expect(res.warnings?.[0]).toMatch(/not verified/);
  });

  it('names each cause: wrong password, closed port, no answer, unknown database', async () => {
    expect(await testConnection(profile, pw('wrong'), fast)).toMatchObject({ ok: false, cause: 'wrong_password' });
    const closed = await freePort();
    const unreachable = await testConnection({ ...profile, port: closed }, pw(PW), fast);
    expect(unreachable).toMatchObject({ ok: false, cause: 'unreachable' });
    expect(unreachable.message).toContain(`127.0.0.1:${closed}`);
    // On this machine's own addresses a silent port answers as a closed one does (issue 14, finding 12;
    // connections-local-probe.test.ts); a remote silent server is a 'timeout' (connections-classify).
    const started = Date.now();
    const silentAnswer = await testConnection({ ...profile, port: silentPort }, pw(PW), { connectTimeoutMs: 1000 });
    expect(silentAnswer).toMatchObject({ ok: false, cause: 'unreachable' });
    expect(silentAnswer.message).toContain(`127.0.0.1:${silentPort}`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await testConnection({ ...profile, user: 'dba', database: 'no_such_bank' }, pw(PW), fast)).toMatchObject({ ok: false, cause: 'unknown_database' });
  });

  it('refuses a server without TLS instead of sending credentials in the clear', async () => {
    // The machine's own MariaDB runs without TLS (Debian's default); where it has TLS there is nothing to show.
    const sys = await createConnection(MYSQL_SERVER);
    const [rows] = await sys.query("SHOW VARIABLES LIKE 'have_ssl'");
    await sys.end();
    const haveSsl = Array.isArray(rows) ? String((rows[0] as { Value?: unknown } | undefined)?.Value ?? '') : '';
    if (haveSsl === 'YES') return;
    const plain = new URL(MYSQL_SERVER);
    const noTls = await testConnection({ ...profile, host: plain.hostname, port: Number(plain.port || 3306), user: 'root' }, pw(''), fast);
    expect(noTls).toMatchObject({ ok: false, cause: 'tls' });
    expect(noTls.message).toMatch(/does not offer TLS/);
  });

  it('lists the bank tables a user cannot read', async () => {
    const res = await testConnection({ ...profile, user: 'narrow' }, pw(PW), fast);
    expect(res).toMatchObject({ ok: false, cause: 'privileges' });
    expect(res.missingPrivileges).toEqual(expect.arrayContaining(['SELECT on customers', 'SELECT on journal', 'INSERT on audit_log', 'UPDATE on audit_head']));
    expect(res.missingPrivileges).not.toContain('SELECT on branches');
    expect(res.missingPrivileges).not.toContain('SELECT on accounts');
    expect(res.message).toMatch(/GRANT SELECT ON `bank`\.\*/);
  });

  it('warns about server-wide privileges the workstation does not need', async () => {
    const res = await testConnection({ ...profile, user: 'dba' }, pw(PW), fast);
    expect(res.ok).toBe(true);
    expect(res.warnings?.join(' ')).toMatch(/ALL PRIVILEGES.*replication privileges in particular are not needed/);
  });

  it('tests the reader endpoint too, and its host name is verified against the certificate', async () => {
    const both = await testConnection({ ...profile, readerHost: 'localhost', readerPort: server.port }, pw(PW), fast);
    expect(both, both.message).toMatchObject({ ok: true });
    expect(both.message).toMatch(/Reader localhost also works/);
    const badReader = await testConnection({ ...profile, readerHost: 'localhost', readerPort: await freePort() }, pw(PW), fast);
    expect(badReader).toMatchObject({ ok: false, cause: 'unreachable', endpoint: 'reader' });
  });

  it('opens writer and reader pools over verified TLS that Kysely can query', async () => {
    const banks = openProfileBanks({ ...profile, id: 'p1', name: 'Private', readerHost: 'localhost', readerPort: server.port, updatedAt: 0 }, pw(PW));
    try {
      expect(banks.reader).not.toBe(banks.writer);
      const cipher = await sql<{ Value: string }>`SHOW SESSION STATUS LIKE 'Ssl_cipher'`.execute(banks.reader.db);
      expect(cipher.rows[0]?.Value).toBeTruthy();
      const n = await banks.writer.db
        .selectFrom('audit_head')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      expect(typeof n.n).toBe('number');
      expect(banks.writer.describe).toBe(`MySQL 127.0.0.1:${server.port}/bank`);
    } finally {
      await banks.close();
    }
  });
});
