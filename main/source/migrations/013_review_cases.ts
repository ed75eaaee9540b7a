import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';

/**
 * Schema v13 (issue 16): the analyst's cases — alerts on one account, one customer or one network
 * worked together — beside the compliance cases (`fraud_cases`, one per escalation), which stay as
 * they are. A review case that is escalated hands one compliance case to compliance and keeps its id.
 * - `review_cases`: title, status ('open' | 'escalated'), the owner who holds the claim (null when
 *   released), who opened it, and the compliance case it became.
 * - `review_case_alerts`: the alerts in a case; an alert belongs to one case at most (primary key).
 * - `review_case_events`: the case's timeline — every action on the case, its alerts and its
 *   customers (grouping, claims, notes, decisions, card blocks, recalls, contacts): who, when, what.
 *   Append-only; the audit log keeps the same actions in its hash chain.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const s = db.schema;
  const idType = dialect === 'sqlite' ? 'integer' : 'bigint';
  await s
    .createTable('review_cases')
    .addColumn('id', idType, (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('owner', 'varchar(40)')
    .addColumn('created_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('compliance_case_id', 'bigint')
    .execute();
  await s.createIndex('review_cases_owner').on('review_cases').columns(['owner', 'status']).execute();
  await s
    .createTable('review_case_alerts')
    .addColumn('alert_id', 'bigint', (c) => c.primaryKey())
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('added_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('review_case_alerts_case').on('review_case_alerts').columns(['case_id', 'alert_id']).execute();
  await s
    .createTable('review_case_events')
    .addColumn('id', idType, (c) => c.primaryKey().autoIncrement())
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'varchar(80)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('summary', 'varchar(400)', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('review_case_events_case').on('review_case_events').columns(['case_id', 'id']).execute();
}
