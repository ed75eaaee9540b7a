// npm run bench:ops — 16 concurrent workers post random deposits, withdrawals and transfers for 30 s
// over 10,000 accounts on the real MariaDB through the product's banking operations (locks, rules,
// idempotency, audit), including replayed idempotency keys and attempts to overdraw. Baseline in the
// same run: the same 16 workers committing the smallest possible write transaction (one insert + one
// update) through mysql2 — the server's ceiling for transactions on this machine.
// Prints a table and one JSON line; exits 1 when an invariant is violated.
import { randomUUID } from 'node:crypto';
import { createPool } from 'mysql2/promise';
import type { Operation, Receipt } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { sealAudit, verifyAudit } from '../../main/audit';
import { InternalRoutes, submitOperation } from '../../main/banking';
import { checkLedger } from '../../main/ledger';
import { openMysqlBank, type Bank } from '../../main/source';
import { peakRssMb, round } from './measure';
import { runBench } from './run-bench';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const BRANCHES = 20;
const OPENING = 200_000; // 2,000.00 EUR on every account
const OVERDRAFT = 50_000;
const DAILY_CASH = 100_000;

/** Branches, one product with an overdraft and a daily cash limit, customers, accounts with opening balances posted as journals. */
async function fillBank(url: string): Promise<void> {
  const pool = createPool({ uri: url, connectionLimit: 1, multipleStatements: true });
  const now = Date.now() - 86_400_000;
  await pool.query(`insert into branches (id, code, name, region, address, city, phone, hours, created_at, updated_at)
    select seq, concat('B', seq), concat('Branch ', seq), 'Bench', 'Main St 1', 'Prague', '+420 000', 'Mo–Fr 9–17', ${now}, ${now} from seq_1_to_${BRANCHES}`);
  await pool.query(`insert into products (id, code, name, kind, currency, interest_rate_bp, monthly_fee, overdraft_limit, daily_withdrawal_limit, active, description, created_at, updated_at)
    values (1, 'BENCH-CUR', 'Bench current', 'current', 'EUR', 0, 0, ${OVERDRAFT}, ${DAILY_CASH}, 1, '', ${now}, ${now})`);
  await pool.query(`insert into customers (id, customer_no, legal_name, date_of_birth, gender, national_id, address, city, phone, email, occupation, risk_rating, kyc_status, kyc_next_review, preferred_channel, branch_id, created_at, updated_at)
    select seq, concat('C', seq), concat('Customer ', seq), '1980-01-01', 'X', concat('N', seq), 'Street 1', 'Prague', '+420', concat('c', seq, '@example.com'), 'clerk', 'low', 'verified', '2030-01-01', 'email', 1 + seq % ${BRANCHES}, ${now}, ${now} from seq_1_to_${ACCOUNTS}`);
  await pool.query(`insert into accounts (id, account_no, kind, name, customer_id, product_id, branch_id, currency, balance, status, opened_at, updated_at)
    values (1, 'OPENING', 'internal', 'Opening balances', null, null, 1, 'EUR', ${-OPENING * ACCOUNTS}, 'open', ${now}, ${now})`);
  await pool.query(`insert into accounts (id, account_no, kind, name, customer_id, product_id, branch_id, currency, balance, status, opened_at, updated_at)
    select seq + 1, concat('ACC', seq), 'customer', 'Bench current', seq, 1, 1 + seq % ${BRANCHES}, 'EUR', ${OPENING}, 'open', ${now}, ${now} from seq_1_to_${ACCOUNTS}`);
  await pool.query(`insert into journal (id, reference, booked_at, type, channel, amount, currency, description, status, created_by)
    select seq, concat('OPEN', seq), ${now}, 'deposit', 'system', ${OPENING}, 'EUR', 'Opening balance', 'posted', 'bench' from seq_1_to_${ACCOUNTS}`);
  await pool.query(`insert into entries (journal_id, account_id, amount, balance_after, booked_at)
    select seq, seq + 1, ${OPENING}, ${OPENING}, ${now} from seq_1_to_${ACCOUNTS}`);
  await pool.query(`insert into entries (journal_id, account_id, amount, balance_after, booked_at)
    select seq, 1, ${-OPENING}, ${-OPENING} * cast(seq as signed), ${now} from seq_1_to_${ACCOUNTS}`);
  await pool.end();
}

/** The ceiling: 16 workers each committing insert + update transactions as fast as the server takes them. */
async function baseline(url: string, seconds: number): Promise<number> {
  const pool = createPool({ uri: url, connectionLimit: WORKERS });
  await pool.query('create table bench_baseline (id bigint primary key auto_increment, account int not null, amount bigint not null)');
  await pool.query('create table bench_counter (id int primary key, total bigint not null)');
  await pool.query(`insert into bench_counter select seq, 0 from seq_1_to_${ACCOUNTS}`);
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const conn = await pool.getConnection();
      while (performance.now() < until) {
        const account = 1 + Math.floor(Math.random() * ACCOUNTS);
        await conn.beginTransaction();
        await conn.query('insert into bench_baseline (account, amount) values (?, ?)', [account, 100]);
        await conn.query('update bench_counter set total = total + 100 where id = ?', [account]);
        await conn.commit();
        done++;
      }
      conn.release();
    }),
  );
  await pool.query('drop table bench_baseline, bench_counter');
  await pool.end();
  return done / seconds;
}

interface Tally {
  ops: number;
  posted: number;
  replayed: number;
  replayMismatches: number;
  refused: Record<string, number>;
  latencies: number[];
  externalIn: number;
  externalOut: number;
  errors: string[];
}

const pick = (n: number): number => 1 + Math.floor(Math.random() * n);
const accountNo = (id: number): string => `ACC${id - 1}`;

async function runWorkers(bank: Bank, routes: InternalRoutes, seconds: number): Promise<Tally> {
  const t: Tally = { ops: 0, posted: 0, replayed: 0, replayMismatches: 0, refused: {}, latencies: [], externalIn: 0, externalOut: 0, errors: [] };
  const recent: { key: string; op: Operation; reference: string }[] = [];
  const balances = async (id: number): Promise<number> => Number((await bank.db.selectFrom('accounts').select('balance').where('id', '=', id).executeTakeFirstOrThrow()).balance);
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      while (performance.now() < until) {
        const roll = Math.random();
        const account = 1 + pick(ACCOUNTS);
        let op: Operation;
        let key = `bench-${w}-${randomUUID()}`;
        let replayOf: string | null = null;
        if (roll < 0.05 && recent.length > 0) {
          // A retried submit: same key, same operation — must return the first receipt and post nothing.
          const r = recent[Math.floor(Math.random() * recent.length)];
          if (!r) continue;
          ({ key, op } = r);
          replayOf = r.reference;
        } else if (roll < 0.1) {
          // An attempt to overdraw: one cent beyond balance + overdraft.
          const over = (await balances(account)) + OVERDRAFT + 1;
          op = { kind: 'transfer', fromAccountId: account, toAccountNo: accountNo(1 + pick(ACCOUNTS)), amount: (over / 100).toFixed(2), currency: 'EUR', description: '' };
        } else if (roll < 0.4) {
          op = { kind: 'deposit', accountId: account, amount: String(pick(500)), currency: 'EUR', description: '' };
        } else if (roll < 0.65) {
          op = { kind: 'withdrawal', accountId: account, amount: String(pick(300)), currency: 'EUR', description: '' };
        } else {
          let to = 1 + pick(ACCOUNTS);
          if (to === account) to = account === ACCOUNTS + 1 ? 2 : account + 1;
          op = { kind: 'transfer', fromAccountId: account, toAccountNo: accountNo(to), amount: String(pick(400)), currency: 'EUR', description: '' };
        }
        const started = performance.now();
        let receipt: Receipt | null = null;
        try {
          receipt = await submitOperation(bank, routes, op, key, `bench-worker-${w}`);
        } catch (e) {
          if (e instanceof AppError) t.refused[e.code] = (t.refused[e.code] ?? 0) + 1;
          else t.errors.push(e instanceof Error ? e.message : String(e));
        }
        t.latencies.push(performance.now() - started);
        t.ops++;
        if (!receipt) continue;
        if (receipt.replayed) {
          t.replayed++;
          if (receipt.reference !== replayOf) t.replayMismatches++;
          continue;
        }
        if (replayOf) t.replayMismatches++; // a replay that posted again
        t.posted++;
        if (op.kind === 'deposit') t.externalIn += receipt.amount;
        if (op.kind === 'withdrawal') t.externalOut += receipt.amount;
        if (recent.length < 2000) recent.push({ key, op, reference: receipt.reference });
        else recent[Math.floor(Math.random() * recent.length)] = { key, op, reference: receipt.reference };
      }
    }),
  );
  return t;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;

async function customerTotal(bank: Bank): Promise<number> {
  const r = await bank.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.sum<number>('balance').as('s'))
    .where('kind', '=', 'customer')
    .executeTakeFirstOrThrow();
  return Number(r.s);
}

async function auditCount(bank: Bank): Promise<number> {
  return Number(
    (
      await bank.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

async function allTotal(bank: Bank): Promise<number> {
  const r = await bank.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.sum<number>('balance').as('s'))
    .executeTakeFirstOrThrow();
  return Number(r.s);
}

runBench('ops', async ({ mysql }) => {
  await fillBank(mysql.url);
  const base = await baseline(mysql.url, Math.min(10, SECONDS));
  const bank = openMysqlBank(mysql.url, WORKERS + 4);
  try {
    const routes = new InternalRoutes(bank);
    // Open every branch's till up front, as a bank does before the doors open.
    for (let b = 1; b <= BRANCHES; b++) await routes.resolve('cash', 'EUR', b);
    const before = await customerTotal(bank);
    const auditBefore = await auditCount(bank);
    // As in the app: a sealer links the queued audit entries into the hash chain every second.
    let sealing: Promise<unknown> = Promise.resolve();
    const sealer = setInterval(() => {
      sealing = sealing.then(() => sealAudit(bank));
    }, 1000);
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const t = await runWorkers(bank, routes, SECONDS);
    const cpu = process.cpuUsage(cpu0);
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sealer);
    await sealing;
    await sealAudit(bank);
    const after = await customerTotal(bank);
    const chain = await verifyAudit(bank.db);

    const ledger = await checkLedger(bank);
    const dupKeys = Number(
      (
        await bank.db
          .selectFrom('journal')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('idempotency_key', 'is not', null)
          .groupBy('idempotency_key')
          .having((eb) => eb.fn.countAll(), '>', 1)
          .execute()
      ).length,
    );
    const violations: Record<string, number> = {
      customer_total_drift: Math.abs(after - before - (t.externalIn - t.externalOut)),
      bank_total_not_zero: Math.abs(await allTotal(bank)),
      unbalanced_journals: ledger.unbalancedJournals,
      below_limit: ledger.belowOverdraft,
      idempotency_key_posted_twice: dupKeys + t.replayMismatches,
      balance_not_sum_of_entries: ledger.balanceMismatches,
      running_balance_mismatches: ledger.runningBalanceMismatches,
      audit_entries_missing: Math.abs((await auditCount(bank)) - auditBefore - t.posted),
      audit_chain_broken: chain.ok ? 0 : 1,
      unexpected_errors: t.errors.length,
    };
    const violationCount = Object.values(violations).filter((v) => v !== 0).length;
    const sorted = [...t.latencies].sort((a, b) => a - b);
    const opsPerS = t.ops / elapsed;

    console.table({
      'baseline (insert + update txn)': { 'per s': round(base, 0) },
      'banking operations': { 'per s': round(opsPerS, 0) },
      posted: { 'per s': round(t.posted / elapsed, 0) },
    });
    console.table({ outcomes: { ops: t.ops, posted: t.posted, replayed: t.replayed, ...t.refused } });
    console.table(violations);
    if (t.errors.length) console.error('unexpected errors (first 5):', t.errors.slice(0, 5));
    console.log(
      JSON.stringify({
        bench: 'ops',
        ops: t.ops,
        ops_per_s: round(opsPerS, 0),
        p50_ms: round(pct(sorted, 0.5), 1),
        p99_ms: round(pct(sorted, 0.99), 1),
        invariants_ok: violationCount === 0,
        violations: violationCount,
        posted: t.posted,
        replayed: t.replayed,
        refused: t.refused,
        baseline_txn_per_s: round(base, 0),
        ratio: round(opsPerS / base, 2),
        workers: WORKERS,
        accounts: ACCOUNTS,
        seconds: SECONDS,
        node_cpu_share: round((cpu.user + cpu.system) / 1e6 / elapsed, 2),
        peak_rss_mb: peakRssMb(),
      }),
    );
    if (violationCount > 0) process.exitCode = 1;
  } finally {
    await bank.close();
  }
});
