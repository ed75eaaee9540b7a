import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/log';
import { openRuntime } from '../../main/runtime';
import { freshDatabase } from '../support/mariadb';
import { tempDir } from '../support/temp';

/**
 * Issue 14, finding 7: the data folder was 0755 and the files in it (embedded bank, key files,
 * cache) readable by every local user. After the runtime opens it: folder 0700, files 0600 —
 * including files an earlier version left open — and folders that are not the app's untouched.
 */
describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  const dir = tempDir('cbdatadir-');
  let dropDb: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await dropDb?.();
    dir.remove();
  });

  const mode = (p: string): number => statSync(p).mode & 0o777;

  it('makes the folder, its files and its key and report folders private; leaves foreign folders alone', async () => {
    const data = join(dir.path, 'data');
    mkdirSync(join(data, 'keys'), { recursive: true });
    mkdirSync(join(data, 'photos'), { recursive: true });
    chmodSync(data, 0o755);
    writeFileSync(join(data, 'settings.json'), '{}', { mode: 0o644 });
    writeFileSync(join(data, 'keys', 'old.key.sealed'), 'x', { mode: 0o644 });
    chmodSync(join(data, 'keys'), 0o755);
    writeFileSync(join(data, 'photos', 'holiday.jpg'), 'x', { mode: 0o644 });
    chmodSync(join(data, 'photos'), 0o755);

    const db = await freshDatabase('cbdatadir');
    dropDb = () => db.drop();
    const runtime = await openRuntime({ dataDir: data, mysqlUrl: db.url, log: silentLogger, liveFraudMonitor: false });
    try {
      expect(mode(data)).toBe(0o700);
      expect(mode(join(data, 'keys'))).toBe(0o700);
      const files = readdirSync(data, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name);
      expect(files).toContain('settings.json');
      for (const f of files) expect([f, mode(join(data, f))]).toEqual([f, 0o600]);
      for (const f of readdirSync(join(data, 'keys'))) expect([f, mode(join(data, 'keys', f))]).toEqual([f, 0o600]);
      expect(existsSync(join(data, 'keys', 'secrets.key'))).toBe(true);
      // Not the app's: as it was.
      expect(mode(join(data, 'photos'))).toBe(0o755);
      expect(mode(join(data, 'photos', 'holiday.jpg'))).toBe(0o644);
    } finally {
      await runtime.close();
    }
  }, 120_000);
});
