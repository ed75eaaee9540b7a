import type { BankDatabase } from '../source';

/** Runs one statement on the tested connection and returns its rows. */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * Tables the workstation reads: everything it syncs plus staff_users (sign-in). Not fraud_labels:
 * those are benchmark ground truth, which a production bank need not have and detection never reads.
 */
export const BANK_READ_TABLES = [
  'branches',
  'products',
  'customers',
  'accounts',
  'journal',
  'entries',
  'cards',
  'loans',
  'loan_repayments',
  'staff_users',
  'audit_log',
  'audit_head',
  'fraud_alerts',
  'fraud_alert_txns',
  'fraud_cases',
  'compliance_thresholds',
  'bank_meta',
  'row_deletions',
  'internal_routes',
  'audit_pending',
  'fraud_alert_notes',
  'fraud_alert_rules',
  'fraud_marks',
  'fraud_rule_versions',
  'applied_commands',
  'idempotency_keys',
] as const satisfies readonly (keyof BankDatabase)[];

/**
 * The writes the workstation's features make: the audit chain (and the queue money operations
 * fill), staff sign-in state, banking (customers, accounts, journal, entries, the tills it opens,
 * idempotency records) and fraud review (alerts, notes, cases, marks).
 */
export const BANK_WRITES = [
  { table: 'audit_log', privilege: 'INSERT', column: 'seq' },
  { table: 'audit_head', privilege: 'UPDATE', column: 'last_seq' },
  { table: 'audit_pending', privilege: 'INSERT', column: 'id' },
  { table: 'audit_pending', privilege: 'DELETE', column: 'id' },
  { table: 'staff_users', privilege: 'INSERT', column: 'id' },
  { table: 'staff_users', privilege: 'UPDATE', column: 'failed_attempts' },
  { table: 'customers', privilege: 'INSERT', column: 'id' },
  { table: 'customers', privilege: 'UPDATE', column: 'legal_name' },
  { table: 'accounts', privilege: 'INSERT', column: 'id' },
  { table: 'accounts', privilege: 'UPDATE', column: 'balance' },
  { table: 'journal', privilege: 'INSERT', column: 'id' },
  { table: 'entries', privilege: 'INSERT', column: 'id' },
  { table: 'internal_routes', privilege: 'INSERT', column: 'account_id' },
  { table: 'bank_meta', privilege: 'INSERT', column: 'key' },
  { table: 'fraud_alerts', privilege: 'INSERT', column: 'id' },
  { table: 'fraud_alerts', privilege: 'UPDATE', column: 'status' },
  { table: 'fraud_alert_txns', privilege: 'INSERT', column: 'alert_id' },
  { table: 'fraud_cases', privilege: 'INSERT', column: 'id' },
  { table: 'fraud_alert_rules', privilege: 'INSERT', column: 'alert_id' },
  { table: 'fraud_alert_notes', privilege: 'INSERT', column: 'id' },
  { table: 'fraud_marks', privilege: 'INSERT', column: 'journal_id' },
  { table: 'fraud_rule_versions', privilege: 'INSERT', column: 'id' },
  { table: 'applied_commands', privilege: 'INSERT', column: 'command_id' },
  { table: 'idempotency_keys', privilege: 'INSERT', column: 'idem_key' },
  { table: 'idempotency_keys', privilege: 'UPDATE', column: 'result' },
] as const satisfies readonly { table: keyof BankDatabase; privilege: 'INSERT' | 'UPDATE' | 'DELETE'; column: string }[];

// Privileges on *.* a sync-and-operate client never needs; replication ones can read every change on the server.
const EXCESSIVE = /^(ALL PRIVILEGES|SUPER|REPLICATION .*|REPLICA MONITOR|SLAVE MONITOR|BINLOG .*|FILE|SHUTDOWN|PROCESS|CREATE USER|RELOAD|.*_ADMIN|.* ADMIN)$/;

function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

const DENIED = new Set(['ER_TABLEACCESS_DENIED_ERROR', 'ER_COLUMNACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_SPECIFIC_ACCESS_DENIED_ERROR']);

export interface PrivilegeReport {
  /** e.g. "SELECT on customers": a failure, the workstation cannot work without them. */
  missing: string[];
  /** Not failures: tables not created yet, privileges the account should not hold. */
  warnings: string[];
}

/**
 * Probes what the account can actually do, rather than parsing grants (roles, wildcards and
 * partial revokes make grant parsing unreliable). Reads: `SELECT … LIMIT 0`. Writes (writer only):
 * zero-row statements inside a transaction that is rolled back, so nothing changes or is logged.
 */
export async function checkPrivileges(run: RunSql, opts: { checkWrites: boolean }): Promise<PrivilegeReport> {
  const missing: string[] = [];
  const absent: string[] = [];
  const probe = async (label: string, table: string, sql: string): Promise<void> => {
    try {
      await run(sql);
    } catch (e) {
      const code = codeOf(e);
      if (DENIED.has(code)) missing.push(label);
      else if (code === 'ER_OPTION_PREVENTS_STATEMENT') missing.push(`${label} (the server is read-only: give the writer endpoint as the host)`);
      else if (code === 'ER_NO_SUCH_TABLE') {
        if (!absent.includes(table)) absent.push(table);
      } else throw e;
    }
  };
  for (const t of BANK_READ_TABLES) await probe(`SELECT on ${t}`, t, `SELECT 1 FROM \`${t}\` LIMIT 0`);
  if (opts.checkWrites) {
    await run('START TRANSACTION');
    try {
      for (const w of BANK_WRITES) {
        // A column the app really writes, so column-level grants are judged like the real statement.
        const sql =
          w.privilege === 'INSERT'
            ? `INSERT INTO \`${w.table}\` SELECT * FROM \`${w.table}\` WHERE 1 = 0`
            : w.privilege === 'DELETE'
              ? `DELETE FROM \`${w.table}\` WHERE 1 = 0`
              : `UPDATE \`${w.table}\` SET \`${w.column}\` = \`${w.column}\` WHERE 1 = 0`;
        await probe(`${w.privilege} on ${w.table}`, w.table, sql);
      }
    } finally {
      await run('ROLLBACK');
    }
  }
  const warnings: string[] = [];
  if (absent.length === BANK_READ_TABLES.length) {
    warnings.push(
      'The database has no bank tables yet. The workstation creates them on first use, which needs CREATE, ALTER, INDEX and TRIGGER once; or have an administrator run the migrations.',
    );
  } else if (absent.length > 0) {
    warnings.push(`These bank tables do not exist yet: ${absent.join(', ')}. The database schema is older than this workstation; run the migrations.`);
  }
  try {
    const grants = await run('SHOW GRANTS FOR CURRENT_USER()');
    warnings.push(...excessGrantWarnings(grants.flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string'))));
  } catch {
    // Informational only: some managed servers restrict SHOW GRANTS; the probes above already decided.
  }
  return { missing, warnings };
}

/**
 * Reads SHOW GRANTS lines for privileges that are more than the workstation needs. Only privilege
 * names leave this function: MariaDB prints password hashes in these lines.
 */
export function excessGrantWarnings(lines: readonly string[]): string[] {
  const excessive = new Set<string>();
  let grantOption = false;
  for (const line of lines) {
    const m = /^GRANT\s+(.+?)\s+ON\s+(\S+)\s+TO\s/i.exec(line);
    if (!m?.[1] || !m[2]) continue;
    if (/\bWITH\b.*\bGRANT OPTION\b/i.test(line)) grantOption = true;
    if (m[2].replace(/`/g, '') !== '*.*') continue;
    // Column lists like "SELECT (a, b)" would split wrongly on commas: drop them first.
    for (const raw of m[1].replace(/\([^)]*\)/g, '').split(',')) {
      const p = raw.trim().toUpperCase().replace(/_/g, ' ');
      if (EXCESSIVE.test(p) || EXCESSIVE.test(raw.trim().toUpperCase())) excessive.add(raw.trim().toUpperCase());
    }
  }
  const out: string[] = [];
  if (excessive.size > 0) {
    out.push(
      `The account holds server-wide privileges the workstation never needs: ${[...excessive].join(', ')}. Use an account limited to SELECT on the bank tables plus the writes it makes; replication privileges in particular are not needed.`,
    );
  }
  if (grantOption) out.push('The account can grant privileges to others (WITH GRANT OPTION); the workstation does not need that.');
  return out;
}
