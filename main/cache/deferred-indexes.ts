import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * The first copy of a bank writes millions of ledger rows. Each plain index kept row by row on the way
 * costs a page lookup and write per row at a random place (entries by account and time the most), while
 * an index built once the rows are in is one sorted pass. So the first copy drops the ledger's plain
 * indexes and builds them again before the summaries, which read through them.
 *
 * Only indexes made by CREATE INDEX without UNIQUE go: a unique constraint still decides what a copy
 * keeps. Screens read the cache before its first copy is complete only while the bank is unreachable;
 * a copy the bank cuts off builds them at once for that (SyncEngine.syncAll). The definitions wait in
 * cache_info, written in the same transaction as the drop, so a copy killed in between builds them
 * when it resumes.
 */
const LEDGER_TABLES = ['journal', 'entries'] as const;
const PREFIX = 'deferred_index:';

interface IndexInfo {
  name: string;
  unique: number;
  origin: string;
}

export function deferLedgerIndexes(db: Database.Database): void {
  const definition = db.prepare("select sql from sqlite_master where type = 'index' and name = ?").pluck();
  const keep = db.prepare('insert into cache_info (key, value) values (?, ?) on conflict (key) do update set value = excluded.value');
  db.transaction(() => {
    for (const table of LEDGER_TABLES) {
      const plain = (db.pragma(`index_list(${table})`) as IndexInfo[]).filter((i) => i.origin === 'c' && i.unique === 0);
      for (const index of plain) {
        keep.run(PREFIX + index.name, definition.get(index.name) as string);
        db.exec(`drop index "${index.name}"`);
      }
    }
  })();
}

/** Builds what deferLedgerIndexes dropped. Call inside the transaction that ends the first copy. */
export function buildDeferredIndexes(db: Database.Database): void {
  const waiting = db.prepare('select key, value from cache_info where key glob ? order by key').all(`${PREFIX}*`) as { key: string; value: string }[];
  const done = db.prepare('delete from cache_info where key = ?');
  for (const index of waiting) {
    db.exec(index.value.replace(/^create index (?!if not exists)/i, 'create index if not exists '));
    done.run(index.key);
  }
}
