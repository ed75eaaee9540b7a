import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { index, columns } from './columns';

/**
 * Schema v5: teller search answers from indexes on a 100,000-customer bank, on both engines.
 * - `customer_name_tokens`: one row per word of a customer's legal name, folded (lower case, no
 *   accents), with its position; "nov jan" is two index range scans. Triggers keep it in step with
 *   `customers`, so every writer (demo generator, importers, the sync into a cache, the teller) fills
 *   it without knowing it exists; existing rows are backfilled here.
 * - generated columns (never written, invisible to `pragma table_info`, so sync ignores them):
 *   `customers.phone_digits` (phone without spaces, "+", "-", …) and its reverse `phone_rev`, and
 *   `accounts.account_no_rev`: suffix searches ("the last digits") become prefix searches on an index.
 * The fold below is frozen with this migration; main/customers/fold.ts must produce the same tokens
 * (a test checks every character on both engines).
 */

/** Characters folded to ASCII, upper and lower case. Anything else is only lower-cased. */
export const NAME_FOLD: ReadonlyArray<readonly [string, string]> = buildFold();
/** Separators: become spaces, so "Nováková-Svobodová" is two words. */
export const NAME_SEPARATORS = ['-', '.', ',', "'", '’', '(', ')', '/', '_', '&', '+', ';', ':', '%', '*', '?', '[', ']', '"', '\\', '`'] as const;

function buildFold(): Array<readonly [string, string]> {
  const lower = 'áàâäãåāăąçćčďđéèêëěēėęíìîïīįłľĺňńñóòôöõőøřŕšśşťţúùûüůűūųýÿžźżæœß';
  const special: Record<string, string> = { đ: 'd', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss' };
  const base = (ch: string): string => special[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
  const out: Array<readonly [string, string]> = [];
  for (const ch of lower) {
    out.push([ch, base(ch)]);
    const up = ch.toUpperCase();
    if (up !== ch && up.length === 1) out.push([up, base(ch)]);
  }
  return out;
}

const lit = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** SQL for the folded name: the same words main/customers/fold.ts makes of it. */
export function foldSql(dialect: SqlDialect, expr: string): string {
  // MySQL string literals treat "\" as an escape; SQLite does not.
  const q = (s: string) => (dialect === 'mysql' ? lit(s) : `'${s.replace(/'/g, "''")}'`);
  let e = expr;
  for (const [from, to] of NAME_FOLD) e = `replace(${e}, ${q(from)}, ${q(to)})`;
  for (const sep of NAME_SEPARATORS) e = `replace(${e}, ${q(sep)}, ' ')`;
  for (const ctl of [9, 10, 13]) e = `replace(${e}, ${dialect === 'mysql' ? `char(${ctl} using utf8mb4)` : `char(${ctl})`}, ' ')`;
  return `trim(lower(${e}))`;
}

const PHONE_STRIP = [' ', '+', '-', '(', ')', '/', '.'];
function digitsSql(expr: string): string {
  let e = expr;
  for (const ch of PHONE_STRIP) e = `replace(${e}, '${ch}', '')`;
  return e;
}

/** SQLite has no reverse(): concatenate the characters from the last possible position down. */
function reverseSql(dialect: SqlDialect, expr: string, max: number): string {
  if (dialect === 'mysql') return `reverse(${expr})`;
  const parts: string[] = [];
  for (let i = max; i >= 1; i--) parts.push(`substr(${expr}, ${i}, 1)`);
  return parts.join(' || ');
}

/** Insert the tokens of the customer row aliased `src` (SQL for one statement, both engines). */
function tokenInsert(dialect: SqlDialect, idExpr: string, nameExpr: string, from: string): string {
  const folded = foldSql(dialect, nameExpr);
  if (dialect === 'sqlite') {
    return `insert or ignore into customer_name_tokens (token, customer_id, pos)
      select j.value, ${idExpr}, j.key from ${from}json_each('[' || replace(json_quote(${folded}), ' ', '","') || ']') j where j.value <> ''`;
  }
  return `insert ignore into customer_name_tokens (token, customer_id, pos)
    select j.token, ${idExpr}, j.pos - 1 from ${from}json_table(concat('[', replace(json_quote(${folded}), ' ', '","'), ']'), '$[*]' columns (pos for ordinality, token varchar(160) path '$')) j where j.token <> ''`;
}

export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('customer_name_tokens')
    .$call(columns({ token: 'varchar(160)', customer_id: 'bigint', pos: 'integer' }))
    .addPrimaryKeyConstraint('customer_name_tokens_pk', ['token', 'customer_id'])
    .execute();
  await index(db.schema, 'customer_name_tokens_customer', 'customer_name_tokens', ['customer_id']);

  const run = (text: string) => sql.raw(text).execute(db);
  const gen = dialect === 'mysql' ? 'generated always as' : 'as';
  await run(`alter table customers add column phone_digits varchar(40) ${gen} (${digitsSql('phone')}) virtual`);
  await run(`alter table customers add column phone_rev varchar(40) ${gen} (${reverseSql(dialect, dialect === 'mysql' ? digitsSql('phone') : 'phone_digits', 40)}) virtual`);
  await run(`alter table accounts add column account_no_rev varchar(34) ${gen} (${reverseSql(dialect, 'account_no', 34)}) virtual`);
  await index(db.schema, 'customers_phone_digits', 'customers', ['phone_digits']);
  await index(db.schema, 'customers_phone_rev', 'customers', ['phone_rev']);
  await index(db.schema, 'accounts_no_rev', 'accounts', ['account_no_rev']);
  if (dialect === 'sqlite') {
    // MySQL made these for the foreign keys already: products.list and branches.list count by them.
    await index(db.schema, 'accounts_product', 'accounts', ['product_id']);
    await index(db.schema, 'customers_branch', 'customers', ['branch_id']);
  }

  // Backfill, then keep in step. On SQLite an "insert or replace" (the cache's upsert) fires only the
  // insert trigger, so it clears the customer's old words first.
  await run(tokenInsert(dialect, 'c.id', 'c.legal_name', dialect === 'mysql' ? 'customers c join ' : 'customers c, '));
  if (dialect === 'sqlite') {
    await run(`create trigger customers_tokens_ai after insert on customers begin
      delete from customer_name_tokens where customer_id = new.id;
      ${tokenInsert(dialect, 'new.id', 'new.legal_name', '')};
    end`);
    await run(`create trigger customers_tokens_au after update of legal_name on customers begin
      delete from customer_name_tokens where customer_id = old.id;
      ${tokenInsert(dialect, 'new.id', 'new.legal_name', '')};
    end`);
    await run(`create trigger customers_tokens_ad after delete on customers begin
      delete from customer_name_tokens where customer_id = old.id;
    end`);
  } else {
    await run(`create trigger customers_tokens_ai after insert on customers for each row
      ${tokenInsert(dialect, 'new.id', 'new.legal_name', '')}`);
    await run(`create trigger customers_tokens_au after update on customers for each row begin
      delete from customer_name_tokens where customer_id = old.id;
      ${tokenInsert(dialect, 'new.id', 'new.legal_name', '')};
    end`);
    await run(`create trigger customers_tokens_ad after delete on customers for each row
      delete from customer_name_tokens where customer_id = old.id`);
  }
}
