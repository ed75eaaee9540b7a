import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, verifyAudit } from '../../main/audit';
import { LATEST_MIGRATION, MIGRATIONS, migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { freshDatabase } from '../support/mariadb';
import { tempDir } from '../support/temp';

type Columns = Record<string, string[]>;

// Generated columns (search keys) are left out: SQLite's table_info hides them too.
async function mysqlColumns(bank: Bank, schema: string): Promise<Columns> {
  const rows = await sql<{
    t: string;
    c: string;
  }>`select table_name as t, column_name as c from information_schema.columns where table_schema = ${schema} and coalesce(generation_expression, '') = '' order by table_name, ordinal_position`.execute(
    bank.db,
  );
  const out: Columns = {};
  for (const r of rows.rows) (out[r.t] ??= []).push(r.c);
  return out;
}

async function sqliteColumns(bank: Bank): Promise<Columns> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(bank.db);
  const out: Columns = {};
  for (const t of tables.rows) {
    const cols = await sql<{ name: string }>`select name from pragma_table_info(${t.name})`.execute(bank.db);
    out[t.name] = cols.rows.map((c) => c.name);
  }
  return out;
}

describe('bank schema on the real MariaDB', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let bank: Bank;
  beforeAll(async () => {
    db = await freshDatabase('cbmig');
    bank = openMysqlBank(db.url);
  });
  afterAll(async () => {
    await bank.close();
    await db.drop();
  });

  it('applies every migration once and records it', async () => {
    expect((await migrateToLatest(bank.db, 'mysql')).at(-1)).toEqual(LATEST_MIGRATION);
    expect(await migrateToLatest(bank.db, 'mysql')).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(bank.db);
    expect(applied.rows.map((r) => r.name)).toEqual([...MIGRATIONS]);
    expect(MIGRATIONS.slice(0, 5)).toEqual(['001_bank_schema', '002_sync_support', '003_banking', '004_customer_search', '005_audit_queue']);
  });

  it('has the same tables and columns as the embedded bank', async () => {
    const dir = tempDir();
    const lite = await emptySqliteBank(dir.path);
    // Each engine's own name-search index (migration 012): FTS5 and its shadow tables, a word table on MySQL.
    const without = (c: Columns, search: RegExp): Columns => Object.fromEntries(Object.entries(c).filter(([t]) => !search.test(t)));
    try {
      const a = without(await mysqlColumns(bank, db.name), /^customer_name_tokens$/);
      const b = without(await sqliteColumns(lite), /^customer_name_index(_(data|idx|content|docsize|config))?$/);
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
      for (const t of Object.keys(a)) expect(a[t], t).toEqual(b[t]);
      expect(Object.keys(a)).toEqual(
        expect.arrayContaining([
          'branches',
          'products',
          'customers',
          'accounts',
          'journal',
          'entries',
          'loans',
          'loan_repayments',
          'staff_users',
          'audit_log',
          'fraud_alerts',
          'fraud_cases',
          'compliance_thresholds',
          'fraud_labels',
        ]),
      );
    } finally {
      await lite.close();
      dir.remove();
    }
  });

  it('stores money as BIGINT and enforces unique idempotency keys', async () => {
    const cols = await sql<{
      c: string;
      t: string;
    }>`select column_name as c, data_type as t from information_schema.columns where table_schema = ${db.name} and table_name = 'journal' and column_name in ('amount', 'booked_at')`.execute(
      bank.db,
    );
    expect(cols.rows.map((r) => r.t)).toEqual(['bigint', 'bigint']);
    const row = {
      booked_at: 1,
      type: 'deposit' as const,
      channel: 'branch' as const,
      amount: 9_007_199_254_740_991,
      currency: 'EUR',
      description: 'x',
      status: 'posted' as const,
      created_by: 't',
      idempotency_key: 'k1',
    };
    await bank.db
      .insertInto('journal')
      .values({ ...row, reference: 'R1' })
      .execute();
    await expect(
      bank.db
        .insertInto('journal')
        .values({ ...row, reference: 'R2' })
        .execute(),
    ).rejects.toThrow(/Duplicate/);
    const back = await bank.db.selectFrom('journal').select('amount').where('reference', '=', 'R1').executeTakeFirstOrThrow();
    expect(back.amount).toBe(9_007_199_254_740_991);
  });

  it('keeps the audit chain intact under concurrent writers (head row locked)', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => recordAudit(bank, { actor: `w${i % 4}`, action: 'test.concurrent', entity: 'x', entityId: i })));
    expect(await verifyAudit(bank.db)).toEqual({ ok: true, checked: 40, firstBroken: null });
    await sql`update audit_log set actor = 'mallory' where seq = 17`.execute(bank.db);
    expect((await verifyAudit(bank.db)).firstBroken?.seq).toBe(17);
  });
});
