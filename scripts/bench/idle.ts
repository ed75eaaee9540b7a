// npm run bench:idle — what an idle workstation costs the machine: the browser edition (`cloudbank serve`,
// as built in dist/) on the demo bank, a manager signed in with the dashboard open in Chromium, nothing
// booked. After the dashboard has loaded and the cache's sync is live, the server's CPU time (every
// thread: main, sync writer, read workers, libuv) is read from /proc/<pid>/stat over BENCH_IDLE_SECONDS
// (default 90) and reported as a share of one core, per thread too, with the browser's processes and an
// empty Node process (the measurement's floor) over the same window. The server starts as `npm run serve`
// starts it (its node flags read from package.json); the baseline, in the same run, is the same server under
// V8's default flags, with both resident sizes (the memory reducer's trade: idle GCs against a larger heap).
// Prints a table and one JSON line. Target: the server at most 0.5 % of a core.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { round } from './measure';

const SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 90);
/**
 * After the dashboard and the first sync: the pollers double their waits from their fast pace up to
 * their idle pace (sync 0.5 → 5 s, fraud monitor 1 → 5 s), which takes under 10 s; idle starts after.
 */
const SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 15_000);
const TARGET_PCT = 0.5;
const DEMO = { customers: 1500, months: 12, seed: 1993 };
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

interface TaskTimes {
  name: string;
  ticks: number;
  switches: number;
}

/** utime + stime (fields 14 and 15 after the parenthesised name) of a process or one of its threads. */
function ticksOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function switchesOf(statusPath: string): number {
  const status = readFileSync(statusPath, 'utf8');
  const n = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return n('voluntary_ctxt_switches') + n('nonvoluntary_ctxt_switches');
}

/** Each live thread of `pid`, keyed by thread id. Threads that end between two readings are dropped. */
function threads(pid: number): Map<number, TaskTimes> {
  const out = new Map<number, TaskTimes>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const base = `/proc/${pid}/task/${tid}`;
      out.set(Number(tid), { name: readFileSync(`${base}/comm`, 'utf8').trim(), ticks: ticksOf(`${base}/stat`), switches: switchesOf(`${base}/status`) });
    } catch {
      // the thread ended while being read
    }
  }
  return out;
}

/** Process ids whose parent chain leads to `root` (not `root` itself), leaving out `exclude`'s subtree. */
function descendants(root: number, exclude: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === exclude || pid === exclude) break;
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

function processTicks(pids: readonly number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += ticksOf(`/proc/${pid}/stat`);
    } catch {
      // gone
    }
  }
  return sum;
}

/** The demo bank, generated once per size and seed and copied for each run (the server writes to its copy). */
function demoTemplate(): string {
  const dir = join(tmpdir(), `cloudbank-bench-idle-demo-${DEMO.customers}-${DEMO.months}-${DEMO.seed}`);
  if (existsSync(join(dir, 'bank.sqlite'))) return dir;
  process.stderr.write(`generating the demo bank (${DEMO.customers} customers, ${DEMO.months} months)…\n`);
  rmSync(dir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    ['bin/cloudbank.mjs', 'demo', '--customers', String(DEMO.customers), '--months', String(DEMO.months), '--seed', String(DEMO.seed), '--fraud-scan', '--data-dir', dir],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return dir;
}

function startServe(dataDir: string, nodeArgs: readonly string[]): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [...nodeArgs, 'bin/cloudbank.mjs', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open:\s+(\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`cloudbank serve exited (${code}) before it was ready:\n${out}`)));
  });
  return { child, url, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const limit = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(limit);
}

interface IdleRun {
  rows: Record<string, string | number>[];
  seconds: number;
  serverPct: number;
  wakeups: number;
  rssMb: number;
  browserPct: number;
  floorPct: number;
}

/** Resident memory of a process now, in MB (VmRSS): what the memory reducer would have given back. */
function rssMb(pid: number): number {
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return round(kb / 1024, 0);
}

/** One server started with `nodeArgs` on a copy of the template, signed in, settled, then measured idle. */
async function measureIdle(template: string, nodeArgs: readonly string[], label: string): Promise<IdleRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudbank-bench-idle-'));
  // The bank is encrypted: its sealed key and the key file that unseals it travel with it.
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  for (const f of ['bank.sqlite', 'bank.sqlite-wal', 'keys/secrets.key', 'keys/bank.key.sealed'])
    if (existsSync(join(template, f))) copyFileSync(join(template, f), join(dataDir, f));
  const server = startServe(dataDir, nodeArgs);
  const floor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  const browser = await chromium.launch({
    headless: true,
    ...(CHROMIUM ? { executablePath: CHROMIUM } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const openUrl = await server.url;
    const serverPid = server.child.pid;
    if (serverPid === undefined || floor.pid === undefined) throw new Error('A child process has no pid.');

    process.stderr.write(`${label}: signing in as manager, opening the dashboard…\n`);
    const page = await browser.newPage();
    await page.goto(openUrl);
    await page.getByTestId('signin-username').fill('manager');
    await page.getByTestId('signin-password').fill('cloudbank-demo');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('dashboard').waitFor({ timeout: 60_000 });
    await page.getByTestId('volume-chart').waitFor({ timeout: 60_000 });
    await page.getByTestId('kpi-loading').first().waitFor({ state: 'detached', timeout: 60_000 });
    // Idle means the cache holds its copy and the sync only watches for changes: asked from the page, as the page asks.
    const syncState = (): Promise<{ state: string; progress: unknown } | null> =>
      page.evaluate(async () => {
        const store = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage;
        const res = await fetch('/api/call', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${store.getItem('cloudbank.launchToken') ?? ''}`,
            'X-CloudBank-Session': store.getItem('cloudbank.session') ?? '',
          },
          body: JSON.stringify({ method: 'sync.status', input: {} }),
        });
        const body = (await res.json()) as { ok: boolean; result?: { state: string; progress: unknown } };
        return body.ok && body.result ? body.result : null;
      });
    for (const started = Date.now(); ;) {
      const s = await syncState();
      if (s?.state === 'live' && s.progress === null) break;
      if (Date.now() - started > 180_000) throw new Error(`The cache's sync is not live after 3 minutes: ${JSON.stringify(s)}`);
      await page.waitForTimeout(250);
    }
    process.stderr.write(`${label}: settling ${SETTLE_MS / 1000} s, then measuring ${SECONDS} s of idle…\n`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));

    const browserPids = descendants(process.pid, serverPid).filter((p) => p !== floor.pid);
    const before = { threads: threads(serverPid), server: processTicks([serverPid]), browser: processTicks(browserPids), floor: processTicks([floor.pid]) };
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const seconds = (performance.now() - t0) / 1000;
    const rss = rssMb(serverPid);
    const after = { threads: threads(serverPid), server: processTicks([serverPid]), browser: processTicks(browserPids), floor: processTicks([floor.pid]) };

    const pct = (ticks: number): number => (100 * ticks) / CLK_TCK / seconds;
    const rows: Record<string, string | number>[] = [];
    // Each thread that burned CPU or woke up (Node 20 names every thread "node": the main one is the pid).
    let switches = 0;
    const perThread = [...after.threads].map(([tid, a]) => {
      const b = before.threads.get(tid);
      switches += a.switches - (b?.switches ?? 0);
      return { tid, name: tid === serverPid ? 'main' : `${a.name} ${tid}`, ticks: a.ticks - (b?.ticks ?? 0), switches: a.switches - (b?.switches ?? 0), isNew: !b };
    });
    for (const t of perThread.sort((x, y) => y.ticks - x.ticks || y.switches - x.switches)) {
      if (t.ticks === 0 && t.switches === 0) continue;
      rows.push({
        process: label,
        thread: t.isNew ? `${t.name} (new)` : t.name,
        threads: 1,
        cpu_ms: round((1000 * t.ticks) / CLK_TCK, 0),
        cpu_pct: round(pct(t.ticks), 3),
        wakeups_per_s: round(t.switches / seconds, 2),
      });
    }
    const serverPct = pct(after.server - before.server);
    const browserPct = pct(after.browser - before.browser);
    const floorPct = pct(after.floor - before.floor);
    const wakeups = switches / seconds;
    rows.push({
      process: `${label} (all threads, ${rss} MB RSS)`,
      thread: '',
      threads: after.threads.size,
      cpu_ms: round((1000 * (after.server - before.server)) / CLK_TCK, 0),
      cpu_pct: round(serverPct, 3),
      wakeups_per_s: round(wakeups, 1),
    });
    rows.push({
      process: 'chromium (all processes)',
      thread: '',
      threads: browserPids.length,
      cpu_ms: round((1000 * (after.browser - before.browser)) / CLK_TCK, 0),
      cpu_pct: round(browserPct, 3),
      wakeups_per_s: '',
    });
    rows.push({
      process: 'empty node (floor)',
      thread: '',
      threads: 1,
      cpu_ms: round((1000 * (after.floor - before.floor)) / CLK_TCK, 0),
      cpu_pct: round(floorPct, 3),
      wakeups_per_s: '',
    });
    return { rows, seconds, serverPct, wakeups, rssMb: rss, browserPct, floorPct };
  } catch (e) {
    process.stderr.write(`cloudbank serve said:\n${server.output()}\n`);
    throw e;
  } finally {
    await browser.close();
    floor.kill('SIGTERM');
    await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The node flags `npm run serve` (and `npm start`) launch the server with, read from package.json so the
 * bench starts it exactly as users do: --no-memory-reducer, without which V8 runs a GC every few seconds
 * in each idle thread to shrink heaps (2-4x the idle target).
 */
function launchFlags(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const command = (scripts.serve ?? '').split('&&').pop()?.trim().split(/\s+/) ?? [];
  return command[0] === 'node' ? command.slice(1, command.indexOf('bin/cloudbank.mjs')) : [];
}

async function main(): Promise<void> {
  for (const built of ['dist/cli.mjs', 'dist/renderer/index.html']) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" first (the bench measures the built app).`);
  }
  const template = demoTemplate();
  // BENCH_IDLE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server to see where its idle time goes.
  const extra = (process.env.BENCH_IDLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const flags = launchFlags();
  const shipped = await measureIdle(template, [...flags, ...extra], `server (${flags.join(' ') || 'no flags'})`);
  // The baseline in the same run: the same server under V8's default flags.
  const baseline = await measureIdle(template, extra, 'baseline (V8 defaults)');
  console.table([...shipped.rows, ...baseline.rows.filter((r) => String(r.process).includes('all threads'))]);
  console.log(
    JSON.stringify({
      bench: 'idle',
      edition: 'browser',
      bank: `demo ${DEMO.customers} customers, ${DEMO.months} months`,
      node_flags: flags,
      seconds: round(shipped.seconds, 1),
      cpu_pct: round(shipped.serverPct, 3),
      wakeups_per_s: round(shipped.wakeups, 1),
      rss_mb: shipped.rssMb,
      browser_cpu_pct: round(shipped.browserPct, 3),
      floor_cpu_pct: round(shipped.floorPct, 3),
      baseline: { node_flags: [], cpu_pct: round(baseline.serverPct, 3), wakeups_per_s: round(baseline.wakeups, 1), rss_mb: baseline.rssMb },
      target_pct: TARGET_PCT,
      within_target: shipped.serverPct <= TARGET_PCT,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
