import { spawn, spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/audit';
import { generateDemoBank } from '../../main/demo';
import { withoutSeededReview } from '../support/scanner-only';
import { fraudExplanationSchema } from '../../shared/fraud-explanation';
import { exportAlerts, fraudScanHandler, LiveMonitor, readScanPosition, SCAN_ACTOR, scanBank, type TxnRow } from '../../main/fraud';
import { migrateToLatest, openMysqlBank, type Bank } from '../../main/source';
import { freshDatabase } from '../support/mariadb';
import { tempDir } from '../support/temp';
import { dataDirBank } from '../support/banks';

const END = Date.UTC(2025, 10, 25, 14, 30, 0);
const SIZE = { customers: 200, months: 4, seed: 11, end: END };

async function counts(bank: Bank): Promise<{ alerts: number; keys: number; links: number }> {
  const r = await sql<{ alerts: number; distinct_keys: number }>`select count(*) as alerts, count(distinct alert_key) as distinct_keys from fraud_alerts`.execute(bank.db);
  const l = await sql<{ n: number }>`select count(*) as n from fraud_alert_txns`.execute(bank.db);
  return { alerts: Number(r.rows[0]?.alerts), keys: Number(r.rows[0]?.distinct_keys), links: Number(l.rows[0]?.n) };
}

/** The same checks on both engines. */
/**
 * A second scanner. MariaDB: another pool in this process. SQLite: another process (the CLI), as it
 * would be in life — two synchronous SQLite connections in one event loop would only wait on each other.
 */
type Scanner = () => Promise<{ alerts: number; created: number }>;

function cliScan(dataDir: string): Promise<{ alerts: number; created: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', 'fraud', 'scan', '--since', '2000-01-01', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /(\d+) alerts raised or updated, (\d+) new/.exec(out);
      if (code !== 0 || !m) reject(new Error(`cloudbank fraud scan exited ${code}: ${out}`));
      else resolve({ alerts: Number(m[1]), created: Number(m[2]) });
    });
  });
}

function scanSuite(name: string, open: () => Promise<{ bank: Bank; otherScanner: Scanner; cleanup: () => Promise<void> }>): void {
  describe(`fraud scan on ${name}`, () => {
    let ctx: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      ctx = await open();
      await generateDemoBank(ctx.bank, SIZE);
      await withoutSeededReview(ctx.bank);
    }, 180_000);
    afterAll(async () => ctx?.cleanup());

    it('raises explained alerts, stores the position and audits the run; a rerun adds nothing', async () => {
      const first = await scanBank(ctx.bank);
      expect(first.transactions).toBeGreaterThan(10_000);
      expect(first.alerts).toBeGreaterThan(0);
      expect(first.created).toBe(first.alerts);
      const after1 = await counts(ctx.bank);
      expect(after1.alerts).toBe(first.alerts);
      expect(after1.keys).toBe(after1.alerts);
      expect(await readScanPosition(ctx.bank)).toBe(first.toEntryId);

      const row = await ctx.bank.db.selectFrom('fraud_alerts').selectAll().orderBy('risk_score', 'desc').executeTakeFirstOrThrow();
      expect(row.status).toBe('new');
      const ex = fraudExplanationSchema.parse(JSON.parse(row.explanation));
      expect(ex.hits.length).toBeGreaterThan(0);
      expect(Number(row.risk_score)).toBe(ex.riskScore);

      // Nothing new booked: the incremental run scores nothing. A full rescan (since the start) raises no duplicate.
      const again = await scanBank(ctx.bank);
      expect(again.transactions).toBe(0);
      const rescan = await scanBank(ctx.bank, { since: 0 });
      expect(rescan.alerts).toBe(first.alerts);
      expect(rescan.created).toBe(0);
      expect(await counts(ctx.bank)).toEqual(after1);

      const audit = await listAudit(ctx.bank.db, { limit: 10, actor: SCAN_ACTOR });
      expect(audit.total).toBeGreaterThanOrEqual(3);
    }, 120_000);

    it('two scanners in parallel never double-alert', async () => {
      await ctx.bank.db.deleteFrom('fraud_alert_txns').execute();
      await ctx.bank.db.deleteFrom('fraud_alerts').execute();
      const [a, b] = await Promise.all([scanBank(ctx.bank, { since: 0 }), ctx.otherScanner()]);
      expect(a.alerts).toBe(b.alerts);
      expect(a.created + b.created).toBe(a.alerts);
      const c = await counts(ctx.bank);
      expect(c.alerts).toBe(a.alerts);
      expect(c.keys).toBe(c.alerts);
    }, 120_000);

    it('exports alerts with their transactions and references', async () => {
      const alerts = await exportAlerts(ctx.bank, { status: 'new' });
      expect(alerts.length).toBeGreaterThan(0);
      const a = alerts[0];
      expect(a?.transactions.length).toBeGreaterThan(0);
      expect(a?.transactions[0]?.reference).toMatch(/\S/);
      expect(a?.accountNo).toMatch(/^CZ/);
      expect(await exportAlerts(ctx.bank, { status: 'confirmed' })).toEqual([]);
    });

    it('live monitor: a new suspicious burst is stored and returned once', async () => {
      const live = await LiveMonitor.start(ctx.bank);
      const acct = await ctx.bank.db
        .selectFrom('accounts')
        .select(['id', 'balance'])
        .where('kind', '=', 'customer')
        .where('status', '=', 'open')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const last = await ctx.bank.db
        .selectFrom('entries')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow();
      const journal = await ctx.bank.db
        .selectFrom('journal')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow();
      // Rows as the sync would hand them over (not written to the ledger: the monitor scores what it is given).
      const rows: TxnRow[] = Array.from({ length: 10 }, (_, i) => ({
        id: Number(last.m) + 1 + i,
        journal_id: Number(journal.m) - i,
        account_id: Number(acct.id),
        amount: -150,
        balance_after: Number(acct.balance) - 150 * (i + 1),
        booked_at: END + 60_000 * (i + 1),
        type: 'card',
        channel: 'card',
        counterparty_name: null,
        counterparty_account: null,
      }));
      const raised = await live.ingest(rows);
      expect(raised.some((a) => a.ruleId === 'velocity' && a.created)).toBe(true);
      expect(await live.ingest(rows)).toEqual([]);
      expect(live.position).toBe(Number(last.m) + 10);
    }, 60_000);
  });
}

scanSuite('SQLite', async () => {
  const dir = tempDir('cloudbank-fraud-');
  const bank = await dataDirBank(dir.path);
  return {
    bank,
    otherScanner: () => cliScan(dir.path),
    cleanup: async () => {
      await bank.close();
      dir.remove();
    },
  };
});

scanSuite('MariaDB', async () => {
  const db = await freshDatabase('cbfraud');
  const bank = openMysqlBank(db.url);
  await migrateToLatest(bank.db, 'mysql');
  return {
    bank,
    otherScanner: async () => {
      const other = openMysqlBank(db.url);
      try {
        return await scanBank(other, { since: 0 });
      } finally {
        await other.close();
      }
    },
    cleanup: async () => {
      await bank.close();
      await db.drop();
    },
  };
});

describe('fraud Lambda handler', () => {
  // AWS Lambda itself cannot run here: the handler is called directly, as Lambda would, against MariaDB.
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    db = await freshDatabase('cbfraudl');
    const bank = openMysqlBank(db.url);
    await migrateToLatest(bank.db, 'mysql');
    await generateDemoBank(bank, { ...SIZE, customers: 150 });
    await withoutSeededReview(bank);
    await bank.close();
  }, 180_000);
  afterAll(async () => db?.drop());

  it('scans the bank named by CLOUDBANK_MYSQL_URL, then nothing on the next run', async () => {
    const saved = process.env.CLOUDBANK_MYSQL_URL;
    process.env.CLOUDBANK_MYSQL_URL = db.url;
    try {
      const first = await fraudScanHandler({});
      expect(first.ok).toBe(true);
      expect(first.summary.transactions).toBeGreaterThan(0);
      const second = await fraudScanHandler({});
      expect(second.summary.transactions).toBe(0);
      await expect(fraudScanHandler({ since: 'not a date' })).rejects.toThrow(/not an instant/);
    } finally {
      if (saved === undefined) delete process.env.CLOUDBANK_MYSQL_URL;
      else process.env.CLOUDBANK_MYSQL_URL = saved;
    }
  }, 120_000);

  it('says what is missing without CLOUDBANK_MYSQL_URL', async () => {
    const saved = process.env.CLOUDBANK_MYSQL_URL;
    delete process.env.CLOUDBANK_MYSQL_URL;
    try {
      await expect(fraudScanHandler({})).rejects.toThrow(/CLOUDBANK_MYSQL_URL/);
    } finally {
      if (saved !== undefined) process.env.CLOUDBANK_MYSQL_URL = saved;
    }
  });
});

describe('cloudbank fraud CLI', () => {
  const cloudbank = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    dir = tempDir('cloudbank-fraud-cli-');
    const bank = await dataDirBank(dir.path);
    await generateDemoBank(bank, { ...SIZE, customers: 150 });
    await withoutSeededReview(bank);
    await bank.close();
  }, 120_000);
  afterAll(() => dir?.remove());

  it('scans with a summary, then exports CSV and JSON', () => {
    const scan = cloudbank('fraud', 'scan', '--data-dir', dir.path);
    expect(scan.err).toBe('');
    expect(scan.code).toBe(0);
    expect(scan.out).toMatch(/Scanned [\d,]+ transactions/);
    expect(scan.out).toMatch(/\d+ alerts raised or updated, \d+ new/);

    const csv = cloudbank('fraud', 'alerts', '--data-dir', dir.path, '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split(/\r\n/);
    expect(lines[0]).toBe('id,alert_key,rules,risk_score,status,assignee,account_no,customer_no,detected_at,transaction_count,references,external_refs');
    expect(lines.length).toBeGreaterThan(1);

    const json = cloudbank('fraud', 'alerts', '--data-dir', dir.path, '--format', 'json', '--status', 'new');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as { id: number; rules: string[]; transactions: { reference: string }[] }[];
    expect(parsed.length).toBe(lines.length - 1);
    expect(parsed[0]?.transactions.length).toBeGreaterThan(0);

    const bad = cloudbank('fraud', 'alerts', '--data-dir', dir.path, '--status', 'maybe');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/Use one of: new, in_review/);
  }, 120_000);
});
