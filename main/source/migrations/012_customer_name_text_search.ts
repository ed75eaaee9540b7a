import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';

/**
 * Schema v12 (issue 15 point 6): customer name search with each database's own text search,
 * replacing migration 004's folded-name triggers (about a hundred nested `replace()` calls per name,
 * which stock SQLite builds cannot even parse: Debian's sqlite3 3.40 refused to open the demo bank
 * with "malformed database schema … parser stack overflow").
 *
 * - SQLite: an FTS5 table `customer_name_index` (rowid = customer id) with the `unicode61
 *   remove_diacritics 2` tokenizer: case and accents folded, every character that is neither a
 *   letter nor a digit separates words, prefix queries (`"nov"*`) served by 2- and 3-letter prefix
 *   indexes. It keeps its own copy of the name, so the triggers delete by rowid — which also covers
 *   the cache's `insert or replace` (that fires only the insert trigger).
 * - MySQL / MariaDB: `customer_name_tokens` stays (one row per word, an index range scan per typed
 *   word, the exact word first in index order), but folding is the column's accent- and
 *   case-insensitive collation (utf8mb4_unicode_520_ci, on MySQL 8 and MariaDB alike) and words are
 *   split by one `regexp_replace`. FULLTEXT was not used: InnoDB ignores words shorter than
 *   innodb_ft_min_token_size (3 by default, a server setting) and stop words ("will", "may"), and a
 *   teller types "ja" and searches for Mr Will.
 *
 * Both engines spell out the letters no Unicode decomposition folds (đ ł ø æ œ ß), as
 * main/customers/fold.ts does for the query: "Łukasz" is found by "lukasz", "Straße" by "strasse".
 */

/** Letters with no decomposition to fold, lower and upper case (ẞ has no single-letter use in names). */
export const SPELLED_OUT: ReadonlyArray<readonly [string, string]> = [
  ['đ', 'd'],
  ['Đ', 'd'],
  ['ł', 'l'],
  ['Ł', 'l'],
  ['ø', 'o'],
  ['Ø', 'o'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['ß', 'ss'],
];

/** Eleven nested replace() calls: far inside any SQL parser's limits. No backslashes or quotes to escape. */
function spellOut(expr: string): string {
  let e = expr;
  for (const [from, to] of SPELLED_OUT) e = `replace(${e}, '${from}', '${to}')`;
  return e;
}

/** MySQL: the name's words, split on anything that is neither a letter nor a digit (as unicode61 splits). */
function tokenInsertMysql(idExpr: string, nameExpr: string, from: string): string {
  const words = `trim(regexp_replace(${spellOut(nameExpr)}, '[^\\\\p{L}\\\\p{N}]+', ' '))`;
  return `insert ignore into customer_name_tokens (token, customer_id, pos)
    select j.token, ${idExpr}, j.pos - 1 from ${from}json_table(concat('[', replace(json_quote(${words}), ' ', '","'), ']'), '$[*]' columns (pos for ordinality, token varchar(160) path '$')) j where j.token <> ''`;
}

const run = (db: Kysely<unknown>, text: string) => sql.raw(text).execute(db);

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  for (const t of ['customers_tokens_ai', 'customers_tokens_au', 'customers_tokens_ad']) await run(db, `drop trigger if exists ${t}`);
  await run(db, 'drop table if exists customer_name_tokens');
  await run(db, `create virtual table customer_name_index using fts5(name, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`);
  await run(db, `insert into customer_name_index (rowid, name) select id, ${spellOut('legal_name')} from customers`);
  await run(
    db,
    `create trigger customers_name_ai after insert on customers begin
      delete from customer_name_index where rowid = new.id;
      insert into customer_name_index (rowid, name) values (new.id, ${spellOut('new.legal_name')});
    end`,
  );
  await run(
    db,
    `create trigger customers_name_au after update of legal_name on customers begin
      delete from customer_name_index where rowid = old.id;
      insert into customer_name_index (rowid, name) values (new.id, ${spellOut('new.legal_name')});
    end`,
  );
  await run(
    db,
    `create trigger customers_name_ad after delete on customers begin
      delete from customer_name_index where rowid = old.id;
    end`,
  );
}

async function upMysql(db: Kysely<unknown>): Promise<void> {
  for (const t of ['customers_tokens_ai', 'customers_tokens_au', 'customers_tokens_ad']) await run(db, `drop trigger if exists ${t}`);
  await run(db, 'delete from customer_name_tokens');
  await run(db, 'alter table customer_name_tokens modify token varchar(160) character set utf8mb4 collate utf8mb4_unicode_520_ci not null');
  await run(db, tokenInsertMysql('c.id', 'c.legal_name', 'customers c join '));
  await run(
    db,
    `create trigger customers_tokens_ai after insert on customers for each row
      ${tokenInsertMysql('new.id', 'new.legal_name', '')}`,
  );
  await run(
    db,
    `create trigger customers_tokens_au after update on customers for each row begin
      delete from customer_name_tokens where customer_id = old.id;
      ${tokenInsertMysql('new.id', 'new.legal_name', '')};
    end`,
  );
  await run(
    db,
    `create trigger customers_tokens_ad after delete on customers for each row
      delete from customer_name_tokens where customer_id = old.id`,
  );
}

export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  if (dialect === 'sqlite') await upSqlite(db);
  else await upMysql(db);
}
