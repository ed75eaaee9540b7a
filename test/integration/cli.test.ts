import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../main/audit';
import { dataDirBank, emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';

/** Runs the real CLI from source (tsx), the way `cloudbank …` runs from dist. */
function cloudbank(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('cloudbank CLI', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    dir = tempDir();
    const bank = await emptySqliteBank(dir.path);
    for (let i = 1; i <= 4; i++) await recordAudit(bank, { actor: 'admin', action: 'test.change', entity: 'x', entityId: i });
    await bank.close();
  });
  afterAll(() => dir.remove());

  it('lists its subcommands in --help', () => {
    const { code, out } = cloudbank('--help');
    expect(code).toBe(0);
    for (const c of ['serve', 'start', 'demo', 'audit', 'db']) expect(out).toContain(c);
    expect(cloudbank('audit', '--help').out).toContain('verify');
  });

  it('explains a bad option value', () => {
    const { code, out } = cloudbank('demo', '--customers', 'lots');
    expect(code).not.toBe(0);
    expect(out).toMatch(/--customers must be a whole number/);
  });

  it('audit verify: 0 on an intact chain, 1 naming the first broken entry after an edit or a deletion', async () => {
    const ok = cloudbank('audit', 'verify', '--data-dir', dir.path);
    expect(ok.out).toContain('4 entries verified');
    expect(ok.code).toBe(0);

    const bank = await dataDirBank(dir.path);
    await sql`update audit_log set actor = 'mallory' where seq = 3`.execute(bank.db);
    let broken = cloudbank('audit', 'verify', '--data-dir', dir.path);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at entry 3/);

    await sql`update audit_log set actor = 'admin' where seq = 3`.execute(bank.db);
    await sql`delete from audit_log where seq = 2`.execute(bank.db);
    await bank.close();
    broken = cloudbank('audit', 'verify', '--data-dir', dir.path);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at entry 2: entry 2 is missing/);
  });

  it('audit verify on a folder without a bank says what to do', () => {
    const empty = tempDir();
    const r = cloudbank('audit', 'verify', '--data-dir', empty.path);
    empty.remove();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/There is no bank in .*cloudbank demo/);
  });

  it('serve exits non-zero with a clear message when the port is taken', async () => {
    if (!existsSync('dist/renderer/index.html')) execFileSync('npm', ['run', 'build:renderer'], { stdio: 'ignore' });
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = String((blocker.address() as { port: number }).port);
    try {
      const r = cloudbank('serve', '--port', port, '--data-dir', dir.path);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});
