// The MariaDB bank and the cache folder a bench measures over, kept between runs (BENCH_REUSE) so a
// second run measures instead of refilling: one recipe for every bench that needs a large filled bank.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { migrateToLatest, openMysqlBank } from '../../main/source';
import { SERVER } from './mariadb-fixture';
import { round } from './measure';

export interface BenchBankOptions {
  /** Names the databases and folders of this bench (cbbench_<kind>_…, cloudbank-bench-<kind>-…). */
  kind: string;
  /** Size and fixture version: a bank filled for another id is dropped, not reused. */
  id: string;
  reuse: boolean;
  /** Said while filling, e.g. "2,000,000 transactions". */
  what: string;
  fill: (conn: Connection) => Promise<void>;
}

/** A migrated MariaDB bank filled once by `fill` (marked `bench_filled`), reused while its id holds. */
export async function benchBank(o: BenchBankOptions): Promise<{ url: string; fresh: boolean; drop(): Promise<void> }> {
  const name = o.reuse ? `cbbench_${o.kind}_${o.id}` : `cbbench_${o.kind}_${Date.now().toString(36)}`;
  const url = `${SERVER.replace(/\/$/, '')}/${name}`;
  const admin = await createConnection(SERVER);
  try {
    const ready = o.reuse
      ? ((await admin.query(`select 1 from information_schema.tables where table_schema = ? and table_name = 'bank_meta'`, [name]))[0] as unknown[]).length > 0 &&
        ((await admin.query(`select 1 from \`${name}\`.bank_meta where \`key\` = 'bench_filled'`))[0] as unknown[]).length > 0
      : false;
    if (!ready) {
      // Earlier generations of this bench's bank (another size or fixture) only take disk space.
      const [old] = await admin.query(`select schema_name as name from information_schema.schemata where schema_name like 'cbbench\\_${o.kind}\\_%'`);
      for (const { name: n } of old as { name: string }[]) await admin.query(`drop database \`${n}\``);
      await admin.query(`create database \`${name}\``);
    }
    const bank = openMysqlBank(url);
    await migrateToLatest(bank.db, 'mysql');
    await bank.close();
    if (!ready) {
      process.stderr.write(`filling MariaDB with ${o.what}…\n`);
      const t = performance.now();
      const conn = await createConnection({ uri: url, multipleStatements: true });
      try {
        await o.fill(conn);
        await conn.query(`insert into bank_meta (\`key\`, value) values ('bench_filled', ?)`, [new Date().toISOString()]);
      } finally {
        await conn.end();
      }
      process.stderr.write(`  ${round((performance.now() - t) / 1000)} s\n`);
    } else process.stderr.write(`reusing MariaDB database ${name}\n`);
    return {
      url,
      fresh: !ready,
      drop: async () => {
        if (o.reuse) return;
        const c = await createConnection(SERVER);
        await c.query(`drop database \`${name}\``);
        await c.end();
      },
    };
  } finally {
    await admin.end();
  }
}

/** The cache's folder and key, under the temp folder beside the bank they copy; a new bank's cache starts again. */
export function benchCache(kind: string, id: string, bankFresh: boolean, reuse: boolean): { dir: string; key: Buffer; remove(): void } {
  const prefix = `cloudbank-bench-${kind}-`;
  const dir = reuse ? join(tmpdir(), `${prefix}${id}`) : mkdtempSync(join(tmpdir(), prefix));
  if (reuse) {
    for (const d of readdirSync(tmpdir())) if (d.startsWith(prefix) && join(tmpdir(), d) !== dir) rmSync(join(tmpdir(), d), { recursive: true, force: true });
    // A new bank has new rows under the same ids: its cache starts again.
    if (bankFresh) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const keyFile = join(dir, 'cache.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  return { dir, key: Buffer.from(readFileSync(keyFile, 'utf8'), 'hex'), remove: () => !reuse && rmSync(dir, { recursive: true, force: true }) };
}
