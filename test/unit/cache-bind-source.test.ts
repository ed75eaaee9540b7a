import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindCacheToSource, openCacheDatabase, prepareCacheSchema, sourceIdentity } from '../../main/cache';
import { tempDir } from '../support/temp';

describe('a cache holds one bank', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('names sources by what they hold, not by how they are reached', () => {
    expect(sourceIdentity({ kind: 'sqlite', file: '/d/bank.sqlite' })).toBe('sqlite:/d/bank.sqlite');
    expect(sourceIdentity({ kind: 'mysql', url: 'mysql://u:secret@db.example:3307/bank' })).toBe('mysql:db.example:3307/bank');
    expect(sourceIdentity({ kind: 'mysql', url: 'mysql://u@reader.example:3306/bank', options: { host: 'reader.example', port: 3306, database: 'bank' } })).toBe(
      'mysql:reader.example:3306/bank',
    );
  });

  it('empties itself when opened against another bank, and only then', async () => {
    const db = openCacheDatabase(join(dir.path, 'cache.db'), randomBytes(32));
    await prepareCacheSchema(db);
    expect(bindCacheToSource(db, 'sqlite:/demo/bank.sqlite')).toBe(false);
    db.prepare("insert into sync_state (table_name, wm_id, initial_done) values ('entries', 500, 1)").run();
    db.prepare("insert into bank_meta (key, value) values ('bank_name', 'Demo')").run();
    expect(bindCacheToSource(db, 'sqlite:/demo/bank.sqlite')).toBe(false);
    expect(db.prepare('select count(*) from bank_meta').pluck().get()).toBe(1);

    expect(bindCacheToSource(db, 'mysql:db.example:3306/bank')).toBe(true);
    expect(db.prepare('select count(*) from bank_meta').pluck().get()).toBe(0);
    expect(db.prepare('select count(*) from sync_state').pluck().get()).toBe(0);
    db.close();
  });
});
