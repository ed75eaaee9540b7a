import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, prepareCacheSchema, sqliteReader, startSyncWorker, SyncEngine, type SourceReader } from '../../main/cache';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { emptySqliteBank, TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * A first copy builds the ledger's plain indexes after the rows (main/cache/deferred-indexes.ts): the
 * cache must end with exactly the indexes its schema declares, also when the copy is killed after
 * dropping them and resumed by a later run, and a copy the bank cut off has them back at once.
 */
describe('first copy: ledger indexes built after the rows', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;
  const key = randomBytes(32);
  const ledgerIndexes = (db: Database.Database): unknown[] =>
    db.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name in ('journal', 'entries') order by name").all();
  const deferred = (db: Database.Database): unknown => db.prepare("select count(*) from cache_info where key glob 'deferred_index:*'").pluck().get();
  const openCache = async (file: string): Promise<Database.Database> => {
    const db = openCacheDatabase(file, key);
    await prepareCacheSchema(db);
    return db;
  };
  const bankFile = (): string => join(dir.path, 'bank.sqlite');
  const source = (): SourceReader => sqliteReader(new Database(bankFile(), { readonly: true }));
  const count = (db: Database.Database, table: string): unknown => db.prepare(`select count(*) from ${table}`).pluck().get();

  beforeAll(async () => {
    dir = tempDir('cbdeferred-');
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.UTC(2026, 10, 1) });
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('ends with the schema’s indexes after a copy killed between dropping and building them', async () => {
    const file = join(dir.path, 'killed.db');
    const cache = await openCache(file);
    const declared = ledgerIndexes(cache);
    expect(declared.length).toBeGreaterThanOrEqual(5);
    cache.close();

    // The writer killed mid-way through the entries (what a crash does): the rows copied so far are committed, the indexes wait.
    let killed = false;
    const first = startSyncWorker(
      { cacheFile: file, keyHex: key.toString('hex'), source: { kind: 'sqlite', file: bankFile() }, intervalMs: null, batchSize: 200 },
      {
        onProgress: (p) => {
          if (p.table === 'entries' && p.rows >= 400 && !killed) {
            killed = true;
            void first.terminate();
          }
        },
      },
    );
    await expect(first.finished).rejects.toThrow(/stopped/);
    expect(killed).toBe(true);
    const partial = await openCache(file);
    // (Opening it again re-declares the cache's own entries_booked; the migrations' indexes stay missing.)
    const left = new Set(ledgerIndexes(partial).map((i) => (i as { name: string }).name));
    const missing = declared.map((i) => (i as { name: string }).name).filter((n) => !left.has(n));
    expect(missing).toEqual(expect.arrayContaining(['entries_account_time', 'entries_journal', 'journal_booked']));
    const waiting = partial.prepare("select substr(key, 16) from cache_info where key glob 'deferred_index:*' order by 1").pluck().all();
    expect(waiting).toEqual(expect.arrayContaining(missing));

    // A later start: the schema is prepared again (its migrations already recorded) and the copy resumes.
    await new SyncEngine(partial, source()).syncAll();
    expect(ledgerIndexes(partial)).toEqual(declared);
    expect(deferred(partial)).toBe(0);
    const src = new Database(bankFile(), { readonly: true });
    for (const t of ['journal', 'entries']) expect(count(partial, t), t).toBe(count(src, t));
    src.close();
    // Later rounds defer nothing: a live round keeps every index as it goes.
    await new SyncEngine(partial, source()).syncAll();
    expect(ledgerIndexes(partial)).toEqual(declared);
    partial.close();
  });

  it('gives a copy cut off by the bank its indexes back at once: screens read that partial copy while offline', async () => {
    const cache = await openCache(join(dir.path, 'cut.db'));
    const declared = ledgerIndexes(cache);
    const reader = source();
    // The bank goes away after 300 entries.
    let sent = 0;
    const cut: SourceReader = {
      ...reader,
      async *stream(sqlText, params) {
        for await (const row of reader.stream(sqlText, params)) {
          if (sqlText.includes('from entries') && ++sent > 300) throw new Error('connection lost');
          yield row;
        }
      },
    };
    await expect(new SyncEngine(cache, cut, { batchSize: 100 }).syncAll()).rejects.toThrow('connection lost');
    expect(count(cache, 'entries')).toBe(300);
    expect(ledgerIndexes(cache)).toEqual(declared);
    expect(deferred(cache)).toBe(0);
    expect(cache.prepare("select initial_done from sync_state where table_name = 'entries'").pluck().get()).toBe(0);
    cache.close();
  });
});
