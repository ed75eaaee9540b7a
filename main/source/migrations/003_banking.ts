import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { index, columns } from './columns';

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
    .$call(columns({ purpose: 'varchar(20)', currency: 'char(3)', branch_id: 'bigint', account_id: 'bigint references accounts.id' }))
    .addPrimaryKeyConstraint('internal_routes_pk', ['purpose', 'currency', 'branch_id'])
    .execute();
  // Teller search by phone number and national id answer from an index, not a scan.
  await index(db.schema, 'customers_phone', 'customers', ['phone']);
}
