import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { addColumns } from './columns';

/**
 * Schema v15 (issue 16): a changed detection rule takes effect only when a second person approves it.
 * The proposal waits in `pending_changes` (kind 'fraud.rule_change', the maker–checker table); an
 * approved one becomes the rule's next row in `fraud_rule_versions`, which now says who approved it
 * (`approved_by`), from which request (`change_id`) and, for a restore, which version it brought back
 * (`restored_from`). Versions saved before this schema keep null there: one person saved them.
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  void _dialect;
  await addColumns(db.schema, 'fraud_rule_versions', { approved_by: 'varchar(80) null', change_id: 'bigint null', restored_from: 'integer null' });
}
