// npm run bench:reader — what one workstation's cache sync costs the database reader endpoint, for
// docs/scaling.md. A sync worker (the product's own, through a byte-counting TCP proxy) copies a bank
// of BENCH_TRANSACTIONS from MariaDB, idles, and follows a burst of 1,000 bookings; then one idle
// round's exact statements are replayed by BENCH_CONNECTIONS connections for 10 s, against the
// server's floor (`select 1` round trips) measured the same way in the same run. Prints a table and
// one JSON line. BENCH_TRANSACTIONS (100,000), BENCH_IDLE_S (30), BENCH_CONNECTIONS (4).
import { randomBytes } from 'node:crypto';
import { createConnection as tcpConnect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { startSyncWorker } from '../../main/cache';
import { BENCH_START, fillReferenceData, fillTransactions } from './mariadb-fixture';
import { peakRssMb, round } from './measure';
import { runBench } from './run-bench';

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 100_000);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const CUSTOMERS = 5_000;
const REPLAY_MS = 10_000;
const COM_QUERY = 3;

const until = (cond: () => boolean): Promise<void> =>
  new Promise((resolve) => {
    const tick = (): void => void (cond() ? resolve() : setTimeout(tick, 10));
    tick();
  });

/** Statements per second that `connections` connections get answered, each running `statements` in a loop. */
async function replay(url: string, statements: readonly string[], connections: number): Promise<number> {
  let done = 0;
  const stop = performance.now() + REPLAY_MS;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = await createConnection(url);
      while (performance.now() < stop) {
        for (const s of statements) await c.query(s);
        done += statements.length;
      }
      await c.end();
    }),
  );
  return done / (REPLAY_MS / 1000);
}

runBench('reader', async ({ dir, mysql }) => {
  process.stderr.write(`filling MariaDB with ${TRANSACTIONS.toLocaleString('en')} transactions…\n`);
  await fillReferenceData(mysql.conn, CUSTOMERS);
  await fillTransactions(mysql.conn, TRANSACTIONS, 0, CUSTOMERS, BENCH_START);

  // Counts what crosses the wire between the worker and the server, and captures its statements.
  const wire = { up: 0, down: 0, statements: 0 };
  let capture: string[] | null = null;
  const target = new URL(mysql.url);
  const proxy = createServer((client: Socket) => {
    const upstream = tcpConnect(Number(target.port || 3306), target.hostname);
    client.on('data', (b: Buffer) => {
      wire.up += b.length;
      if (b.length > 4 && b[4] === COM_QUERY) {
        wire.statements++;
        capture?.push(b.subarray(5, 4 + b.readUIntLE(0, 3)).toString('utf8'));
      }
      upstream.write(b);
    });
    upstream.on('data', (b: Buffer) => {
      wire.down += b.length;
      client.write(b);
    });
    for (const s of [client, upstream]) s.on('error', () => s.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const port = (proxy.address() as { port: number }).port;
  const viaProxy = new URL(mysql.url);
  viaProxy.host = `127.0.0.1:${port}`;

  let first: { rows: number; seconds: number } | null = null;
  let idleRounds = 0;
  let idleSeconds = 0;
  let journal = 0;
  process.stderr.write('initial sync through the counting proxy…\n');
  const started = performance.now();
  const worker = startSyncWorker(
    { cacheFile: join(dir, 'cache.db'), keyHex: randomBytes(32).toString('hex'), source: { kind: 'mysql', url: viaProxy.href }, intervalMs: 500 },
    {
      onRound: (r) => {
        if (!first) first = { rows: r.rows, seconds: r.seconds };
        else if (r.rows === 0) {
          idleRounds++;
          idleSeconds += r.seconds;
        }
        journal += r.tables.journal ?? 0;
      },
    },
  );
  await until(() => first !== null);
  const initial = { ...(first as unknown as { rows: number; seconds: number }), wallSeconds: (performance.now() - started) / 1000, mbDown: wire.down / 1e6 };

  process.stderr.write(`idle for ${IDLE_S} s after the back-off settles…\n`);
  await new Promise((r) => setTimeout(r, 20_000));
  Object.assign(wire, { up: 0, down: 0, statements: 0 });
  idleRounds = 0;
  idleSeconds = 0;
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const idle = { ...wire, rounds: idleRounds, roundMs: idleRounds ? (idleSeconds / idleRounds) * 1000 : 0 };

  capture = [];
  const mark = idleRounds;
  await until(() => idleRounds > mark);
  const roundStatements = capture;
  capture = null;

  process.stderr.write('burst of 1,000 bookings…\n');
  Object.assign(wire, { up: 0, down: 0, statements: 0 });
  const before = journal;
  await fillTransactions(mysql.conn, 1000, TRANSACTIONS, CUSTOMERS, BENCH_START);
  const burstStart = performance.now();
  await until(() => journal >= before + 1000);
  const burst = { visibleMs: performance.now() - burstStart, kbDown: wire.down / 1000 };
  worker.stop();
  await worker.finished;
  proxy.close();

  process.stderr.write(`replaying one idle round (${roundStatements.length} statements) on ${CONNECTIONS} connections…\n`);
  const floor = await replay(mysql.url, ['select 1'], CONNECTIONS);
  const product = await replay(mysql.url, roundStatements, CONNECTIONS);
  const idleRoundsPerS = product / roundStatements.length;
  // One idle workstation runs a round every 5 s; one following moving data, every 0.5 s.
  const figures = {
    bench: 'reader',
    transactions: TRANSACTIONS,
    initial_rows: initial.rows,
    initial_seconds: round(initial.seconds, 2),
    initial_mb_from_server: round(initial.mbDown, 1),
    idle_round_statements: roundStatements.length,
    idle_rounds_per_min: round(idle.rounds / (IDLE_S / 60), 1),
    idle_bytes_per_round: idle.rounds ? Math.round((idle.up + idle.down) / idle.rounds) : 0,
    burst_1000_visible_ms: Math.round(burst.visibleMs),
    burst_kb_from_server: round(burst.kbDown, 1),
    baseline_select1_per_s: Math.round(floor),
    replay_statements_per_s: Math.round(product),
    replay_idle_rounds_per_s: round(idleRoundsPerS, 1),
    idle_workstations_at_saturation: Math.floor(idleRoundsPerS / 0.2),
    moving_workstations_at_saturation: Math.floor(idleRoundsPerS / 2),
    connections: CONNECTIONS,
    peak_rss_mb: peakRssMb(),
  };
  console.table([
    {
      step: `initial sync (${TRANSACTIONS.toLocaleString('en')} transactions)`,
      value: `${initial.rows} rows in ${round(initial.seconds, 2)} s, ${round(initial.mbDown, 1)} MB from the server`,
    },
    {
      step: `idle (${IDLE_S} s)`,
      value: `${idle.rounds} rounds, ${roundStatements.length} statements and ${figures.idle_bytes_per_round} bytes each, ${round(idle.roundMs, 1)} ms per round`,
    },
    { step: 'burst of 1,000 bookings', value: `visible in ${figures.burst_1000_visible_ms} ms, ${figures.burst_kb_from_server} kB from the server` },
    { step: `baseline: select 1 on ${CONNECTIONS} connections`, value: `${figures.baseline_select1_per_s} statements/s` },
    { step: `idle round replayed on ${CONNECTIONS} connections`, value: `${figures.replay_statements_per_s} statements/s = ${figures.replay_idle_rounds_per_s} rounds/s` },
  ]);
  console.log(JSON.stringify(figures));
});
