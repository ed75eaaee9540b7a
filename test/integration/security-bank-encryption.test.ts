import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoBank } from '../../main/demo';
import type { CallRequest } from '../../main/dispatch';
import { silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import { fileKeySecretStore, loadSealedKey } from '../../main/secrets';
import { dataPaths } from '../../main/settings';
import { BankKeyError, migrateToLatest, openSqliteBank } from '../../main/source';
import { TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * Issue 14, finding 7: the embedded bank was a plaintext SQLite file holding password hashes and
 * national ids. Now it is SQLCipher-encrypted with a key sealed by the secret store (the key file
 * here, as in the browser edition), generated encrypted, and a plaintext bank from an earlier
 * version is encrypted at the next start with a notice.
 */
describe('embedded bank encrypted at rest', () => {
  const dir = tempDir('cbbankenc-');
  afterAll(() => dir.remove());

  const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
  const mode = (p: string): number => statSync(p).mode & 0o777;

  /** Every byte SQLite keeps for the bank (file, WAL), as someone copying the folder would get them. */
  function bytesOnDisk(file: string): Buffer {
    const names = readdirSync(join(file, '..')).filter((n) => n.startsWith('bank.sqlite'));
    return Buffer.concat(names.map((n) => readFileSync(join(file, '..', n))));
  }

  /** National ids straight from the bank, opened with the workstation's sealed key. */
  function nationalIds(dataDir: string): string[] {
    const paths = dataPaths(dataDir);
    const key = loadSealedKey(paths.bankKey, fileKeySecretStore(paths.keyFile), 'embedded bank');
    const bank = openSqliteBank(paths.demoBank, key);
    try {
      return bank.sqlite?.prepare('select national_id from customers').pluck().all().map(String) ?? [];
    } finally {
      void bank.close();
    }
  }

  /** A teller finds a customer by national id through the dispatcher: the app reads the encrypted bank. */
  async function signInAndCount(runtime: Runtime, dataDir: string): Promise<number> {
    const call = (method: string, input: unknown, sessionToken: string | null) =>
      runtime.dispatch({ method, input, sessionToken, transport: 'test', origin: 'test' } satisfies CallRequest);
    const signIn = await call('auth.signIn', { username: 'teller', password: 'cloudbank-demo' }, null);
    if (!signIn.ok) throw new Error(signIn.error.message);
    const token = (signIn.result as { token: string }).token;
    const found = await call('customers.search', { query: nationalIds(dataDir)[0] ?? '--' }, token);
    if (!found.ok) throw new Error(found.error.message);
    return (found.result as unknown[]).length;
  }

  function expectEncrypted(dataDir: string): void {
    const paths = dataPaths(dataDir);
    const disk = readFileSync(paths.demoBank);
    expect(disk.subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);
    const ids = nationalIds(dataDir);
    expect(ids.length).toBeGreaterThan(50);
    const all = bytesOnDisk(paths.demoBank);
    // Neither the file nor its WAL holds any national id in readable form.
    expect(ids.filter((id) => all.includes(Buffer.from(id, 'utf8')))).toEqual([]);
    // Without the key SQLite sees noise.
    expect(() => new Database(paths.demoBank, { readonly: true }).prepare('select count(*) from customers').get()).toThrow(/not a database/);
    // Private: the folder and the keys folder 0700, the bank and the key files 0600.
    if (process.platform !== 'win32') {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'keys'))).toBe(0o700);
      for (const f of readdirSync(dataDir).filter((n) => n.startsWith('bank.sqlite'))) expect([f, mode(join(dataDir, f))]).toEqual([f, 0o600]);
      for (const f of readdirSync(join(dataDir, 'keys'))) expect([f, mode(join(dataDir, 'keys', f))]).toEqual([f, 0o600]);
    }
  }

  it('generates the demo bank encrypted on first start, and the app opens it (again after a restart)', async () => {
    const data = join(dir.path, 'fresh');
    const notices: string[] = [];
    const first = await openRuntime({ dataDir: data, demo: TINY_DEMO, liveFraudMonitor: false, log: silentLogger, onProgress: (m) => notices.push(m) });
    try {
      expect(first.info.mode).toBe('demo');
      expect(await signInAndCount(first, data)).toBeGreaterThan(0);
      expectEncrypted(data);
    } finally {
      await first.close();
    }
    expect(notices.some((n) => /unencrypted/.test(n))).toBe(false);
    const again = await openRuntime({ dataDir: data, liveFraudMonitor: false, log: silentLogger });
    try {
      expect(await signInAndCount(again, data)).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
    expectEncrypted(data);
  }, 180_000);

  it('encrypts a plaintext bank left by an earlier version, keeps its data and says so', async () => {
    const data = join(dir.path, 'legacy');
    const file = dataPaths(data).demoBank;
    // What earlier versions wrote: a plaintext WAL bank, world-readable.
    mkdirSync(data, { recursive: true });
    const old = openSqliteBank(file);
    await migrateToLatest(old.db, 'sqlite');
    await generateDemoBank(old, { ...TINY_DEMO, end: Date.now() });
    const before = old.sqlite?.prepare('select national_id from customers order by id').pluck().all().map(String) ?? [];
    await old.close();
    chmodSync(file, 0o644);
    expect(readFileSync(file).subarray(0, 16).equals(SQLITE_HEADER)).toBe(true);
    expect(readFileSync(file).includes(Buffer.from(before[0] ?? '-', 'utf8'))).toBe(true);

    const notices: string[] = [];
    const runtime = await openRuntime({ dataDir: data, liveFraudMonitor: false, log: silentLogger, onNotice: (m) => notices.push(m) });
    try {
      expect(notices.filter((n) => /was stored unencrypted by an earlier version; it is now encrypted/.test(n))).toHaveLength(1);
      expect(await signInAndCount(runtime, data)).toBeGreaterThan(0);
      const call = (method: string, input: unknown, sessionToken: string | null) =>
        runtime.dispatch({ method, input, sessionToken, transport: 'test', origin: 'test' } satisfies CallRequest);
      const admin = await call('auth.signIn', { username: 'admin', password: 'cloudbank-demo' }, null);
      if (!admin.ok) throw new Error(admin.error.message);
      const log = await call('audit.list', { limit: 50 }, (admin.result as { token: string }).token);
      if (!log.ok) throw new Error(log.error.message);
      expect(JSON.stringify(log.result)).toContain('bank.encrypted_at_rest');
    } finally {
      await runtime.close();
    }
    expectEncrypted(data);
    expect(nationalIds(data).sort()).toEqual([...before].sort());
    // Nothing of the conversion is left behind.
    expect(readdirSync(data).filter((n) => n.includes('encrypting'))).toEqual([]);
  }, 180_000);

  it('refuses, with the reason, an encrypted bank whose key is gone instead of making a new key', async () => {
    const data = join(dir.path, 'fresh');
    rmSync(dataPaths(data).bankKey);
    await expect(openRuntime({ dataDir: data, liveFraudMonitor: false, log: silentLogger })).rejects.toThrow(BankKeyError);
  });
});
