import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { addColumns, autoId, byAndAt, index, columns } from './columns';

/**
 * Schema v8: who may undo a freeze, and what a user must be told at sign-in.
 * - `account_freezes` (one row per frozen account: `kind` 'customer_request' | 'fraud' | 'compliance',
 *   `frozen_by`, `frozen_at`; the reason stays in `accounts.status_reason`): a fraud or compliance
 *   freeze is lifted only through fraud review with a second person, a customer-requested one by the
 *   teller as before. A table beside `accounts` rather than columns on it, so the generators and
 *   importers that write account rows stay as they are. Existing fraud freezes are recognised by the
 *   reason confirmFraud wrote ("Fraud confirmed on alert …"); any other freeze counts as the customer's.
 * - `pending_changes`: maker–checker — a change one person requests and another (never the maker)
 *   approves; both steps audited. First user: lifting a fraud or compliance freeze.
 * - `staff_users.security_notice`: shown to the user at the next sign-in (e.g. "your authenticator
 *   was replaced"), then cleared.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('account_freezes')
    .$call(columns({ account_id: 'bigint pk', kind: 'varchar(20)' }))
    .$call(byAndAt('frozen'))
    .execute();
  await sql`insert into account_freezes (account_id, kind, frozen_by, frozen_at)
    select id, case when status_reason like 'Fraud confirmed%' then 'fraud' else 'customer_request' end, 'unknown (before schema v8)', updated_at
    from accounts where status = 'frozen'`.execute(db);

  await addColumns(s, 'staff_users', { security_notice: 'varchar(1000) null' });

  await s
    .createTable('pending_changes')
    .$call(autoId(dialect))
    .$call(columns({ kind: 'varchar(40)', subject: 'varchar(80)', payload: 'text', reason: 'varchar(400)', status: 'varchar(20)' }))
    .$call(byAndAt('requested'))
    .$call(byAndAt('decided', { optional: true }))
    .$call(columns({ updated_at: 'bigint' }))
    .execute();
  await index(s, 'pending_changes_subject', 'pending_changes', ['kind', 'subject', 'status']);
}
