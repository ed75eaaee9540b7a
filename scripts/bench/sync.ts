// npm run bench:sync — initial and incremental sync of 1,000,000 transactions from MariaDB into the
// encrypted cache, against a raw copy (mysql2 stream → prepared insert, 10k-row transactions) measured
// in the same run on the same schema and cipher. Prints a table and one JSON line.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createConnection } from 'mysql2';
import { MYSQL_VALUE_OPTIONS } from '../../main/source';
import { mysqlReader, openCacheDatabase, prepareCacheSchema, startSyncWorker } from '../../main/cache';
import { BENCH_START, fillReferenceData, fillTransactions } from './mariadb-fixture';
import { peakRssMb, round } from './measure';
import { runBench } from './run-bench';

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 1_000_000);
const INCREMENT = 10_000;
const CUSTOMERS = 20_000;

async function baseline(url: string, dir: string): Promise<{ rows: number; seconds: number }> {
  const db = openCacheDatabase(join(dir, 'baseline.db'), randomBytes(32));
  await prepareCacheSchema(db);
  const conn = createConnection({ uri: url, ...MYSQL_VALUE_OPTIONS });
  const reader = mysqlReader(conn);
  const started = performance.now();
  let rows = 0;
  for (const table of ['journal', 'entries']) {
    const cols = (db.prepare('select name from pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
    const insert = db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
    const commit = db.transaction((batch: unknown[][]) => {
      for (const r of batch) insert.run(r);
    });
    let batch: unknown[][] = [];
    for await (const r of reader.stream(`select ${cols.join(', ')} from ${table}`, [])) {
      batch.push(r);
      if (batch.length === 10_000) {
        commit(batch);
        rows += batch.length;
        batch = [];
      }
    }
    commit(batch);
    rows += batch.length;
  }
  const seconds = (performance.now() - started) / 1000;
  await reader.close();
  db.close();
  return { rows, seconds };
}

runBench('sync', async ({ dir, mysql }) => {
  process.stderr.write(`filling MariaDB with ${TRANSACTIONS.toLocaleString('en')} transactions…\n`);
  await fillReferenceData(mysql.conn, CUSTOMERS);
  await fillTransactions(mysql.conn, TRANSACTIONS, 0, CUSTOMERS, BENCH_START);

  process.stderr.write('baseline: raw copy…\n');
  const base = await baseline(mysql.url, dir);

  process.stderr.write('product: initial sync in the cache worker…\n');
  const keyHex = randomBytes(32).toString('hex');
  const cacheFile = join(dir, 'cache.db');
  let copied = 0;
  let initialRoundSeconds = 0;
  let rounds = 0;
  let journalCopied = 0;
  let incrementalMs = 0;
  let started = performance.now();
  const live = startSyncWorker(
    { cacheFile, keyHex, source: { kind: 'mysql', url: mysql.url }, intervalMs: 100, overlap: 200 },
    {
      onRound: (r) => {
        rounds++;
        if (rounds === 1) {
          copied = r.rows;
          initialRoundSeconds = r.seconds;
        } else if (r.rows > 0) incrementalMs += r.seconds * 1000;
        journalCopied += r.tables.journal ?? 0;
      },
    },
  );
  while (rounds === 0) await new Promise((r) => setTimeout(r, 20));
  const initialSeconds = (performance.now() - started) / 1000;

  process.stderr.write(`incremental: ${INCREMENT.toLocaleString('en')} new transactions…\n`);
  const before = rounds;
  await fillTransactions(mysql.conn, INCREMENT, TRANSACTIONS, CUSTOMERS, BENCH_START);
  started = performance.now();
  // Visible = every new transaction and its entries are in the cache (entries follow their journal).
  const target = TRANSACTIONS + INCREMENT;
  const cacheHas = (): boolean => journalCopied >= target;
  while (!cacheHas()) await new Promise((r) => setTimeout(r, 5));
  // The entries of the last journals may land one round later.
  const settled = rounds;
  while (rounds < settled + 1) await new Promise((r) => setTimeout(r, 5));
  const visibleMs = performance.now() - started;
  live.stop();
  await live.finished;

  const baselineRate = base.rows / base.seconds;
  // The engine's own time for the initial round; worker start-up (a one-off) is shown in the table.
  const rate = copied / initialRoundSeconds;
  const figures = {
    bench: 'sync',
    rows: TRANSACTIONS,
    copied_rows: copied,
    baseline_rows_per_s: Math.round(baselineRate),
    rows_per_s: Math.round(rate),
    ratio: round(rate / baselineRate, 2),
    incremental_ms: Math.round(incrementalMs),
    incremental_visible_ms: Math.round(visibleMs),
    peak_rss_mb: peakRssMb(),
  };
  console.table([
    { step: 'baseline raw copy (journal + entries)', rows: base.rows, seconds: round(base.seconds, 2), rows_per_s: figures.baseline_rows_per_s },
    { step: 'product initial sync (all tables + rollups)', rows: copied, seconds: round(initialRoundSeconds, 2), rows_per_s: figures.rows_per_s },
    { step: '  … wall time incl. worker start-up', rows: copied, seconds: round(initialSeconds, 2), rows_per_s: Math.round(copied / initialSeconds) },
    {
      step: `incremental round (${INCREMENT} transactions)`,
      rows: INCREMENT * 3,
      seconds: round(incrementalMs / 1000, 3),
      rows_per_s: Math.round((INCREMENT * 3) / (incrementalMs / 1000)),
    },
    { step: 'rounds while live', rows: rounds - before, seconds: round(visibleMs / 1000, 3), rows_per_s: 0 },
  ]);
  console.log(JSON.stringify(figures));
});
