import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { addColumns, index, columns } from './columns';

/**
 * Schema v10 (issue 14, findings 5 and 8):
 * - `idempotency_keys`: the one store of every mutating method's idempotency key, bound to the user,
 *   the method and a hash of the input. Before it, the journal's unique key, `open-account:` rows in
 *   `bank_meta` and `applied_commands` each remembered keys without saying whose they were, so another
 *   user's request with a known key "replayed" someone else's result. Rows recorded before this schema
 *   are copied with no input hash (their input is unknown): they still match only their method, and
 *   their user where it was recorded.
 * - `customers.national_id_key`: the national id without its separators ("390317/985" and
 *   "390317985" are one id), unique, so the duplicate check and the database agree even for two
 *   registrations racing each other. Generated, so every writer (generator, importers, cache sync)
 *   fills it without knowing.
 * - `staff_users.disabled_at` (a deactivated user cannot sign in, nor be assigned alerts) and
 *   `staff_users.must_change_password` (1 after an administrator set the password: the user must
 *   choose their own at the next sign-in), for the administrators' staff lifecycle (finding 11).
 * - `customers_birth`: the KYC duplicate check reads the customers born on a day and compares their
 *   names folded (look-alike letters, invisible characters), which no SQL index of the name can do.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('idempotency_keys')
    .$call(columns({ idem_key: 'varchar(80) pk', actor: 'varchar(80) null', method: 'varchar(60)', input_hash: 'char(64) null', result: 'text', created_at: 'bigint' }))
    .execute();
  await index(s, 'idempotency_keys_created', 'idempotency_keys', ['created_at']);
  await sql`insert into idempotency_keys (idem_key, actor, method, input_hash, result, created_at)
    select command_id, actor, method, null, outcome, applied_at from applied_commands`.execute(db);
  const prefix = 'open-account:';
  await sql`insert into idempotency_keys (idem_key, actor, method, input_hash, result, created_at)
    select substr(${sql.ref('key')}, ${prefix.length + 1}), null, 'accounts.open', null, value, 0 from bank_meta
    where ${sql.ref('key')} like ${`${prefix}%`}`.execute(db);

  const gen = dialect === 'mysql' ? 'generated always as' : 'as';
  const key = "upper(replace(replace(national_id, '/', ''), '-', ''))";
  await sql.raw(`alter table customers add column national_id_key varchar(40) ${gen} (${key}) virtual`).execute(db);
  await s.createIndex('customers_national_id_key').on('customers').column('national_id_key').unique().execute();
  await addColumns(s, 'staff_users', { disabled_at: 'bigint null', must_change_password: 'integer default 0' });
  await index(s, 'customers_birth', 'customers', ['date_of_birth']);
}
