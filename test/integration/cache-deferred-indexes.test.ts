import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, prepareCacheSchema, SyncEngine, sqliteReader } from '../../main/cache';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { emptySqliteBank, TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * A first copy builds the ledger's plain indexes after the rows (main/cache/deferred-indexes.ts): the
 * cache must end with exactly the indexes its schema declares, also when the copy is killed after
 * dropping them and resumed by a later run.
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
  const source = () => sqliteReader(new Database(join(dir.path, 'bank.sqlite'), { readonly: true }));

  beforeAll(async () => {
    dir = tempDir('cbdeferred-');
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.UTC(2026, 10, 1) });
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('ends with the schema’s indexes, after a copy killed between dropping and building them', async () => {
    const file = join(dir.path, 'cache.db');
    const cache = await openCache(file);
    const declared = ledgerIndexes(cache);
    expect(declared.length).toBeGreaterThanOrEqual(5);

    // Killed mid-way through the entries: the rows copied so far are committed, the indexes wait.
    const first = source();
    const killed = new SyncEngine(cache, first, {
      batchSize: 200,
      onProgress: (p) => {
        if (p.table === 'entries' && p.rows >= 400) throw new Error('killed');
      },
    });
    await expect(killed.syncAll()).rejects.toThrow('killed');
    await first.close();
    const left = ledgerIndexes(cache).map((i) => (i as { name: string }).name);
    expect(left.every((n) => n.startsWith('sqlite_autoindex_'))).toBe(true);
    expect(deferred(cache)).toBe(declared.length - left.length);
    cache.close();

    // A later start: the schema is prepared again (migrations already recorded) and the copy resumes.
    const again = await openCache(file);
    const second = source();
    await new SyncEngine(again, second).syncAll();
    await second.close();
    expect(ledgerIndexes(again)).toEqual(declared);
    expect(deferred(again)).toBe(0);
    const count = (db: Database.Database, t: string): unknown => db.prepare(`select count(*) from ${t}`).pluck().get();
    const src = new Database(join(dir.path, 'bank.sqlite'), { readonly: true });
    expect(count(again, 'entries')).toBe(count(src, 'entries'));
    expect(count(again, 'journal')).toBe(count(src, 'journal'));
    src.close();
    // Nothing is deferred on later rounds: a live round keeps every index as it goes.
    const third = source();
    await new SyncEngine(again, third).syncAll();
    await third.close();
    expect(ledgerIndexes(again)).toEqual(declared);
    again.close();
  });
});
