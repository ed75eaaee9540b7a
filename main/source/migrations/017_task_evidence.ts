import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { autoId, byAndAt, index, columns } from './columns';

/**
 * Schema v17 (issue 10): the files attached to a corrective task as evidence — the drill-down rows the
 * app exported (CSV) or a file the officer picked (PDF, CSV, XLSX, PNG, JPEG; type checked from the
 * content). The bytes live here on the bank, beside the task; the task's `evidence` column keeps the
 * list (id, name, type, size, SHA-256, who, when), so the cache shows it offline without copying the
 * files. Offline, an attachment travels in the outbox entry that carries it and lands here on replay;
 * `command_id` makes that replay apply once.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('compliance_task_evidence')
    .$call(autoId(dialect))
    .$call(columns({ task_id: 'bigint', filename: 'varchar(160)', media_type: 'varchar(100)', source: 'varchar(20)', bytes: 'integer', sha256: 'char(64)' }))
    .addColumn('content', dialect === 'sqlite' ? 'blob' : sql`mediumblob`, (c) => c.notNull())
    .$call(columns({ command_id: 'varchar(80) unique' }))
    .$call(byAndAt('attached'))
    .execute();
  await index(db.schema, 'compliance_task_evidence_task', 'compliance_task_evidence', ['task_id', 'id']);
}
