// npm run bench:monitors — every compliance monitor (compliance.evaluate, through the dispatcher as a
// signed-in compliance officer) over a 5,000,000-transaction encrypted cache: cold (a fresh read pool,
// first evaluation) and after an incremental sync of 10,000 new transactions; the same evaluation on
// MariaDB through the same handlers is the baseline. Prints a table and one JSON line.
// BENCH_TRANSACTIONS sets the size (default 5,000,000), BENCH_LOANS the loan book (default 100,000),
// BENCH_ITERATIONS the warm runs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection, type Connection } from 'mysql2/promise';
import { bankDayOf, dayIso } from '../../shared/bank-time';
import type { Evaluation } from '../../shared/contract';
import { AppError, type ApiResult } from '../../shared/errors';
import { SessionStore } from '../../main/auth';
import { cacheKysely, openCacheDatabase, startSyncWorker } from '../../main/cache';
import { createCompliance, type ComplianceMethod } from '../../main/compliance';
import { createDispatcher, type Dispatch, type Handlers } from '../../main/dispatch';
import { consoleLogger } from '../../main/log';
import { createMetricReader, IN_THREAD, ReadPool, type MetricRunner, type MetricStore } from '../../main/metrics';
import { isLinkError, openMysqlBank, type Bank } from '../../main/source';
import { benchBank, benchCache } from './bench-bank';
import { BENCH_START, fillLoans, fillReferenceData, fillTransactions } from './mariadb-fixture';
import { peakRssMb, round } from './measure';

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 5_000_000);
const INCREMENT = 10_000;
const CUSTOMERS = 20_000;
/** Loans (twelve instalments each) so large exposures, loan-to-deposit and the NPL ratio read a real book. */
const LOANS = Number(process.env.BENCH_LOANS ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3);
const ZONE = 'Europe/Prague';
const FILL_VERSION = '1';

function fixtureId(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // What fills the bank, not this script's measuring code: editing the measurement keeps the 5 M rows.
  const hash = createHash('sha256')
    .update(FILL_VERSION)
    .update(readFileSync(join(here, 'mariadb-fixture.ts')))
    .update(fillInputs.toString())
    .digest('hex');
  return `${TRANSACTIONS}_${LOANS}_${CUSTOMERS}_${hash.slice(0, 10)}`;
}

/** The bank inputs a compliance lead enters, so every monitor computes (values in EUR cents). */
async function fillInputs(conn: Connection): Promise<void> {
  const day = new Date(BENCH_START).toISOString().slice(0, 10);
  const rows = [
    ['reporting_currency', 'EUR'],
    ['tier1_capital', '50000000000'],
    ['cet1_capital', '45000000000'],
    ['risk_weighted_assets', '350000000000'],
    ['liquid_assets', '90000000000'],
    ['liquid_assets_haircut', '0.1'],
    ['deposit_runoff_rate', '0.1'],
  ];
  for (const [k, v] of rows) {
    await conn.query(
      `insert into compliance_inputs (input_key, currency, effective_day, value, version, entered_by, approved_by, change_id, created_at) values (?, '', ?, ?, 1, 'bench', 'bench', 0, ?)`,
      [k, day, v, BENCH_START],
    );
  }
}

async function syncRound(cacheFile: string, key: Buffer, url: string): Promise<number> {
  const t = performance.now();
  await startSyncWorker({ cacheFile, keyHex: key.toString('hex'), source: { kind: 'mysql', url }, intervalMs: null }).finished;
  return performance.now() - t;
}

/** Only the compliance handlers, over one store: what the screen calls. */
function dispatchOver(store: () => MetricStore, runner: MetricRunner, bank: Bank, sessions: SessionStore): Dispatch {
  const c = createCompliance({ bank, store: async () => store(), runner, readSide: () => ({ bank: store().bank, asOf: null }), offline: () => false });
  const unreachable = async (): Promise<never> => {
    throw new AppError('NOT_FOUND', 'Not part of this benchmark.');
  };
  const handlers = new Proxy(c.handlers, { get: (t, name) => (name in t ? t[name as ComplianceMethod] : unreachable) }) as unknown as Handlers;
  return createDispatcher(handlers, sessions, consoleLogger('bench'), { isOffline: () => false, isLinkError });
}

async function main(): Promise<void> {
  const id = fixtureId();
  // Kept between runs (filling 5 M transactions takes minutes); it grows by 10,000 per run.
  const { url, fresh } = await benchBank({
    kind: 'monitors',
    id,
    reuse: true,
    what: `${TRANSACTIONS.toLocaleString('en')} transactions and ${LOANS.toLocaleString('en')} loans`,
    fill: async (conn) => {
      await fillReferenceData(conn, CUSTOMERS);
      await fillTransactions(conn, TRANSACTIONS, 0, CUSTOMERS, BENCH_START);
      await fillLoans(conn, LOANS, CUSTOMERS);
      await conn.query(`insert into bank_meta (\`key\`, value) values ('timezone', ?), ('bank_name', 'Bench Bank')`, [ZONE]);
      await fillInputs(conn);
    },
  });
  const { dir, key } = benchCache('monitors', id, fresh, true);
  const cacheFile = join(dir, 'cache.db');
  process.stderr.write('syncing into the cache (rows and rollups)…\n');
  process.stderr.write(`  ${round((await syncRound(cacheFile, key, url)) / 1000)} s\n`);

  const mysqlBank = openMysqlBank(url);
  const conn = await createConnection({ uri: url, multipleStatements: true });
  const lastBooked = async (): Promise<number> => Number(((await conn.query('select max(booked_at) as t from journal'))[0] as { t: number }[])[0]?.t ?? 0);
  let asOf = await lastBooked();
  const cacheDb = openCacheDatabase(cacheFile, key);
  const cacheBank: Bank = {
    db: cacheKysely(cacheDb),
    dialect: 'sqlite',
    sqlite: cacheDb,
    describe: 'bench cache',
    close: async () => {
      cacheDb.close();
    },
  };
  const sessions = new SessionStore(60 * 60 * 1000);
  const token = sessions.create({ id: 1, username: 'clara', displayName: 'Bench Compliance', role: 'compliance_officer', mfaEnabled: false });
  // A fresh pool: the first evaluation pays for booting the read workers and opening the cache in them.
  const pool = new ReadPool({ size: 2, warm: false });
  const cacheStore = (): MetricStore => ({ bank: cacheBank, source: 'cache', rollups: true, timeZone: ZONE, asOf });
  const cache = dispatchOver(cacheStore, createMetricReader({ pool, files: { cache: { file: cacheFile, keyHex: key.toString('hex') }, embedded: null } }), mysqlBank, sessions);
  const maria = dispatchOver(() => ({ bank: mysqlBank, source: 'bank', rollups: false, timeZone: ZONE, asOf }), IN_THREAD, mysqlBank, sessions);
  const evaluate = async (d: Dispatch): Promise<{ ms: number; result: Evaluation }> => {
    const t = performance.now();
    // Both stores on the data's last bank day: on the bank the screen would otherwise evaluate today,
    // which is past this fixture's last booking, and the figures would not be comparable.
    const input = { at: dayIso(bankDayOf(asOf, ZONE)) };
    const res: ApiResult<unknown> = await d({ method: 'compliance.evaluate', input, sessionToken: token, transport: 'test', origin: 'bench' });
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`compliance.evaluate: ${res.error.code} ${res.error.message}`);
    return { ms, result: res.result as Evaluation };
  };
  const rows: Record<string, string | number>[] = [];
  try {
    const cold = await evaluate(cache);
    rows.push({ step: 'cold: first evaluation (fresh read pool)', store: 'cache', ms: round(cold.ms, 1), monitors: cold.result.monitors.length });
    const warm: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) warm.push((await evaluate(cache)).ms);
    rows.push({
      step: `warm (median of ${ITERATIONS})`,
      store: 'cache',
      ms: round(warm.sort((a, b) => a - b)[Math.floor((warm.length - 1) / 2)] ?? 0, 1),
      monitors: cold.result.monitors.length,
    });

    // 10,000 new transactions on the bank, one sync round, the live re-evaluation.
    const offset = Number(((await conn.query('select max(id) as n from journal'))[0] as { n: number }[])[0]?.n ?? 0);
    await fillTransactions(conn, INCREMENT, offset, CUSTOMERS, BENCH_START);
    const syncMs = await syncRound(cacheFile, key, url);
    asOf = await lastBooked();
    rows.push({ step: `sync round of ${INCREMENT.toLocaleString('en')} new transactions`, store: 'cache', ms: round(syncMs, 1), monitors: 0 });
    const incremental = await evaluate(cache);
    rows.push({ step: 'incremental: evaluation after the sync', store: 'cache', ms: round(incremental.ms, 1), monitors: incremental.result.monitors.length });

    const baseline = await evaluate(maria);
    rows.push({ step: 'baseline: the same evaluation on MariaDB', store: 'bank', ms: round(baseline.ms, 1), monitors: baseline.result.monitors.length });
    const same =
      JSON.stringify(incremental.result.monitors.map((m) => [m.id, m.status, m.value])) === JSON.stringify(baseline.result.monitors.map((m) => [m.id, m.status, m.value]));
    console.table(rows);
    const onBank = new Map(baseline.result.monitors.map((m) => [m.id, m]));
    for (const m of incremental.result.monitors) {
      const b = onBank.get(m.id);
      const differs = !b || b.status !== m.status || b.value !== m.value;
      process.stderr.write(`  ${m.id}: ${m.status} ${m.value ?? '—'} (limit ${m.limit})${differs ? `  ≠ MariaDB ${b?.status ?? '?'} ${b?.value ?? '—'}` : ''}\n`);
    }
    console.log(
      JSON.stringify({
        bench: 'monitors',
        rows: offset + INCREMENT,
        path: 'dispatcher compliance.evaluate',
        monitors: incremental.result.monitors.length,
        cold_ms: round(cold.ms, 1),
        warm_ms: rows[1]?.ms,
        sync_ms: round(syncMs, 1),
        incremental_ms: round(incremental.ms, 1),
        mysql_ms: round(baseline.ms, 1),
        same_as_mysql: same,
        peak_rss_mb: peakRssMb(),
      }),
    );
  } finally {
    await pool.close();
    await conn.end();
    await mysqlBank.close();
    cacheDb.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
