import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openCacheDatabase, prepareCacheSchema, sqliteReader, SyncEngine } from '../../main/cache';
import { migrateToLatest, openSqliteBank } from '../../main/source';
import { tempDir } from '../support/temp';

// The sync updates a changed row in place. Two rows that swap a unique value (branch codes here)
// arrive one at a time, so the first update meets the other row still holding its value: that row
// must be replaced the old way rather than the round failing for ever.
const dir = tempDir();
afterAll(() => dir.remove());

it('copies two branches that swapped their unique codes', async () => {
  const bank = openSqliteBank(join(dir.path, 'bank.sqlite'));
  const cache = openCacheDatabase(join(dir.path, 'cache.db'), randomBytes(32));
  try {
    await migrateToLatest(bank.db, 'sqlite');
    const source = bank.sqlite;
    if (!source) throw new Error('expected the embedded bank');
    const add = source.prepare(
      "insert into branches (id, code, name, region, address, city, phone, hours, created_at, updated_at) values (?, ?, ?, 'R', 'A', 'C', 'P', 'H', 1, ?)",
    );
    add.run(1, 'NORTH', 'North', 1);
    add.run(2, 'SOUTH', 'South', 1);
    await prepareCacheSchema(cache);
    const engine = new SyncEngine(cache, sqliteReader(source));
    await engine.syncAll();

    source.transaction(() => {
      source.prepare("update branches set code = 'SWAP', updated_at = 2 where id = 1").run();
      source.prepare("update branches set code = 'NORTH', name = 'North (was South)', updated_at = 3 where id = 2").run();
      source.prepare("update branches set code = 'SOUTH', updated_at = 3 where id = 1").run();
    })();
    const round = await engine.syncAll();

    const read = 'select id, code, name from branches order by id';
    expect(round.tables.branches).toBe(2);
    expect(cache.prepare(read).all()).toEqual(source.prepare(read).all());
    expect(cache.prepare(read).all()).toEqual([
      { id: 1, code: 'SOUTH', name: 'North' },
      { id: 2, code: 'NORTH', name: 'North (was South)' },
    ]);
  } finally {
    cache.close();
    await bank.close();
  }
});
