import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { addColumns, columns } from '../../main/source/migrations/columns';

// The migrations declare their columns as `name: 'type modifiers'`. A migration that has run is
// history, so this pins the SQL each modifier makes (the schema dumps were compared byte for byte
// when the migrations moved to it) and that a misspelt modifier stops the migration.
const sqlite = new Database(':memory:');
const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
afterAll(() => db.destroy());

describe('migration column specs', () => {
  it('makes NOT NULL columns unless told null or pk, with unique, default and references', () => {
    const { sql } = db.schema
      .createTable('t')
      .$call(columns({ a: 'bigint pk', b: 'varchar(16) unique', c: 'integer default 0', d: "varchar(3) default 'EUR'", e: "varchar(4) default ''" }))
      .$call(columns({ f: 'bigint null references other.id', g: 'bigint references other.id', h: 'text null', i: 'varchar(80) null unique' }))
      .compile();
    expect(sql).toBe(
      'create table "t" ("a" bigint primary key, "b" varchar(16) not null unique, "c" integer default 0 not null, "d" varchar(3) default \'EUR\' not null, ' +
        '"e" varchar(4) default \'\' not null, "f" bigint references "other" ("id"), "g" bigint not null references "other" ("id"), "h" text, "i" varchar(80) unique)',
    );
  });

  it('refuses a modifier it does not know, naming the column', () => {
    expect(() => db.schema.createTable('t').$call(columns({ x: 'bigint nul' }))).toThrow(/Column x: "nul"/);
  });

  it('adds columns to an existing table one statement each, in the order given', async () => {
    await db.schema
      .createTable('u')
      .$call(columns({ id: 'integer pk' }))
      .execute();
    await addColumns(db.schema, 'u', { later: 'bigint null', flag: 'integer default 1' });
    const cols = sqlite.prepare('pragma table_info(u)').all() as { name: string; notnull: number; dflt_value: string | null }[];
    expect(cols.map((c) => [c.name, c.notnull, c.dflt_value])).toEqual([
      ['id', 0, null],
      ['later', 0, null],
      ['flag', 1, '1'],
    ]);
  });
});
