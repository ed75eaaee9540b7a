// npm run bench:drilldown — dashboard and drill-down questions (by day, branch, product, channel;
// one customer's history) on the encrypted cache against the same questions asked of MariaDB
// directly, over 5,000,000 transactions. Prints a table and one JSON line.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Drilldown, openCacheDatabase, startSyncWorker, type Dimension } from '../../main/cache';
import { BENCH_START, fillReferenceData, fillTransactions } from './mariadb-fixture';
import { p95, peakRssMb, round } from './measure';
import { runBench } from './run-bench';

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 5_000_000);
const CUSTOMERS = 20_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 8);
const DAY = 86_400_000;
// fillTransactions books one transaction every 20 s from BENCH_START.
const END = BENCH_START + TRANSACTIONS * 20_000;

interface Question {
  name: string;
  cache: (i: number) => unknown;
  mysql: (i: number) => Promise<unknown>;
}

async function timeAll(fn: (i: number) => unknown | Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return samples;
}

runBench('drill', async ({ dir, mysql }) => {
  process.stderr.write(`filling MariaDB with ${TRANSACTIONS.toLocaleString('en')} transactions…\n`);
  await fillReferenceData(mysql.conn, CUSTOMERS);
  await fillTransactions(mysql.conn, TRANSACTIONS, 0, CUSTOMERS, BENCH_START);
  process.stderr.write('syncing into the cache…\n');
  const key = randomBytes(32);
  const cacheFile = join(dir, 'cache.db');
  await startSyncWorker({ cacheFile, keyHex: key.toString('hex'), source: { kind: 'mysql', url: mysql.url }, intervalMs: null }).finished;
  const cache = openCacheDatabase(cacheFile, key);
  const drill = new Drilldown(cache);

  // A window of 90 days that moves with each iteration, so no answer is served from a warm result.
  const window = (i: number): [number, number] => {
    const to = END - (i % 30) * DAY;
    return [to - 90 * DAY, to];
  };
  const dimSql = (d: Dimension): string =>
    d === 'branch' || d === 'product'
      ? `select a.${d}_id k, count(*) n, sum(greatest(e.amount, 0)) c, sum(greatest(-e.amount, 0)) d from entries e join accounts a on a.id = e.account_id where a.kind = 'customer' and e.booked_at between ? and ? group by a.${d}_id`
      : `select j.${d} k, count(*) n, sum(greatest(e.amount, 0)) c, sum(greatest(-e.amount, 0)) d from entries e join accounts a on a.id = e.account_id join journal j on j.id = e.journal_id where a.kind = 'customer' and e.booked_at between ? and ? group by j.${d}`;
  const questions: Question[] = [
    {
      name: 'volume by day (90 days)',
      cache: (i) => drill.byDay(...window(i), 'EUR'),
      mysql: (i) =>
        mysql.conn.query(
          `select floor(e.booked_at / ${DAY}) day, count(*) n, sum(greatest(e.amount, 0)) c, sum(greatest(-e.amount, 0)) d from entries e join accounts a on a.id = e.account_id where a.kind = 'customer' and e.booked_at between ? and ? group by day`,
          window(i),
        ),
    },
    ...(['branch', 'product', 'channel'] as const).map((d) => ({
      name: `by ${d} (90 days)`,
      cache: (i: number) => drill.by(d, ...window(i), 'EUR'),
      mysql: (i: number) => mysql.conn.query(dimSql(d), window(i)),
    })),
    {
      name: "one customer's history (100 latest)",
      cache: (i) => drill.history(2 + ((i * 7919) % CUSTOMERS), END, 100),
      mysql: (i) =>
        mysql.conn.query(
          'select e.id, e.booked_at, e.amount, e.balance_after, j.reference, j.type, j.channel, j.description from entries e join journal j on j.id = e.journal_id where e.account_id = ? and e.booked_at < ? order by e.booked_at desc, e.id desc limit 100',
          [2 + ((i * 7919) % CUSTOMERS), END],
        ),
    },
  ];

  const rows: Record<string, string | number>[] = [];
  const allCache: number[] = [];
  const allMysql: number[] = [];
  for (const q of questions) {
    process.stderr.write(`  ${q.name}…\n`);
    const c = await timeAll(q.cache);
    const m = await timeAll(q.mysql);
    allCache.push(...c);
    allMysql.push(...m);
    rows.push({ question: q.name, cache_p95_ms: round(p95(c), 2), mysql_p95_ms: round(p95(m), 1), speedup: round(p95(m) / Math.max(0.01, p95(c)), 1) });
  }
  cache.close();
  console.table(rows);
  const cacheP95 = p95(allCache);
  const mysqlP95 = p95(allMysql);
  console.log(JSON.stringify({ bench: 'drilldown', rows: TRANSACTIONS, cache_p95_ms: round(cacheP95, 2), mysql_p95_ms: round(mysqlP95, 1), speedup: round(mysqlP95 / Math.max(0.01, cacheP95), 1), peak_rss_mb: peakRssMb() }));
});
