// npm run bench:sessions — 50 browser-edition sessions on the demo bank opening the dashboard and the
// explorer at once, answered with metric reads on the main thread (the baseline, readWorkers: 0) and
// then by the read pool, in the same run over the same bank and cache. The sessions run in a child
// process, as browsers would, so the server's event loop is measured from outside. Prints a table and
// one JSON line. BENCH_SESSIONS, BENCH_ROUNDS, BENCH_CUSTOMERS, BENCH_MONTHS.
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DEMO } from '../../main/demo';
import { startHost } from '../../main/host';
import { consoleLogger, silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import type { ApiResult } from '../../shared/errors';
import { p95, peakRssMb, round } from './measure';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DEMO = { ...DEFAULT_DEMO, customers: Number(process.env.BENCH_CUSTOMERS ?? DEFAULT_DEMO.customers), months: Number(process.env.BENCH_MONTHS ?? DEFAULT_DEMO.months) };
const DIMS = ['branch', 'product', 'channel', 'type', 'currency'] as const;
const DAY = 86_400_000;

interface Sample {
  method: string;
  ms: number;
}

const p50 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.5 * s.length) - 1)] ?? 0;
};

// ---------------------------------------------------------------- the browsers (child process)

async function browsers(url: string, launchToken: string): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = [];
  const call = async (method: string, input: unknown, session: string | null, timed = true): Promise<unknown> => {
    const t = performance.now();
    const res = await fetch(`${url}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${launchToken}`, ...(session ? { 'X-CloudBank-Session': session } : {}) },
      body: JSON.stringify({ method, input }),
    });
    const body = (await res.json()) as ApiResult<unknown>;
    if (timed) samples.push({ method, ms: performance.now() - t });
    if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
    return body.result;
  };
  const tokens: string[] = [];
  for (let i = 0; i < SESSIONS; i++) tokens.push(((await call('auth.signIn', { username: 'manager', password: 'cloudbank-demo' }, null, false)) as { token: string }).token);

  const now = Date.now();
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const today = iso(now);
  const dayStart = Date.parse(`${today}T00:00:00Z`);
  // What one manager does: open the dashboard (its panels ask at once), open the explorer on last month
  // by day, split the quarter by a dimension against the previous quarter, then look at the rows.
  const visit = async (s: string, i: number, r: number): Promise<void> => {
    await Promise.all([
      call('dashboard.summary', { dayStart }, s),
      call('dashboard.volume', { days: 90, utcOffsetMinutes: 0, until: now }, s),
      call('dashboard.activity', { limit: 20 }, s),
      call('fraud.summary', { since: dayStart }, s),
    ]);
    await Promise.all([call('metrics.list', {}, s), call('metrics.query', { metric: 'transactions_count', from: iso(now - 31 * DAY), to: today, grain: 'day' }, s)]);
    const dim = DIMS[(i + r) % DIMS.length] ?? 'branch';
    await call('metrics.query', { metric: i % 2 ? 'transactions_volume' : 'transactions_count', from: iso(now - 91 * DAY), to: today, by: [dim], compare: 'previous' }, s);
    await call('metrics.rows', { metric: 'transactions_volume', from: iso(now - 31 * DAY), to: today, sort: 'amount', direction: 'desc', offset: 0, limit: 200 }, s);
  };
  // One untimed visit warms the workers (and SQLite's page cache) in either mode.
  await visit(tokens[0] ?? '', 0, 0);
  samples.length = 0;
  const t = performance.now();
  await Promise.all(
    tokens.map(async (s, i) => {
      for (let r = 0; r < ROUNDS; r++) await visit(s, i, r);
    }),
  );
  return { samples, seconds: (performance.now() - t) / 1000 };
}

if (process.argv[2] === 'browsers') {
  const [url, token] = process.argv.slice(3) as [string, string];
  browsers(url, token).then(
    (answer) => process.send?.(answer, () => process.exit(0)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

// ---------------------------------------------------------------- the server (this process)

async function waitForCache(runtime: Runtime): Promise<void> {
  const signIn = await runtime.dispatch({
    method: 'auth.signIn',
    input: { username: 'admin', password: 'cloudbank-demo' },
    sessionToken: null,
    transport: 'test',
    origin: 'bench',
  });
  if (!signIn.ok) throw new Error(signIn.error.message);
  const token = (signIn.result as { token: string }).token;
  for (;;) {
    const s = await runtime.dispatch({ method: 'sync.status', input: {}, sessionToken: token, transport: 'test', origin: 'bench' });
    if (s.ok && (s.result as { state: string }).state === 'live') return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function phase(dataDir: string, staticDir: string, readWorkers: number | undefined): Promise<{ samples: Sample[]; seconds: number; loopMaxMs: number; loopP99Ms: number }> {
  const runtime = await openRuntime({
    dataDir,
    demo: DEMO,
    readWorkers,
    liveFraudMonitor: false,
    log: consoleLogger('bench', true),
    onProgress: (m) => process.stderr.write(`  ${m}\n`),
  });
  try {
    await waitForCache(runtime);
    const host = await startHost({ runtime, staticDir, port: 0, log: silentLogger });
    // How long this process's event loop was held up while the sessions ran (sign-ins included).
    const loop = monitorEventLoopDelay({ resolution: 10 });
    try {
      loop.enable();
      const child = fork(fileURLToPath(import.meta.url), ['browsers', host.url, host.launchToken], { execArgv: ['--import', 'tsx'] });
      const answer = await new Promise<{ samples: Sample[]; seconds: number }>((resolve, reject) => {
        child.once('message', (m) => resolve(m as { samples: Sample[]; seconds: number }));
        child.once('exit', (code) => reject(new Error(`the browsers stopped (exit code ${code})`)));
      });
      loop.disable();
      return { ...answer, loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6 };
    } finally {
      await host.close();
    }
  } finally {
    await runtime.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cloudbank-bench-sessions-'));
  try {
    const dataDir = join(dir, 'data');
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>CloudBank</title>');
    process.stderr.write(`demo bank (${DEMO.customers} customers, ${DEMO.months} months) and its cache…\n`);
    process.stderr.write(`${SESSIONS} sessions × ${ROUNDS} visits, reads on the main thread…\n`);
    const base = await phase(dataDir, staticDir, 0);
    process.stderr.write(`${SESSIONS} sessions × ${ROUNDS} visits, reads in the pool…\n`);
    const pool = await phase(dataDir, staticDir, undefined);

    const methods = [...new Set(base.samples.map((s) => s.method))];
    const ms = (xs: Sample[], m?: string): number[] => xs.filter((s) => !m || s.method === m).map((s) => s.ms);
    const rows = [...methods, 'all'].map((m) => {
      const key = m === 'all' ? undefined : m;
      const b = ms(base.samples, key);
      const p = ms(pool.samples, key);
      return { method: m, calls: p.length, main_p50_ms: round(p50(b)), main_p95_ms: round(p95(b)), pool_p50_ms: round(p50(p)), pool_p95_ms: round(p95(p)) };
    });
    console.table(rows);
    const all = (x: typeof base) => ms(x.samples);
    console.log(
      JSON.stringify({
        bench: 'sessions',
        sessions: SESSIONS,
        visits: ROUNDS,
        calls: all(pool).length,
        demo_customers: DEMO.customers,
        main_thread: {
          p50_ms: round(p50(all(base))),
          p95_ms: round(p95(all(base))),
          seconds: round(base.seconds),
          loop_max_ms: round(base.loopMaxMs),
          loop_p99_ms: round(base.loopP99Ms),
        },
        pool: {
          p50_ms: round(p50(all(pool))),
          p95_ms: round(p95(all(pool))),
          seconds: round(pool.seconds),
          loop_max_ms: round(pool.loopMaxMs),
          loop_p99_ms: round(pool.loopP99Ms),
        },
        peak_rss_mb: peakRssMb(),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] !== 'browsers') {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
