import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANK_READ_TABLES, BANK_WRITES } from '../../main/connections';
import { DB_USERS, dbUsersScript } from '../../infra/sql/db-users';
import { REPO_ROOT } from '../../infra/lib/workers';

describe('least-privileged database users (infra/sql)', () => {
  it('the reviewed script in the repository is exactly what the generator makes from the probes', () => {
    // Fails when the connection test's probes change and nobody regenerated the script (npm run infra:db-users).
    expect(readFileSync(join(REPO_ROOT, 'infra/sql/create-db-users.sql'), 'utf8')).toBe(dbUsersScript('cloudbank'));
  });

  it('the workstation users hold exactly what the connection test probes: reader the SELECTs, operations the SELECTs and writes', () => {
    const reads = Object.fromEntries(BANK_READ_TABLES.map((t) => [t, ['SELECT']]));
    const migrations = { kysely_migration: ['SELECT'], kysely_migration_lock: ['SELECT'] };
    expect(DB_USERS.reader.grants).toEqual({ ...reads, ...migrations });
    const writes: Record<string, string[]> = {};
    for (const w of BANK_WRITES) (writes[w.table] ??= []).push(w.privilege);
    for (const [table, privileges] of Object.entries(DB_USERS.operations.grants)) {
      expect(new Set(privileges), table).toEqual(new Set([...(table in reads || table in migrations ? ['SELECT'] : []), ...(writes[table] ?? [])]));
    }
  });

  it('read-only workers write nothing; the scan writes only alerts, its position and the audit chain', () => {
    for (const u of [DB_USERS.reader, DB_USERS.reports, DB_USERS.metrics]) {
      expect(Object.values(u.grants).flat().filter((p) => p !== 'SELECT'), u.name).toEqual([]);
    }
    const scanWrites = Object.entries(DB_USERS.fraudScan.grants).filter(([, p]) => p.some((x) => x !== 'SELECT')).map(([t]) => t).sort();
    expect(scanWrites).toEqual(['audit_head', 'audit_log', 'bank_meta', 'fraud_alert_rules', 'fraud_alert_txns', 'fraud_alerts']);
  });

  it('no user is created without IAM authentication and TLS', () => {
    const creates = dbUsersScript('cloudbank').split('\n').filter((l) => l.startsWith('CREATE USER'));
    expect(creates).toHaveLength(Object.keys(DB_USERS).length);
    for (const c of creates) expect(c).toMatch(/IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS' REQUIRE SSL;$/);
    expect(dbUsersScript('cloudbank')).not.toMatch(/GRANT (ALL|.*\bON \*\.\*)/);
  });
});
