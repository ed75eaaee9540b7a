import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { autoId, byAndAt, index, columns } from './columns';

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
  await s
    .createTable('review_cases')
    .$call(autoId(dialect))
    .$call(columns({ title: 'varchar(200)', status: 'varchar(12)', owner: 'varchar(40) null' }))
    .$call(byAndAt('created'))
    .$call(columns({ updated_at: 'bigint', compliance_case_id: 'bigint null' }))
    .execute();
  await index(s, 'review_cases_owner', 'review_cases', ['owner', 'status']);
  await s
    .createTable('review_case_alerts')
    .$call(columns({ alert_id: 'bigint pk', case_id: 'bigint' }))
    .$call(byAndAt('added'))
    .execute();
  await index(s, 'review_case_alerts_case', 'review_case_alerts', ['case_id', 'alert_id']);
  await s
    .createTable('review_case_events')
    .$call(autoId(dialect))
    .$call(columns({ case_id: 'bigint', at: 'bigint', actor: 'varchar(80)', kind: 'varchar(40)', summary: 'varchar(400)', details: 'text' }))
    .execute();
  await index(s, 'review_case_events_case', 'review_case_events', ['case_id', 'id']);
}
