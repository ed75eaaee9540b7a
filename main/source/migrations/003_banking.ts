import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { index } from './columns';

/**
 * Schema v3: what banking operations need beyond v1.
 * `internal_routes` names the bank's own ledger account that takes the other side of a customer
 * operation — the branch's cash vault per currency for deposits and withdrawals, the external
 * clearing account per currency for outgoing transfers — so operations never guess by name.
 * Branch 0 means "any branch". The primary key makes concurrent first use create one account only.
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('internal_routes')
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('branch_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('internal_routes_pk', ['purpose', 'currency', 'branch_id'])
    .execute();
  // Teller search by phone number and national id answer from an index, not a scan.
  await index(db.schema, 'customers_phone', 'customers', ['phone']);
}
