import { randomBytes } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCacheDatabase, startSyncWorker, type SyncResult } from '../../main/cache';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { rowCount } from '../support/demo-runtime';
import { tempDir } from '../support/temp';

/**
 * An idle live sync over the embedded bank waits long between rounds (here a minute) but reads the
 * bank's change marker at the fast pace: a change committed while it waits starts a round at once,
 * long before the idle wait would have ended.
 */
describe('live sync over the embedded bank wakes on its change marker', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;

  beforeAll(async () => {
    dir = tempDir('cbmarker-');
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, { customers: 20, months: 1, seed: 5, end: Date.UTC(2026, 10, 1) });
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('copies a change within seconds although the idle wait is a minute', async () => {
    const rounds: SyncResult[] = [];
    let notify = (): void => undefined;
    const cacheFile = join(dir.path, 'cache.db');
    const key = randomBytes(32);
    const worker = startSyncWorker(
      { cacheFile, keyHex: key.toString('hex'), source: { kind: 'sqlite', file: join(dir.path, 'bank.sqlite') }, intervalMs: 100, idleIntervalMs: 60_000 },
      {
        onRound: (r) => {
          rounds.push(r);
          notify();
        },
      },
    );
    const roundWhere = (ok: (r: SyncResult) => boolean, ms: number): Promise<SyncResult> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such sync round within ${ms} ms; rounds: ${JSON.stringify(rounds.map((r) => r.rows))}`)), ms);
        const check = (): void => {
          const hit = rounds.find(ok);
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          }
        };
        notify = check;
        check();
      });
    try {
      await roundWhere((r) => r.rows > 0, 60_000);
      // Idle waits double from 100 ms (re-marking the tables fresh after each): after six of them the
      // wait in progress is at least 6.4 s long.
      const cache = openCacheDatabase(cacheFile, key);
      try {
        const freshAt = cache.prepare('select max(last_synced_at) from sync_state').pluck();
        let marks = 0;
        let last = freshAt.get();
        while (marks < 6) {
          await new Promise((r) => setTimeout(r, 20));
          const now = freshAt.get();
          if (now !== last) marks++;
          last = now;
        }
      } finally {
        cache.close();
      }
      const before = rounds.length;
      const changedAt = Date.now();
      await bank.db.updateTable('customers').set({ city: 'Brno', updated_at: changedAt }).where('id', '=', 1).execute();
      const round = await roundWhere((r) => rounds.indexOf(r) >= before && (r.tables.customers ?? 0) > 0, 6_000);
      expect(round.tables.customers).toBeGreaterThan(0);
    } finally {
      worker.stop();
      await worker.finished;
    }
  }, 120_000);

  it('checkpoints the rounds into the cache file once the bank is quiet', async () => {
    const cacheFile = join(dir.path, 'quiet-cache.db');
    const key = randomBytes(32);
    let copied = 0;
    const worker = startSyncWorker(
      { cacheFile, keyHex: key.toString('hex'), source: { kind: 'sqlite', file: join(dir.path, 'bank.sqlite') }, intervalMs: 100, idleIntervalMs: 60_000 },
      { onRound: (r) => (copied += r.tables.journal ?? 0) },
    );
    const journals = await rowCount(bank, 'journal');
    try {
      // The live worker leaves a busy round's pages in the write-ahead log (a checkpoint re-encrypts each
      // one) and copies them into the file when a look finds the bank unchanged: then the file alone,
      // without its log, holds every row. SQLite's own trigger (1,000 pages) never fires for this small bank.
      const alone = join(dir.path, 'file-alone.db');
      await vi.waitFor(
        () => {
          expect(copied).toBe(journals);
          for (const side of ['-wal', '-shm']) rmSync(alone + side, { force: true });
          copyFileSync(cacheFile, alone);
          const db = openCacheDatabase(alone, key);
          try {
            expect(db.prepare('select count(*) from journal').pluck().get()).toBe(journals);
          } finally {
            db.close();
          }
        },
        { timeout: 30_000, interval: 100 },
      );
    } finally {
      worker.stop();
      await worker.finished;
    }
  }, 60_000);
});
