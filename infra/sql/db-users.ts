import { SYNC_SPECS } from '../../main/cache';
import { BANK_READ_TABLES, BANK_WRITES } from '../../main/connections';
import { CASE_TABLE_NAMES } from '../../main/source';

/**
 * The least-privileged database users of a deployment, derived from what the workstation's
 * connection test probes (main/connections/privileges.ts) and what each worker writes, so the grants
 * and the probes cannot drift apart. Rendered to infra/sql/create-db-users.sql for review; an
 * administrator runs it once after the migrations (docs/deploy.md).
 */

/** Kysely's bookkeeping: every client runs migrateToLatest at start, which on a current schema only reads these. */
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const;

type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
type Grants = Record<string, readonly Privilege[]>;

export interface DbUser {
  name: string;
  purpose: string;
  grants: Grants;
}

/**
 * What a workstation reads: the connection test's SELECT probes plus every table its cache syncs
 * (the compliance tables are synced but not yet probed). Workers read the same: catalog metrics
 * (compliance monitors included) may touch any of them.
 */
export const READ_TABLES: readonly string[] = [...new Set<string>([...BANK_READ_TABLES, ...SYNC_SPECS.map((s) => s.table), ...CASE_TABLE_NAMES])];

/**
 * Writes the workstation's features make that the connection test does not probe yet (freezes,
 * compliance tasks, CTR reports, SAR drafts, maker–checker changes, product catalogue, the live fraud
 * monitor's idempotent links). test/unit/infra-db-users.test.ts scans main/ for every write and fails
 * when one is granted nowhere, so this list cannot fall behind the code.
 */
export const WORKSTATION_WRITES_BEYOND_PROBES = [
  { table: 'account_freezes', privilege: 'INSERT' },
  { table: 'account_freezes', privilege: 'DELETE' },
  { table: 'bank_meta', privilege: 'UPDATE' },
  { table: 'case_sar_drafts', privilege: 'INSERT' },
  { table: 'compliance_inputs', privilege: 'INSERT' },
  { table: 'compliance_task_evidence', privilege: 'INSERT' },
  { table: 'compliance_task_notes', privilege: 'INSERT' },
  { table: 'compliance_tasks', privilege: 'INSERT' },
  { table: 'compliance_tasks', privilege: 'UPDATE' },
  { table: 'compliance_thresholds', privilege: 'INSERT' },
  { table: 'compliance_thresholds', privilege: 'UPDATE' },
  { table: 'ctr_reports', privilege: 'INSERT' },
  { table: 'ctr_reports', privilege: 'UPDATE' },
  { table: 'fraud_alert_txns', privilege: 'UPDATE' },
  { table: 'fraud_cases', privilege: 'UPDATE' },
  { table: 'idempotency_keys', privilege: 'UPDATE' },
  { table: 'pending_changes', privilege: 'INSERT' },
  { table: 'pending_changes', privilege: 'UPDATE' },
  { table: 'products', privilege: 'INSERT' },
  { table: 'products', privilege: 'UPDATE' },
  // Review cases and protective actions (issue 16, schema v13–v14): read on the bank itself, not synced.
  { table: 'review_cases', privilege: 'INSERT' },
  { table: 'review_cases', privilege: 'UPDATE' },
  { table: 'review_case_alerts', privilege: 'INSERT' },
  { table: 'review_case_events', privilege: 'INSERT' },
  { table: 'card_blocks', privilege: 'INSERT' },
  { table: 'cards', privilege: 'UPDATE' },
  { table: 'transfer_recalls', privilege: 'INSERT' },
  { table: 'customer_contacts', privilege: 'INSERT' },
] as const;

function reads(tables: readonly string[] = READ_TABLES): Grants {
  return Object.fromEntries([...tables, ...MIGRATION_TABLES].map((t) => [t, ['SELECT'] as const]));
}

function plus(base: Grants, extra: readonly { table: string; privilege: Privilege }[]): Grants {
  const out: Record<string, Privilege[]> = Object.fromEntries(Object.entries(base).map(([t, p]) => [t, [...p]]));
  for (const { table, privilege } of extra) {
    const list = (out[table] ??= []);
    if (!list.includes(privilege)) list.push(privilege);
  }
  return out;
}

/** The audit chain: every worker that changes the bank leaves an entry (main/audit). */
const AUDIT_WRITES = [
  { table: 'audit_log', privilege: 'INSERT' },
  { table: 'audit_head', privilege: 'UPDATE' },
] as const;

export const DB_USERS = {
  reader: {
    name: 'cloudbank_reader',
    purpose: 'Workstation reader: the reader endpoint of a profile (cache sync, read-only queries). The SELECT probes of the connection test and every table the cache syncs.',
    grants: reads(),
  },
  operations: {
    name: 'cloudbank_operations',
    purpose:
      'Operations writer: the writer endpoint of a workstation profile (sign-in, banking operations, fraud review, compliance, the audit chain). The reader grants, the write probes of the connection test and the writes its features make beyond them.',
    grants: plus(plus(reads(), BANK_WRITES), WORKSTATION_WRITES_BEYOND_PROBES),
  },
  fraudScan: {
    name: 'cloudbank_fraud_scan',
    purpose: 'Overnight fraud scan worker (Lambda): reads the bank, stores alerts and their links, moves its scan position, appends one audit entry per run.',
    grants: plus(reads(), [
      { table: 'fraud_alerts', privilege: 'INSERT' },
      { table: 'fraud_alerts', privilege: 'UPDATE' },
      { table: 'fraud_alert_txns', privilege: 'INSERT' },
      // INSERT … ON DUPLICATE KEY UPDATE links transactions idempotently.
      { table: 'fraud_alert_txns', privilege: 'UPDATE' },
      { table: 'fraud_alert_rules', privilege: 'INSERT' },
      { table: 'bank_meta', privilege: 'INSERT' },
      { table: 'bank_meta', privilege: 'UPDATE' },
      ...AUDIT_WRITES,
    ]),
  },
  reports: {
    name: 'cloudbank_reports',
    purpose: 'Report worker (Lambda): reads catalog metrics for scheduled board packs; the files go to S3, nothing to the bank.',
    grants: reads(),
  },
  metrics: { name: 'cloudbank_metrics', purpose: 'Metrics job (Lambda): counts active users, transactions and the alert backlog for CloudWatch; read-only.', grants: reads() },
} as const satisfies Record<string, DbUser>;

export type DbUserKey = keyof typeof DB_USERS;

const ident = (s: string): string => {
  if (!/^[A-Za-z0-9_$-]{1,64}$/.test(s)) throw new Error(`Not a safe MySQL identifier: ${s}`);
  return `\`${s}\``;
};
const literal = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** How RDS authenticates an IAM user: the server asks the client for the token in clear text (over TLS). */
export const IAM_AUTH_CLAUSE = "IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS'";

/** The SQL statements (no trailing semicolons) that create the users and their grants. */
export function dbUserStatements(database: string, users: readonly DbUserKey[] = Object.keys(DB_USERS) as DbUserKey[]): string[] {
  const out: string[] = [];
  for (const key of users) {
    const u: DbUser = DB_USERS[key];
    const who = `${literal(u.name)}@'%'`;
    // REQUIRE SSL per user as well as require_secure_transport on the server: either alone refuses plaintext.
    out.push(`CREATE USER IF NOT EXISTS ${who} ${IAM_AUTH_CLAUSE} REQUIRE SSL`);
    for (const [table, privileges] of Object.entries(u.grants)) {
      out.push(`GRANT ${privileges.join(', ')} ON ${ident(database)}.${ident(table)} TO ${who}`);
    }
  }
  return out;
}

/** The reviewable script: what each user is for, then its statements. */
export function dbUsersScript(database: string): string {
  const lines = [
    '-- CloudBank Analytics: least-privileged database users (generated by infra/sql/db-users.ts; do not edit by hand).',
    `-- Regenerate: npm run infra:db-users -- --database ${database} > infra/sql/create-db-users.sql`,
    '-- Run once as the RDS master user, AFTER the migrations (cloudbank db migrate), because grants name the bank tables:',
    `--   mysql --ssl-mode=VERIFY_IDENTITY --ssl-ca=global-bundle.pem -h <writer endpoint> -u admin -p ${database} < create-db-users.sql`,
    '-- Every user authenticates with an RDS IAM token (AWSAuthenticationPlugin) over TLS: there are no passwords to keep.',
    '-- The IAM side: a policy allowing rds-db:connect on arn:aws:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<user> (the stack grants the workers theirs).',
    '',
  ];
  for (const key of Object.keys(DB_USERS) as DbUserKey[]) {
    lines.push(`-- ${DB_USERS[key].name}: ${DB_USERS[key].purpose}`);
    for (const s of dbUserStatements(database, [key])) lines.push(`${s};`);
    lines.push('');
  }
  return lines.join('\n');
}
