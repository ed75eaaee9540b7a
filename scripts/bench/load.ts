// npm run bench:load — the browser edition under load over HTTP: BENCH_SESSIONS signed-in staff (managers and
// fraud analysts) each opening the dashboard, the alert queue, the explorer and a customer search, with a
// think time between pages, while BENCH_WRITERS tellers post deposits, withdrawals and transfers, for
// BENCH_SECONDS. First, in the same run on the same server, the baseline: one session alone, no writers.
// The clients run in a child process, as browsers would. After the load: the ledger checked (every journal
// balanced, every balance the sum of its entries) and the journal grown by exactly the postings answered.
// Prints a table and one JSON line. BENCH_SESSIONS (50), BENCH_WRITERS (16), BENCH_SECONDS (300),
// BENCH_BASELINE_SECONDS (30), BENCH_THINK_MS (1000), BENCH_CUSTOMERS, BENCH_MONTHS.
import { randomUUID } from 'node:crypto';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../../main/auth';
import { DEFAULT_DEMO } from '../../main/demo';
import { startHost } from '../../main/host';
import { checkLedger } from '../../main/ledger';
import { consoleLogger, silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import { fileKeySecretStore } from '../../main/secrets';
import { dataPaths } from '../../main/settings';
import { embeddedBankKey, openSqliteBank, type Bank } from '../../main/source';
import type { ApiResult } from '../../shared/errors';
import { p95, peakRssMb, round } from './measure';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 30);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const DEMO = { ...DEFAULT_DEMO, customers: Number(process.env.BENCH_CUSTOMERS ?? DEFAULT_DEMO.customers), months: Number(process.env.BENCH_MONTHS ?? DEFAULT_DEMO.months) };
const DAY = 86_400_000;
/** Refusals a teller meets in a normal day: a rule said no, nothing failed. */
const BANKING_REFUSALS = new Set(['INSUFFICIENT_FUNDS', 'LIMIT_EXCEEDED', 'ACCOUNT_FROZEN', 'ACCOUNT_CLOSED']);
/** The writers' postings are the load, not what is judged: summed apart from the sessions' pages. */
const POSTING = 'post operation';

const SURNAMES = ['Nov', 'Dvo', 'Svo', 'Ček', 'Pro', 'Kuč', 'Hor', 'Ver', 'Maš', 'Pok'];

interface Sample {
  page: string;
  ms: number;
  ok: boolean;
}
interface Account {
  id: number;
  no: string;
  currency: string;
}
interface Phase {
  samples: Sample[];
  seconds: number;
  posted: number;
  refused: number;
  writeErrors: string[];
}
interface Job {
  url: string;
  token: string;
  sessions: number;
  writers: number;
  seconds: number;
  accounts: Account[];
}

const pct = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
};

// ---------------------------------------------------------------- the clients (child process)

async function clients(job: Job): Promise<Phase> {
  const samples: Sample[] = [];
  const call = async (method: string, input: unknown, session: string | null): Promise<ApiResult<unknown>> => {
    const res = await fetch(`${job.url}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${job.token}`, Origin: job.url, ...(session ? { 'X-CloudBank-Session': session } : {}) },
      body: JSON.stringify({ method, input }),
    });
    return (await res.json()) as ApiResult<unknown>;
  };
  const signIn = async (username: string): Promise<string> => {
    const r = await call('auth.signIn', { username, password: DEMO_PASSWORD }, null);
    if (!r.ok) throw new Error(`sign-in ${username}: ${r.error.message}`);
    return (r.result as { token: string }).token;
  };
  /** One page: its calls at once, as the screen asks them; the page's time is the slowest. */
  const page = async (name: string, calls: Array<Promise<ApiResult<unknown>>>): Promise<void> => {
    const t = performance.now();
    const answers = await Promise.all(calls.map((c) => c.catch(() => null)));
    samples.push({ page: name, ms: performance.now() - t, ok: answers.every((a) => a?.ok === true) });
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

  // One after another, as people arrive: parallel sign-ins of one user are counted before their password is
  // checked (the lockout's rule against parallel guessing), so past five at once they are asked to retry.
  const readers: string[] = [];
  for (let i = 0; i < job.sessions; i++) readers.push(await signIn(i % 2 ? 'analyst' : 'manager'));
  const tellers: string[] = [];
  for (let i = 0; i < job.writers; i++) tellers.push(await signIn('teller'));
  // The clock starts once everyone is signed in (sign-in is slow on purpose: the password hash).
  const deadline = Date.now() + job.seconds * 1000;

  const reader = async (s: string, i: number): Promise<void> => {
    // Sessions start spread over one think time, not in lockstep.
    await sleep(Math.random() * THINK_MS);
    for (let r = 0; Date.now() < deadline; r++) {
      const now = Date.now();
      const pageNo = (i + r) % 4;
      if (pageNo === 0) {
        await page('dashboard', [
          call('dashboard.summary', {}, s),
          call('dashboard.volume', { days: 90 }, s),
          call('dashboard.activity', { limit: 20 }, s),
          call('fraud.summary', { since: now - DAY }, s),
        ]);
      } else if (pageNo === 1) {
        await page('alert queue', [call('alerts.list', { sort: 'risk', limit: 50 }, s)]);
      } else if (pageNo === 2) {
        await page('explorer', [
          call('metrics.query', { metric: r % 2 ? 'transactions_volume' : 'transactions_count', from: iso(now - 31 * DAY), to: iso(now + DAY), grain: 'day' }, s),
        ]);
      } else {
        await page('customer search', [call('customers.search', { query: SURNAMES[(i + r) % SURNAMES.length] ?? 'Nov', limit: 20 }, s)]);
      }
      await sleep(THINK_MS * (0.5 + Math.random()));
    }
  };

  let posted = 0;
  let refused = 0;
  const writeErrors: string[] = [];
  const pick = (): Account => job.accounts[Math.floor(Math.random() * job.accounts.length)] ?? (job.accounts[0] as Account);
  const writer = async (s: string): Promise<void> => {
    while (Date.now() < deadline) {
      const a = pick();
      const amount = `${1 + Math.floor(Math.random() * 200)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
      const roll = Math.random();
      const to = pick();
      const operation =
        roll < 0.4
          ? { kind: 'deposit', accountId: a.id, amount, currency: a.currency, description: 'Cash in' }
          : roll < 0.7 || to.id === a.id || to.currency !== a.currency
            ? { kind: 'withdrawal', accountId: a.id, amount, currency: a.currency, description: 'Cash out' }
            : { kind: 'transfer', fromAccountId: a.id, toAccountNo: to.no, amount, currency: a.currency, description: 'Rent' };
      const t = performance.now();
      const r = await call('ops.submit', { operation, idempotencyKey: `load-${randomUUID()}` }, s).catch((e: unknown) => ({
        ok: false as const,
        error: { code: 'HTTP', message: String(e) },
      }));
      const ok = r.ok || BANKING_REFUSALS.has(r.error.code);
      samples.push({ page: POSTING, ms: performance.now() - t, ok });
      if (r.ok) posted++;
      else if (ok) refused++;
      else writeErrors.push(`${r.error.code}: ${r.error.message}`);
    }
  };
  const t = performance.now();
  await Promise.all([...readers.map((s, i) => reader(s, i)), ...tellers.map((s) => writer(s))]);
  return { samples, seconds: (performance.now() - t) / 1000, posted, refused, writeErrors };
}

if (process.argv[2] === 'clients') {
  process.once('message', (job) => {
    clients(job as Job).then(
      (answer) => process.send?.(answer, () => process.exit(0)),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}

// ---------------------------------------------------------------- the server (this process)

async function waitForCache(runtime: Runtime): Promise<void> {
  const signIn = await runtime.dispatch({ method: 'auth.signIn', input: { username: 'admin', password: DEMO_PASSWORD }, sessionToken: null, transport: 'test', origin: 'bench' });
  if (!signIn.ok) throw new Error(signIn.error.message);
  const token = (signIn.result as { token: string }).token;
  for (;;) {
    const s = await runtime.dispatch({ method: 'sync.status', input: {}, sessionToken: token, transport: 'test', origin: 'bench' });
    if (s.ok && (s.result as { state: string }).state === 'live') return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The embedded bank behind the server, opened a second time (WAL: reads alongside its writer) to pick accounts and check the ledger. */
function openDataDirBank(dataDir: string): Bank {
  const paths = dataPaths(dataDir);
  return openSqliteBank(paths.demoBank, embeddedBankKey({ file: paths.demoBank, sealedKey: paths.bankKey }, fileKeySecretStore(paths.keyFile)));
}

async function journalCount(bank: Bank): Promise<number> {
  return Number(
    (
      await bank.db
        .selectFrom('journal')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

function runClients(job: Job): Promise<Phase> {
  const child = fork(fileURLToPath(import.meta.url), ['clients'], { execArgv: ['--import', 'tsx'] });
  child.send(job);
  return new Promise<Phase>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Phase));
    child.once('exit', (code) => reject(new Error(`the clients stopped (exit code ${code})`)));
  });
}

function summary(samples: Sample[]) {
  const ms = samples.map((s) => s.ms);
  return { requests: samples.length, p50_ms: round(pct(ms, 0.5)), p95_ms: round(p95(ms)), p99_ms: round(pct(ms, 0.99)), errors: samples.filter((s) => !s.ok).length };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cloudbank-bench-load-'));
  try {
    const dataDir = join(dir, 'data');
    const staticDir = join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>CloudBank</title>');
    process.stderr.write(`demo bank (${DEMO.customers} customers, ${DEMO.months} months) and its cache…\n`);
    // Sign-in throttles sized for the bench's own sign-ins (dozens of sessions of one demo user from one address).
    const runtime = await openRuntime({
      dataDir,
      demo: DEMO,
      liveFraudMonitor: false,
      signInLimits: { perUser: 1000, perSource: 1000, windowMs: 60_000 },
      log: consoleLogger('bench', true),
      onProgress: (m) => process.stderr.write(`  ${m}\n`),
    });
    const bank = openDataDirBank(dataDir);
    try {
      await waitForCache(runtime);
      const host = await startHost({ runtime, staticDir, port: 0, log: silentLogger });
      try {
        const rows = await bank.db
          .selectFrom('accounts as a')
          .innerJoin('customers as c', 'c.id', 'a.customer_id')
          .select(['a.id', 'a.account_no', 'a.currency'])
          .where('a.kind', '=', 'customer')
          .where('a.status', '=', 'open')
          .where('c.kyc_status', '=', 'verified')
          .where('a.currency', '=', 'EUR')
          .orderBy('a.balance', 'desc')
          .limit(400)
          .execute();
        const accounts = rows.map((r) => ({ id: Number(r.id), no: r.account_no, currency: r.currency }));
        const job = (sessions: number, writers: number, seconds: number): Job => ({ url: host.url, token: host.launchToken, sessions, writers, seconds, accounts });

        process.stderr.write(`baseline: 1 session alone for ${BASELINE_SECONDS} s…\n`);
        const base = await runClients(job(1, 0, BASELINE_SECONDS));
        const journalsBefore = await journalCount(bank);
        process.stderr.write(`load: ${SESSIONS} sessions and ${WRITERS} tellers posting for ${SECONDS} s…\n`);
        const load = await runClients(job(SESSIONS, WRITERS, SECONDS));
        const journalsAfter = await journalCount(bank);
        const ledger = await checkLedger(bank);
        const ledgerOk = ledger.unbalancedJournals + ledger.journalsWithoutEntries + ledger.amountMismatches + ledger.balanceMismatches === 0;
        const invariantsOk = ledgerOk && journalsAfter - journalsBefore === load.posted;

        const pages = [...new Set(load.samples.map((s) => s.page))];
        console.table(
          pages.map((name) => {
            const b = base.samples.filter((s) => s.page === name).map((s) => s.ms);
            const l = load.samples.filter((s) => s.page === name);
            const ms = l.map((s) => s.ms);
            return {
              page: name,
              baseline_p50_ms: b.length ? round(pct(b, 0.5)) : null,
              baseline_p95_ms: b.length ? round(p95(b)) : null,
              requests: l.length,
              p50_ms: round(pct(ms, 0.5)),
              p95_ms: round(p95(ms)),
              p99_ms: round(pct(ms, 0.99)),
              errors: l.filter((s) => !s.ok).length,
            };
          }),
        );
        for (const e of [...new Set(load.writeErrors)].slice(0, 5)) process.stderr.write(`  write error: ${e}\n`);
        // p50/p95/p99 are the sessions' pages (a page's time is its slowest call); the postings, far more
        // numerous and quicker, would otherwise pull the percentiles down and hide the pages' tail.
        const l = summary(load.samples.filter((s) => s.page !== POSTING));
        const ops = summary(load.samples.filter((s) => s.page === POSTING));
        const b = summary(base.samples);
        console.log(
          JSON.stringify({
            bench: 'load',
            sessions: SESSIONS,
            writers: WRITERS,
            seconds: round(load.seconds),
            think_ms: THINK_MS,
            demo_customers: DEMO.customers,
            requests: l.requests,
            p50_ms: l.p50_ms,
            p95_ms: l.p95_ms,
            p99_ms: l.p99_ms,
            errors: l.errors + ops.errors,
            ops_p50_ms: ops.p50_ms,
            ops_p95_ms: ops.p95_ms,
            ops_posted: load.posted,
            ops_refused_by_rules: load.refused,
            ops_per_s: round(load.posted / load.seconds),
            invariants_ok: invariantsOk,
            journal_delta: journalsAfter - journalsBefore,
            baseline: { sessions: 1, writers: 0, seconds: round(base.seconds), requests: b.requests, p50_ms: b.p50_ms, p95_ms: b.p95_ms, p99_ms: b.p99_ms, errors: b.errors },
            peak_rss_mb: peakRssMb(),
          }),
        );
      } finally {
        await host.close();
      }
    } finally {
      await bank.close();
      await runtime.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] !== 'clients') {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
