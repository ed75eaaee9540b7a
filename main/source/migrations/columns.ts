import type { AlterTableBuilder, AlterTableColumnAlteringBuilder, ColumnDefinitionBuilder, CreateTableBuilder, SchemaModule } from 'kysely';
import type { SqlDialect } from '../dialect';

/**
 * Column groups and statements the migrations share, so each is written once. Not a migration:
 * migrate.ts lists the migrations by name. A migration that has run is history, so a change here
 * must leave the SQL of every migration that uses it as it was; a new shape is a new helper.
 */

type Group<Added extends string> = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) => CreateTableBuilder<T, C | Added>;

/**
 * `id`, the auto-increment primary key. SQLite only auto-increments an `integer primary key`;
 * MySQL needs BIGINT for ledger-sized tables.
 */
export function autoId(dialect: SqlDialect): Group<'id'> {
  return (t) => t.addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.primaryKey().autoIncrement());
}

/** `created_at` and `updated_at`: when the row was made and last changed, epoch milliseconds. */
export const timestamps: Group<'created_at' | 'updated_at'> = (t) => t.addColumn('created_at', 'bigint', (c) => c.notNull()).addColumn('updated_at', 'bigint', (c) => c.notNull());

/**
 * Who did something to the row and when: `<action>_by` (a username) and `<action>_at` (epoch
 * milliseconds), both required unless the action may not have happened yet (`optional`).
 */
export function byAndAt<A extends string>(action: A, { optional = false } = {}): Group<`${A}_by` | `${A}_at`> {
  const nullness = (c: ColumnDefinitionBuilder) => (optional ? c : c.notNull());
  return (t) => t.addColumn(`${action}_by`, 'varchar(80)', nullness).addColumn(`${action}_at`, 'bigint', nullness);
}

/** An audit entry as the hash chain records it: when, who, what, on which entity, with what details. */
export const auditEntry: Group<'at' | 'actor' | 'action' | 'entity' | 'entity_id' | 'details'> = (t) =>
  t
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'varchar(80)', (c) => c.notNull())
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('entity', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(80)')
    .addColumn('details', 'text', (c) => c.notNull());

/** A plain (non-unique) index on `columns` of `table`. */
export async function index(s: SchemaModule, name: string, table: string, columns: string[]): Promise<void> {
  await s.createIndex(name).on(table).columns(columns).execute();
}

/** New columns on an existing table, one ALTER statement each: SQLite adds one column per statement. */
export async function addColumns(s: SchemaModule, table: string, columns: (t: AlterTableBuilder) => AlterTableColumnAlteringBuilder[]): Promise<void> {
  for (const statement of columns(s.alterTable(table))) await statement.execute();
}

/**
 * An append-only notes table: `author`'s `text` about the row `parent` names, read per parent in
 * order of `id` (the cache copies notes by id, so offline notes never conflict).
 */
export async function createNotesTable(s: SchemaModule, dialect: SqlDialect, notes: { table: string; parent: string; index: string }): Promise<void> {
  await s
    .createTable(notes.table)
    .$call(autoId(dialect))
    .addColumn(notes.parent, 'bigint', (c) => c.notNull())
    .addColumn('author', 'varchar(80)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await index(s, notes.index, notes.table, [notes.parent, 'id']);
}
