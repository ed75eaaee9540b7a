// npm run bench:report — the quarterly board pack as a manager generates it (reports.generate, then
// reports.export as PDF and XLSX, through the dispatcher with a signed-in manager's session) over a
// bank of 2,000,000 transactions and 100,000 loans (12 instalments each): from the workstation's
// encrypted cache (metric reads in the read pool, rollups where they answer) and, as the baseline
// measured in the same run, from MariaDB through the same handlers. Prints a table and one JSON line.
// BENCH_TRANSACTIONS / BENCH_LOANS set the size, BENCH_ITERATIONS the timed runs, BENCH_REUSE=0 fresh data.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mysql2/promise';
import { SessionStore } from '../../main/auth';
import { cacheKysely, openCacheDatabase, startSyncWorker } from '../../main/cache';
import { createDispatcher, type Dispatch, type Handlers } from '../../main/dispatch';
import { EventHub } from '../../main/events';
import { consoleLogger, silentLogger } from '../../main/log';
import { createMetricReader, IN_THREAD, ReadPool, type MetricRunner, type MetricStore } from '../../main/metrics';
import { createReports, ReportHistory } from '../../main/reports';
import { isLinkError, openMysqlBank, type Bank } from '../../main/source';
import type { ReportResult } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { reportDefinitionSchema } from '../../shared/report-definition';
import { QUARTERLY_BOARD_PACK } from '../../shared/report-templates';
import { BENCH_START, fillLoans, fillReferenceData, fillTransactions } from './mariadb-fixture';
import { peakRssMb, round } from './measure';
import { benchBank, benchCache } from './bench-bank';

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 2_000_000);
const LOANS = Number(process.env.BENCH_LOANS ?? 100_000);
const CUSTOMERS = 20_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3);
const REUSE = process.env.BENCH_REUSE !== '0';
const ZONE = 'Europe/Prague';
const FILL_VERSION = '1';
/** fillTransactions books one every 20 s from 2024-01-01: 2 M reach April 2025, so 2025-Q1 is a whole quarter with a year before it. */
const PERIOD = { kind: 'quarter' as const, year: 2025, quarter: 1 };
const TARGET_TOTAL_MS = 5000;

function fixtureId(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256')
    .update(FILL_VERSION)
    .update(readFileSync(join(here, 'mariadb-fixture.ts')))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex');
  return `${TRANSACTIONS}_${LOANS}_${hash.slice(0, 10)}`;
}

/** Reference data, the transactions, the loans and the bank's zone and name. */
async function fillBank(conn: Connection): Promise<void> {
  await fillReferenceData(conn, CUSTOMERS);
  await fillTransactions(conn, TRANSACTIONS, 0, CUSTOMERS, BENCH_START);
  await fillLoans(conn, LOANS, CUSTOMERS);
  await conn.query(`insert into bank_meta (\`key\`, value) values ('timezone', ?), ('bank_name', 'Bench Bank')`, [ZONE]);
}

type Method = 'reports.generate' | 'reports.export';

/** The report handlers over one store, behind the real dispatcher (session, permission, input validation). */
function reportDispatch(store: MetricStore, runner: MetricRunner, historyDir: string, sessions: SessionStore): Dispatch {
  const reports = createReports({
    history: new ReportHistory(historyDir),
    store: async () => store,
    runner,
    bankName: 'Bench Bank',
    bank: store.bank,
    events: new EventHub(),
    log: silentLogger,
  });
  const real = reports.handlers;
  const unreachable = async (): Promise<never> => {
    throw new AppError('NOT_FOUND', 'Not part of this benchmark.');
  };
  const handlers = new Proxy(real, { get: (t, name) => (name in t ? t[name as keyof typeof t] : unreachable) }) as unknown as Handlers;
  return createDispatcher(handlers, sessions, consoleLogger('bench'), { isOffline: () => false, isLinkError });
}

interface Run {
  generate_ms: number;
  pdf_ms: number;
  xlsx_ms: number;
  total_ms: number;
  figure_rows: number;
  pdf_kb: number;
  result: ReportResult;
}

async function runOnce(dispatch: Dispatch, token: string): Promise<Run> {
  const definition = reportDefinitionSchema.parse({ ...QUARTERLY_BOARD_PACK.definition, period: PERIOD });
  const call = async (method: Method, input: unknown): Promise<unknown> => {
    const res = await dispatch({ method, input, sessionToken: token, transport: 'test', origin: 'bench' });
    if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
    return res.result;
  };
  const t0 = performance.now();
  const generated = (await call('reports.generate', { definition })) as { entry: { id: string }; result: ReportResult };
  const t1 = performance.now();
  const pdf = (await call('reports.export', { id: generated.entry.id, format: 'pdf' })) as { base64: string };
  const t2 = performance.now();
  await call('reports.export', { id: generated.entry.id, format: 'xlsx' });
  const t3 = performance.now();
  return {
    generate_ms: t1 - t0,
    pdf_ms: t2 - t1,
    xlsx_ms: t3 - t2,
    total_ms: t3 - t0,
    figure_rows: generated.result.figureRows,
    pdf_kb: Math.round((pdf.base64.length * 3) / 4 / 1024),
    result: generated.result,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

/** What must agree between the two stores: every figure, not where or when it was read. */
function figures(r: ReportResult): string {
  return JSON.stringify(r.sections);
}

async function main(): Promise<void> {
  const id = fixtureId();
  const mysql = await benchBank({
    kind: 'report',
    id,
    reuse: REUSE,
    what: `${TRANSACTIONS.toLocaleString('en')} transactions and ${LOANS.toLocaleString('en')} loans`,
    fill: fillBank,
  });
  const cache = benchCache('report', id, mysql.fresh, REUSE);
  const historyDir = mkdtempSync(join(tmpdir(), 'cloudbank-bench-report-history-'));
  try {
    process.stderr.write('syncing into the cache (rows and rollups)…\n');
    const t = performance.now();
    const cacheFile = join(cache.dir, 'cache.db');
    await startSyncWorker({ cacheFile, keyHex: cache.key.toString('hex'), source: { kind: 'mysql', url: mysql.url }, intervalMs: null }).finished;
    process.stderr.write(`  ${round((performance.now() - t) / 1000)} s\n`);

    const cacheDb = openCacheDatabase(cacheFile, cache.key);
    const cacheBank: Bank = {
      db: cacheKysely(cacheDb),
      dialect: 'sqlite',
      sqlite: cacheDb,
      describe: 'bench cache',
      close: async () => {
        cacheDb.close();
      },
    };
    const mysqlBank = openMysqlBank(mysql.url);
    const pool = new ReadPool({ warm: true });
    const sessions = new SessionStore(60 * 60 * 1000);
    const token = sessions.create({ id: 1, username: 'manager', displayName: 'Bench Manager', role: 'manager', mfaEnabled: false });
    const asOf = Date.now();
    const fromCache = reportDispatch(
      { bank: cacheBank, source: 'cache', rollups: true, timeZone: ZONE, asOf },
      createMetricReader({ pool, files: { cache: { file: cacheFile, keyHex: cache.key.toString('hex') }, embedded: null } }),
      join(historyDir, 'cache'),
      sessions,
    );
    const fromMaria = reportDispatch({ bank: mysqlBank, source: 'bank', rollups: false, timeZone: ZONE, asOf }, IN_THREAD, join(historyDir, 'mysql'), sessions);
    const rows: Record<string, string | number>[] = [];
    const runs: Record<'cache' | 'mariadb', Run[]> = { cache: [], mariadb: [] };
    try {
      for (const [name, dispatch] of [
        ['cache', fromCache],
        ['mariadb', fromMaria],
      ] as const) {
        process.stderr.write(`  board pack from ${name}…\n`);
        await runOnce(dispatch, token); // untimed warm-up: worker boot, first page reads
        for (let i = 0; i < ITERATIONS; i++) {
          const r = await runOnce(dispatch, token);
          runs[name].push(r);
          process.stderr.write(`    ${name} #${i + 1}: generate ${round(r.generate_ms)} ms, pdf ${round(r.pdf_ms)} ms, xlsx ${round(r.xlsx_ms)} ms\n`);
        }
        const rs = runs[name];
        rows.push({
          store: name,
          generate_ms: round(median(rs.map((r) => r.generate_ms))),
          pdf_ms: round(median(rs.map((r) => r.pdf_ms))),
          xlsx_ms: round(median(rs.map((r) => r.xlsx_ms))),
          total_ms: round(median(rs.map((r) => r.total_ms))),
          figure_rows: rs[0]?.figure_rows ?? 0,
          pdf_kb: rs[0]?.pdf_kb ?? 0,
        });
      }
    } finally {
      await pool.close();
      await mysqlBank.close();
      cacheDb.close();
    }
    const c = runs.cache[0]?.result;
    const m = runs.mariadb[0]?.result;
    const same = c !== undefined && m !== undefined && figures(c) === figures(m);
    console.table(rows);
    const cacheRow = rows[0] ?? {};
    const mariaRow = rows[1] ?? {};
    console.log(
      JSON.stringify({
        bench: 'report',
        transactions: TRANSACTIONS,
        loans: LOANS,
        path: 'dispatcher',
        iterations: ITERATIONS,
        pdf_ms: cacheRow.pdf_ms,
        xlsx_ms: cacheRow.xlsx_ms,
        generate_ms: cacheRow.generate_ms,
        total_ms: cacheRow.total_ms,
        target_total_ms: TARGET_TOTAL_MS,
        mariadb_total_ms: mariaRow.total_ms,
        mariadb_generate_ms: mariaRow.generate_ms,
        same_figures: same,
        peak_rss_mb: peakRssMb(),
      }),
    );
  } finally {
    await mysql.drop();
    cache.remove();
    rmSync(historyDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
