import type { ColumnDataType, ColumnDefinitionBuilder, CreateTableBuilder, SchemaModule } from 'kysely';
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

/**
 * A column as the migrations declare it: its SQL type, then modifiers. A column is NOT NULL unless it
 * says `null` or is the primary key (`pk`); the other modifiers are `unique`, `default 0` (a number or
 * a quoted text) and `references table.column`. One line per table reads like the table it makes.
 */
export type ColumnSpec = ColumnDataType | `${ColumnDataType} ${string}`;

/** The columns of `spec`, in its order (Kysely checks each type again when it builds the statement). */
export function columns<Added extends string>(spec: Record<Added, ColumnSpec>): Group<Added> {
  return <T extends string, C extends string>(table: CreateTableBuilder<T, C>) => {
    let t = table as CreateTableBuilder<T, C | Added>;
    for (const [name, column] of Object.entries<ColumnSpec>(spec)) {
      const { type, modify } = parseColumn(name, column);
      t = t.addColumn(name, type, modify);
    }
    return t;
  };
}

function parseColumn(name: string, spec: ColumnSpec): { type: ColumnDataType; modify: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder } {
  const [type, ...words] = spec.split(' ') as [ColumnDataType, ...string[]];
  const steps: ((c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder)[] = [];
  let nullable = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const value = words[i + 1];
    if (word === 'null') {
      nullable = true;
    } else if (word === 'pk') {
      nullable = true; // a primary key is NOT NULL by definition; the statement does not repeat it
      steps.push((c) => c.primaryKey());
    } else if (word === 'unique') {
      steps.push((c) => c.unique());
    } else if (word === 'default' && value !== undefined) {
      i++;
      steps.push((c) => c.defaultTo(/^'.*'$/.test(value) ? value.slice(1, -1) : Number(value)));
    } else if (word === 'references' && value !== undefined) {
      i++;
      steps.push((c) => c.references(value));
    } else {
      throw new Error(`Column ${name}: "${word}" in "${spec}" is not a modifier this helper knows`);
    }
  }
  return { type, modify: (c) => steps.reduce((b, step) => step(b), nullable ? c : c.notNull()) };
}

/** New columns on an existing table, as `columns` declares them, one ALTER statement each (SQLite adds one column per statement). */
export async function addColumns(s: SchemaModule, table: string, spec: Record<string, ColumnSpec>): Promise<void> {
  for (const [name, column] of Object.entries<ColumnSpec>(spec)) {
    const { type, modify } = parseColumn(name, column);
    await s.alterTable(table).addColumn(name, type, modify).execute();
  }
}

/** `created_at` and `updated_at`: when the row was made and last changed, epoch milliseconds. */
export const timestamps: Group<'created_at' | 'updated_at'> = columns({ created_at: 'bigint', updated_at: 'bigint' });

/**
 * Who did something to the row and when: `<action>_by` (a username) and `<action>_at` (epoch
 * milliseconds), both required unless the action may not have happened yet (`optional`).
 */
export function byAndAt<A extends string>(action: A, { optional = false } = {}): Group<`${A}_by` | `${A}_at`> {
  const nullness = (c: ColumnDefinitionBuilder) => (optional ? c : c.notNull());
  return (t) => t.addColumn(`${action}_by`, 'varchar(80)', nullness).addColumn(`${action}_at`, 'bigint', nullness);
}

/** An audit entry as the hash chain records it: when, who, what, on which entity, with what details. */
export const auditEntry = columns({ at: 'bigint', actor: 'varchar(80)', action: 'varchar(60)', entity: 'varchar(40)', entity_id: 'varchar(80) null', details: 'text' });

/** A plain (non-unique) index on `columns` of `table`. */
export async function index(s: SchemaModule, name: string, table: string, columns: string[]): Promise<void> {
  await s.createIndex(name).on(table).columns(columns).execute();
}

/**
 * An append-only notes table: `author`'s `text` about the row `parent` names, read per parent in
 * order of `id` (the cache copies notes by id, so offline notes never conflict).
 */
export async function createNotesTable(s: SchemaModule, dialect: SqlDialect, notes: { table: string; parent: string; index: string }): Promise<void> {
  await s
    .createTable(notes.table)
    .$call(autoId(dialect))
    .$call(columns({ [notes.parent]: 'bigint', author: 'varchar(80)', text: 'text', created_at: 'bigint' }))
    .execute();
  await index(s, notes.index, notes.table, [notes.parent, 'id']);
}
