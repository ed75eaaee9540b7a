import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { addColumns, autoId, index, columns } from './columns';

/** Tables a workstation cache copies by `updated_at` + id, and whose deletions it must learn about. */
export const MUTABLE_TABLES = [
  'branches',
  'products',
  'customers',
  'accounts',
  'cards',
  'loans',
  'loan_repayments',
  'fraud_alerts',
  'fraud_cases',
  'compliance_thresholds',
] as const;

/**
 * Schema v2: what incremental sync needs from the source.
 * - `updated_at` on loan repayments, whose status changes after insert (the journal is append-only:
 *   a settlement posts a new journal, it never edits one);
 * - `row_deletions`: tombstones written by triggers, so deletions reach every cache by watermark too.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await addColumns(db.schema, 'loan_repayments', { updated_at: 'bigint default 0' });
  await index(db.schema, 'loan_repayments_updated', 'loan_repayments', ['updated_at', 'id']);
  for (const t of ['branches', 'products', 'cards', 'loans', 'fraud_alerts', 'fraud_cases', 'compliance_thresholds']) {
    await index(db.schema, `${t}_updated`, t, ['updated_at', 'id']);
  }

  await db.schema
    .createTable('row_deletions')
    .$call(autoId(dialect))
    .$call(columns({ table_name: 'varchar(40)', row_id: 'bigint', deleted_at: 'bigint' }))
    .execute();

  for (const t of MUTABLE_TABLES) {
    if (dialect === 'sqlite') {
      await sql
        .raw(
          `create trigger ${t}_tombstone after delete on ${t} begin insert into row_deletions (table_name, row_id, deleted_at) values ('${t}', old.id, cast(strftime('%s','now') as integer) * 1000); end`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `create trigger ${t}_tombstone after delete on ${t} for each row insert into row_deletions (table_name, row_id, deleted_at) values ('${t}', old.id, floor(unix_timestamp(now(3)) * 1000))`,
        )
        .execute(db);
    }
  }
}
