import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CacheKeyError, openCacheDatabase, startSyncWorker, SYNC_SPECS, type SyncProgress } from '../../main/cache';
import { generateDemoBank } from '../../main/demo';
import { migrateToLatest, MYSQL_VALUE_OPTIONS, openMysqlBank } from '../../main/source';
import { freshDatabase } from '../support/mariadb';
import { rollupsAndRecount } from '../support/rollup-recount';
import { tempDir } from '../support/temp';

const ident = (cols: string[]): string => cols.map((c) => `\`${c}\``).join(', ');
const keyOf = (spec: (typeof SYNC_SPECS)[number]): string => ident(spec.mode === 'snapshot' ? spec.key : [spec.mode === 'append' ? spec.key : 'id']);

function digest(rows: unknown[][]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(JSON.stringify(r.map((v) => (v === null ? null : typeof v === 'number' ? v : String(v))))).update('\n');
  return h.digest('hex');
}

/** Counts and checksums of every synced table, the same SQL on both sides. */
async function sourceDigests(conn: Connection, cache: Database.Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const spec of SYNC_SPECS) {
    const cols = (cache.prepare('select name from pragma_table_info(?)').all(spec.table) as { name: string }[]).map((c) => c.name);
    const [rows] = await conn.query<RowDataPacket[]>({ sql: `select ${ident(cols)} from ${spec.table} order by ${keyOf(spec)}`, rowsAsArray: true });
    out[spec.table] = `${rows.length}:${digest(rows as unknown as unknown[][])}`;
  }
  return out;
}

function cacheDigests(cache: Database.Database): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of SYNC_SPECS) {
    const cols = (cache.prepare('select name from pragma_table_info(?)').all(spec.table) as { name: string }[]).map((c) => c.name);
    const rows = cache
      .prepare(`select ${ident(cols)} from ${spec.table} order by ${keyOf(spec)}`)
      .raw(true)
      .all() as unknown[][];
    out[spec.table] = `${rows.length}:${digest(rows)}`;
  }
  return out;
}

/** Rollups in bank days (the demo bank's Europe/Prague) equal a recount of the cache's rows. */
function expectRollupsEqualRecount(cache: Database.Database): void {
  const r = rollupsAndRecount(cache, 'Europe/Prague');
  expect(r.flows.stored).toEqual(r.flows.recount);
  expect(r.accounts.stored).toEqual(r.accounts.recount);
  expect(r.customers.stored).toEqual(r.customers.recount);
}

describe('cache sync from MariaDB', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let conn: Connection;
  let dir: ReturnType<typeof tempDir>;
  const key = randomBytes(32);
  let cacheFile: string;

  const runOnce = (extra: { batchSize?: number } = {}, onTable?: (table: string, rows: number, phase: SyncProgress['phase']) => void) =>
    startSyncWorker(
      { cacheFile, keyHex: key.toString('hex'), source: { kind: 'mysql', url: db.url }, intervalMs: null, ...extra },
      { onProgress: (p) => onTable?.(p.table, p.rows, p.phase) },
    );

  beforeAll(async () => {
    db = await freshDatabase('cbsync');
    const bank = openMysqlBank(db.url);
    await migrateToLatest(bank.db, 'mysql');
    await generateDemoBank(bank, { customers: 120, months: 3, seed: 5, end: Date.UTC(2026, 10, 1) });
    await bank.close();
    conn = await createConnection({ uri: db.url, ...MYSQL_VALUE_OPTIONS });
    dir = tempDir();
    cacheFile = join(dir.path, 'cache.db');
  });
  afterAll(async () => {
    await conn.end();
    await db.drop();
    dir.remove();
  });

  it('resumes a sync killed mid-way and ends equal to the source (counts and checksums per table)', async () => {
    let killed = false;
    const first = runOnce({ batchSize: 500 }, (table, rows) => {
      if (table === 'entries' && rows >= 1500 && !killed) {
        killed = true;
        void first.terminate();
      }
    });
    await expect(first.finished).rejects.toThrow(/stopped/);
    expect(killed).toBe(true);
    const partial = openCacheDatabase(cacheFile, key);
    const copiedEntries = (partial.prepare('select count(*) n from entries').get() as { n: number }).n;
    const wm = partial.prepare("select wm_id from sync_state where table_name = 'entries'").get() as { wm_id: number };
    // Killed between batches or inside one: whatever committed is exactly what the watermark covers.
    expect(copiedEntries).toBeGreaterThan(0);
    expect((partial.prepare('select count(*) n from entries where id <= ?').get(wm.wm_id) as { n: number }).n).toBe(copiedEntries);
    partial.close();

    const phases: string[] = [];
    await runOnce({ batchSize: 500 }, (table, rows, phase) => {
      if (phase === 'summaries') phases.push(`${rows} ${table}`);
    }).finished;
    // After the rows, the summaries are built in steps the progress bar shows one by one (a large bank takes minutes).
    expect(phases).toEqual([
      '0 ledger indexes',
      '1 daily flows',
      '2 postings by time',
      '3 cash per customer',
      '4 accounts and customers',
      '5 dormant accounts woken',
      '6 account histories',
      '7 loan states',
    ]);
    const cache = openCacheDatabase(cacheFile, key);
    try {
      expect(cacheDigests(cache)).toEqual(await sourceDigests(conn, cache));
      // Rollups were built from what was copied: every customer entry is counted once.
      const counted = cache.prepare('select coalesce(sum(n), 0) n from rollup_daily').get() as { n: number };
      const entries = cache.prepare("select count(*) n from entries e join accounts a on a.id = e.account_id where a.kind = 'customer'").get() as { n: number };
      expect(counted.n).toBe(entries.n);
      expectRollupsEqualRecount(cache);
    } finally {
      cache.close();
    }
  });

  it('copies new rows, changes and deletions incrementally', async () => {
    const [[cust]] = await conn.query<RowDataPacket[]>('select id from customers order by id limit 1');
    const [[card]] = await conn.query<RowDataPacket[]>('select id from cards order by id limit 1');
    const [[branch]] = await conn.query<RowDataPacket[]>('select max(id) id from branches');
    await conn.query('update customers set city = ?, branch_id = ?, updated_at = ? where id = ?', ['Olomouc', branch?.id, Date.now() + 1000, cust?.id]);
    await conn.query('delete from cards where id = ?', [card?.id]);
    const [[maxJ]] = await conn.query<RowDataPacket[]>('select max(id) m from journal');
    const next = Number(maxJ?.m) + 1;
    await conn.query(
      `insert into journal (id, reference, booked_at, type, channel, amount, currency, description, status, created_by) values (?, ?, ?, 'deposit', 'branch', 500, 'EUR', 'test', 'posted', 'test')`,
      [next, `T${next}`, Date.now()],
    );
    await runOnce().finished;
    const cache = openCacheDatabase(cacheFile, key);
    try {
      expect(cacheDigests(cache)).toEqual(await sourceDigests(conn, cache));
      expect(cache.prepare('select city from customers where id = ?').get(cust?.id)).toEqual({ city: 'Olomouc' });
      expect(cache.prepare('select id from cards where id = ?').get(card?.id)).toBeUndefined();
      expect(cache.prepare('select reference from journal where id = ?').get(next)).toEqual({ reference: `T${next}` });
      // The customer moved to another branch: the triggers moved its count in the customers rollup.
      expectRollupsEqualRecount(cache);
      // Freshness bookkeeping counts rows, not upserts: updated and deleted rows keep it exact.
      for (const spec of SYNC_SPECS) {
        const kept = cache.prepare('select rows_total from sync_state where table_name = ?').pluck().get(spec.table);
        expect(kept, spec.table).toBe(cache.prepare(`select count(*) from ${spec.table}`).pluck().get());
      }
    } finally {
      cache.close();
    }
  });

  it('a round with nothing new at the bank reports no changed table', async () => {
    const rounds: Record<string, number>[] = [];
    await startSyncWorker(
      { cacheFile, keyHex: key.toString('hex'), source: { kind: 'mysql', url: db.url }, intervalMs: null, overlap: 200 },
      { onRound: (r) => rounds.push(r.tables) },
    ).finished;
    expect(rounds).toHaveLength(1);
    expect(Object.entries(rounds[0] ?? {}).filter(([, n]) => n > 0)).toEqual([]);
  });

  it('the cache file does not open without its key', () => {
    expect(() => new Database(cacheFile).prepare('select count(*) from journal').get()).toThrow(/not a database/);
    expect(() => openCacheDatabase(cacheFile, randomBytes(32))).toThrow(CacheKeyError);
  });
});
