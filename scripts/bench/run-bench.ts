import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDatabase } from './mariadb-fixture';

type BenchDatabase = Awaited<ReturnType<typeof benchDatabase>>;

/** Runs one benchmark with a private temp folder and a fresh MariaDB database, both removed afterwards. */
export function runBench(name: string, body: (ctx: { dir: string; mysql: BenchDatabase }) => Promise<void>): void {
  const go = async (): Promise<void> => {
    const dir = mkdtempSync(join(tmpdir(), `cloudbank-bench-${name}-`));
    const mysql = await benchDatabase(`cbbench_${name}`);
    try {
      await body({ dir, mysql });
    } finally {
      await mysql.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  go().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
