import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session, SyncStatus } from '../../shared/contract';
import { DEMO_PASSWORD } from '../../main/auth';
import { damageMarker } from '../../main/cache/cache-recovery';
import { silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import { dataPaths } from '../../main/settings';
import { tempDir } from '../support/temp';

/** The sync worker reaches "live" on its own: wait for the condition, not for a time. */
const WAIT = { timeout: 120_000, interval: 100 };

/**
 * Issue 14, faults: the cache is a copy of the bank, so a deleted or unreadable cache must not stop the
 * workstation. It starts, copies the bank again, says why (sync.status.notice), and keeps the damaged
 * file aside rather than deleting what offline writes it may hold.
 */
describe('a deleted or damaged cache is rebuilt from the bank with a notice', () => {
  let dir: ReturnType<typeof tempDir>;
  let cacheFile: string;
  let entriesWhole = 0;

  /** Opens the workstation on the demo bank, signs in, waits for the live cache; returns its status and closes. */
  async function startAndSettle(): Promise<SyncStatus> {
    const runtime: Runtime = await openRuntime({ dataDir: dir.path, demo: { customers: 30, months: 2, seed: 3 }, log: silentLogger, readWorkers: 0 });
    try {
      const s = await runtime.dispatch({ method: 'auth.signIn', input: { username: 'analyst', password: DEMO_PASSWORD }, sessionToken: null, transport: 'test', origin: 't' });
      if (!s.ok) throw new Error(s.error.message);
      const token = (s.result as Session).token;
      const status = async (): Promise<SyncStatus> => {
        const r = await runtime.dispatch({ method: 'sync.status', input: {}, sessionToken: token, transport: 'test', origin: 't' });
        if (!r.ok) throw new Error(r.error.message);
        return r.result as SyncStatus;
      };
      return await vi.waitFor(async () => {
        const st = await status();
        expect(st.state).toBe('live');
        expect(st.tables.find((t) => t.table === 'entries')?.rows ?? 0).toBeGreaterThan(0);
        return st;
      }, WAIT);
    } finally {
      await runtime.close();
    }
  }

  const entries = (st: SyncStatus): number => st.tables.find((t) => t.table === 'entries')?.rows ?? 0;
  const asideFiles = (): string[] => readdirSync(dir.path).filter((f) => /^cache\.db\.damaged-[^.]+$/.test(f));

  beforeAll(async () => {
    dir = tempDir('cbcache-fault-');
    cacheFile = dataPaths(dir.path).cache;
    const first = await startAndSettle();
    expect(first.notice).toBeNull();
    entriesWhole = entries(first);
  }, 300_000);
  afterAll(() => dir.remove());

  it('a cache whose first pages are overwritten is moved aside and copied again whole', async () => {
    const fd = openSync(cacheFile, 'r+');
    try {
      writeSync(fd, randomBytes(8192), 0, 8192, 0);
    } finally {
      closeSync(fd);
    }
    const st = await startAndSettle();
    expect(st.notice).toMatch(/The local cache could not be read \(it was written with another key, or it is damaged\): it is being copied again from the bank/);
    const aside = asideFiles();
    expect(aside).toHaveLength(1);
    expect(st.notice).toContain(join(dir.path, aside[0] as string));
    expect(statSync(join(dir.path, aside[0] as string)).size).toBeGreaterThan(8192);
    expect(entries(st)).toBe(entriesWhole);
    // Started again with the rebuilt cache: whole, no notice.
    expect((await startAndSettle()).notice).toBeNull();
  }, 300_000);

  it('a deleted cache is copied again, and the notice says it was missing', async () => {
    rmSync(cacheFile);
    const st = await startAndSettle();
    expect(st.notice).toMatch(/The local cache was missing \(deleted or moved\): it is being copied again from the bank/);
    expect(entries(st)).toBe(entriesWhole);
  }, 300_000);

  it('a marker on a whole file is checked once and cleared: the file is kept, with no notice', async () => {
    writeFileSync(damageMarker(cacheFile), 'test: a marker the check will not confirm\n');
    const before = asideFiles().length;
    const st = await startAndSettle();
    expect(st.notice).toBeNull();
    expect(asideFiles()).toHaveLength(before);
    expect(existsSync(damageMarker(cacheFile))).toBe(false);
  }, 300_000);

  it('damage found while running (the marker the sync leaves) is confirmed page by page at the next start and rebuilt', async () => {
    // Damage in the middle of the file, where opening alone does not look: only the full check finds it.
    // The marker is what LiveCache writes when the sync worker meets SQLITE_CORRUPT; written here by hand.
    const size = statSync(cacheFile).size;
    const fd = openSync(cacheFile, 'r+');
    try {
      for (let at = 16 * 4096; at < size - 4096; at += 64 * 4096) writeSync(fd, randomBytes(4096), 0, 4096, at);
    } finally {
      closeSync(fd);
    }
    const before = asideFiles().length;
    writeFileSync(damageMarker(cacheFile), 'test: SQLITE_CORRUPT seen by the sync worker\n');
    const st = await startAndSettle();
    expect(st.notice).toMatch(/The local cache could not be read \(database disk image is malformed/);
    expect(asideFiles()).toHaveLength(before + 1);
    expect(existsSync(damageMarker(cacheFile))).toBe(false);
    expect(entries(st)).toBe(entriesWhole);
  }, 300_000);
});
