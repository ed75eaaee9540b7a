import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { auditEntry, autoId } from './columns';

/**
 * Schema v6: `audit_pending`, where high-volume writers (money operations) put their audit entry
 * inside their own transaction without touching the chain's head row. A sealer moves the entries
 * into the hash chain moments later, so hundreds of postings a second do not queue behind one lock.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await db.schema.createTable('audit_pending').$call(autoId(dialect)).$call(auditEntry).execute();
}
