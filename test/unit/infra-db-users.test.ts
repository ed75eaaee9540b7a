import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC_SPECS } from '../../main/cache';
import { BANK_READ_TABLES, BANK_WRITES } from '../../main/connections';
import { DB_USERS, dbUsersScript } from '../../infra/sql/db-users';
import { REPO_ROOT } from '../../infra/lib/workers';

describe('least-privileged database users (infra/sql)', () => {
  it('the reviewed script in the repository is exactly what the generator makes from the probes', () => {
    // Fails when the connection test's probes change and nobody regenerated the script (npm run infra:db-users).
    expect(readFileSync(join(REPO_ROOT, 'infra/sql/create-db-users.sql'), 'utf8')).toBe(dbUsersScript('cloudbank'));
  });

  it('the workstation reader can read every table the connection test probes and the cache syncs, and write nothing', () => {
    for (const t of [...BANK_READ_TABLES, ...SYNC_SPECS.map((x) => x.table), 'kysely_migration']) expect(DB_USERS.reader.grants[t], t).toEqual(['SELECT']);
    expect(
      Object.values(DB_USERS.reader.grants)
        .flat()
        .filter((p) => p !== 'SELECT'),
    ).toEqual([]);
  });

  it('the operations user holds the reader grants and every write the connection test probes', () => {
    const ops = DB_USERS.operations.grants as Record<string, readonly string[]>;
    for (const [t, p] of Object.entries(DB_USERS.reader.grants)) expect(ops[t], t).toEqual(expect.arrayContaining([...p]));
    for (const w of BANK_WRITES) expect(ops[w.table], `${w.privilege} on ${w.table}`).toContain(w.privilege);
  });

  it('every write the workstation code makes on the bank is granted to the operations user (scan of main/)', () => {
    // Kysely writes and raw SQL writes anywhere in main/, except code that never runs as a workstation
    // user: the local cache (SQLite), the demo generator and importers (administrators), migrations,
    // and the overnight scan's position (its own worker user).
    const skip = /^(cache|demo|importers|source)\/|^ledger\/bulk-writer\.ts$/;
    const root = join(import.meta.dirname, '..', '..', 'main');
    const writes = new Set<string>();
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || skip.test(file)) continue;
      const code = readFileSync(join(root, file), 'utf8');
      for (const m of code.matchAll(/(insertInto|updateTable|deleteFrom)\('([a-z_]+)'\)/g))
        writes.add(`${{ insertInto: 'INSERT', updateTable: 'UPDATE', deleteFrom: 'DELETE' }[m[1] as 'insertInto']} ${m[2]}`);
      for (const m of code.matchAll(/sql`\s*(insert into|update|delete from)\s+([a-z_]+)/gi)) writes.add(`${(m[1] ?? '').split(' ')[0]?.toUpperCase()} ${m[2]}`);
      // INSERT … ON DUPLICATE KEY UPDATE needs UPDATE as well.
      for (const m of code.matchAll(/insertInto\('([a-z_]+)'\)[\s\S]{0,400}?onDuplicateKeyUpdate/g)) writes.add(`UPDATE ${m[1]}`);
    }
    expect(writes.size).toBeGreaterThan(20);
    const ops = DB_USERS.operations.grants as Record<string, readonly string[]>;
    const scan = DB_USERS.fraudScan.grants as Record<string, readonly string[]>;
    // The scan's position in bank_meta is written by the scan worker (and the demo generator), not by people.
    const missing = [...writes].filter((w) => {
      const [privilege = '', table = ''] = w.split(' ');
      return !ops[table]?.includes(privilege) && !(table === 'bank_meta' && scan[table]?.includes(privilege));
    });
    expect(missing.sort()).toEqual([]);
  });

  it('read-only workers write nothing; the scan writes only alerts, its position and the audit chain', () => {
    for (const u of [DB_USERS.reader, DB_USERS.reports, DB_USERS.metrics]) {
      expect(
        Object.values(u.grants)
          .flat()
          .filter((p) => p !== 'SELECT'),
        u.name,
      ).toEqual([]);
    }
    const scanWrites = Object.entries(DB_USERS.fraudScan.grants)
      .filter(([, p]) => p.some((x) => x !== 'SELECT'))
      .map(([t]) => t)
      .sort();
    expect(scanWrites).toEqual(['audit_head', 'audit_log', 'bank_meta', 'fraud_alert_rules', 'fraud_alert_txns', 'fraud_alerts']);
  });

  it('no user is created without IAM authentication and TLS', () => {
    const creates = dbUsersScript('cloudbank')
      .split('\n')
      .filter((l) => l.startsWith('CREATE USER'));
    expect(creates).toHaveLength(Object.keys(DB_USERS).length);
    for (const c of creates) expect(c).toMatch(/IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS' REQUIRE SSL;$/);
    expect(dbUsersScript('cloudbank')).not.toMatch(/GRANT (ALL|.*\bON \*\.\*)/);
  });
});
