import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';

/**
 * Schema v6: `audit_pending`, where high-volume writers (money operations) put their audit entry
 * inside their own transaction without touching the chain's head row. A sealer moves the entries
 * into the hash chain moments later, so hundreds of postings a second do not queue behind one lock.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('audit_pending')
    .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'varchar(80)', (c) => c.notNull())
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('entity', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(80)')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
}
