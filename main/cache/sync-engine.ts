import type Database from 'better-sqlite3-multiple-ciphers';
import { bankZoneOrDefault } from '../../shared/bank-time';
import { buildDeferredIndexes, deferLedgerIndexes } from './deferred-indexes';
import { refreshLoanStates } from './loan-states';
import { dropRollupTriggers, rebuildRollups, recordedRollups, registerBankDay, ROLLUP_VERSION } from './rollups';
import type { SourceReader } from './source-reader';
import { SYNC_SPECS, type SyncSpec } from './sync-tables';

export interface SyncProgress {
  phase: 'copy' | 'summaries';
  table: string;
  rows: number;
  total: number;
  rowsPerSec: number;
  etaSec: number | null;
}

export interface SyncResult {
  rows: number;
  deleted: number;
  seconds: number;
  tables: Record<string, number>;
}

export interface SyncOptions {
  batchSize?: number;
  /** Ids re-read below an append watermark in incremental rounds: rows whose transaction committed late. */
  overlap?: number;
  onProgress?: (p: SyncProgress) => void;
  clock?: () => number;
}

/** Backticks quote identifiers in both MySQL and SQLite (bank_meta has a column called `key`). */
const list = (cols: string[]): string => cols.map((c) => `\`${c}\``).join(', ');

interface State {
  wm_updated: number;
  wm_id: number;
  initial_done: number;
}

/**
 * Copies the source bank into the cache by watermark. Every batch and its new watermark commit in
 * one SQLite transaction, so a sync killed at any moment resumes exactly where it stopped.
 */
export class SyncEngine {
  private readonly columnsCache = new Map<string, string[]>();
  private readonly batchSize: number;
  private readonly clock: () => number;

  constructor(
    private readonly cache: Database.Database,
    private readonly source: SourceReader,
    private readonly opts: SyncOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 10_000;
    this.clock = opts.clock ?? Date.now;
    const ensure = cache.prepare('insert or ignore into sync_state (table_name) values (?)');
    for (const s of SYNC_SPECS) ensure.run(s.table);
    // Mutable tables arrive as INSERT OR REPLACE: with recursive triggers the replaced row's delete
    // triggers fire too, so rollups (and the customer search words) drop its old values before adding the new.
    cache.pragma('recursive_triggers = ON');
  }

  /** The bank's zone, read from the source itself: the cache's copy of bank_meta arrives last in a round. */
  private async bankZone(): Promise<string> {
    let zone: string | undefined;
    for await (const row of this.source.stream("select `value` from bank_meta where `key` = 'timezone'", [])) zone = String(row[0]);
    return bankZoneOrDefault(zone);
  }

  /** One round over every table. The first complete round builds the rollups in bulk. */
  async syncAll(): Promise<SyncResult> {
    const started = this.clock();
    const initial = this.state('entries').initial_done === 0;
    const zone = await this.bankZone();
    registerBankDay(this.cache, zone);
    if (initial) {
      // Bulk copy without per-row rollup triggers or plain ledger indexes; both are built in one pass afterwards.
      dropRollupTriggers(this.cache);
      deferLedgerIndexes(this.cache);
    } else {
      // Rollups cut another way (UTC days before version 2) or in another zone: rebuild once, before copying.
      const built = recordedRollups(this.cache);
      if (built.version !== ROLLUP_VERSION || built.zone !== zone) this.onDisk(() => rebuildRollups(this.cache, zone));
    }
    const tables: Record<string, number> = {};
    let rows = 0;
    let deleted = 0;
    try {
      for (const spec of SYNC_SPECS) {
        const n = spec.mode === 'append' ? await this.syncAppend(spec, initial) : spec.mode === 'mutable' ? await this.syncMutable(spec) : await this.syncSnapshot(spec);
        tables[spec.table] = n;
        rows += n;
        if (spec.table === 'row_deletions') deleted = this.applyTombstones();
      }
    } catch (e) {
      // Cut off mid-copy (the bank went away): screens read this partial copy while offline, so it gets its
      // indexes back meanwhile; the resumed copy defers them again. A failure here (a full disk) leaves them waiting.
      if (initial) this.tryBuildingDeferredIndexes();
      throw e;
    }
    if (initial) {
      this.onDisk(() => {
        rebuildRollups(this.cache, zone, (s) => this.opts.onProgress?.({ phase: 'summaries', table: s.name, rows: s.done, total: s.total, rowsPerSec: 0, etaSec: null }));
        this.cache.prepare('update sync_state set initial_done = 1').run();
      });
      // The first copy's pages go into the file now, within the copy's own time, so the live rounds
      // after it do not inherit (and pay for) a log of the whole bank.
      this.cache.pragma('wal_checkpoint(PASSIVE)');
    } else {
      // Loans whose row, instalments or account changed this round (marked by triggers): their daily states again.
      this.cache.transaction(() => refreshLoanStates(this.cache, zone))();
    }
    if (rows > 0 || deleted > 0) this.walPending = true;
    return { rows, deleted, seconds: (this.clock() - started) / 1000, tables };
  }

  /**
   * Records that every table was found unchanged just now, without reading them: for a source that
   * says for certain nothing was committed since the last round (SQLite's data_version), so the
   * freshness shown stays current while an idle bank costs one statement.
   */
  markFresh(): void {
    this.freshStatement ??= this.cache.prepare('update sync_state set last_synced_at = ?');
    this.freshStatement.run(this.clock());
  }

  /**
   * Runs a full rebuild in one transaction with SQLite's temporary b-trees (the GROUP BYs over every
   * posting) in files rather than memory: a first copy of millions of rows must not hold them all in RAM.
   */
  private onDisk(rebuild: () => void): void {
    this.cache.pragma('temp_store = FILE');
    try {
      this.cache.transaction(rebuild)();
    } finally {
      this.cache.pragma('temp_store = MEMORY');
    }
  }

  private tryBuildingDeferredIndexes(): void {
    try {
      this.onDisk(() => buildDeferredIndexes(this.cache));
    } catch {
      // The copy's own error is the one to report; the indexes are built when it completes.
    }
  }

  /** Kept: an idle live sync runs it every interval for the worker's whole life. */
  private freshStatement: Database.Statement | null = null;

  /** A round wrote to the cache since the last checkpoint (at start: whatever an earlier run left in the log). */
  private walPending = true;

  /**
   * Copies what the rounds since the last call wrote from the write-ahead log into the cache file, if
   * anything. Meant for idle moments: on the encrypted cache a checkpoint decrypts and re-encrypts
   * every page the rounds dirtied (about a third of a busy round's time), so the live worker defers it
   * (see WAL_BOUND_PAGES in ./sync-worker.ts) until the bank is quiet, where it delays nothing a user
   * waits for. PASSIVE: readers are never blocked; frames a reader still needs stay for the next call.
   */
  checkpointIfPending(): boolean {
    if (!this.walPending) return false;
    this.walPending = false;
    this.cache.pragma('wal_checkpoint(PASSIVE)');
    return true;
  }

  private state(table: string): State {
    return this.cache.prepare('select wm_updated, wm_id, initial_done from sync_state where table_name = ?').get(table) as State;
  }

  private columns(table: string): string[] {
    let cols = this.columnsCache.get(table);
    if (!cols) {
      cols = (this.cache.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
      if (cols.length === 0) throw new Error(`The cache has no table ${table}`);
      this.columnsCache.set(table, cols);
    }
    return cols;
  }

  private insertSql(table: string, verb: 'insert or ignore' | 'insert or replace'): string {
    const cols = this.columns(table);
    return `${verb} into ${table} (${list(cols)}) values (${cols.map(() => '?').join(', ')})`;
  }

  /**
   * A changed row is updated in place, a new one inserted: only the update triggers run, and they
   * skip a row whose placement did not move (a balance change is most of a live round). REPLACE
   * as the statement's own conflict rule still clears a stale row holding a unique value (a number
   * reused after a deletion whose tombstone arrives later in the round).
   */
  private upsertSql(table: string): string {
    const cols = this.columns(table).filter((c) => c !== 'id');
    return `${this.insertSql(table, 'insert or replace')} on conflict (id) do update set ${cols.map((c) => `\`${c}\` = excluded.\`${c}\``).join(', ')}`;
  }

  /** Streams rows in batches; each batch commits with the watermark computed from its last row. */
  private async copy(
    table: string,
    sql: string,
    params: unknown[],
    total: number,
    verb: 'insert or ignore' | 'upsert',
    watermark: (last: unknown[]) => [number, number],
  ): Promise<number> {
    const insert = this.cache.prepare(verb === 'upsert' ? this.upsertSql(table) : this.insertSql(table, verb));
    // The in-place update cannot clear another row holding a unique value (two rows that swapped
    // numbers): that row alone goes the old way, delete and insert.
    const replace = verb === 'upsert' ? this.cache.prepare(this.insertSql(table, 'insert or replace')) : null;
    const mark = this.cache.prepare('update sync_state set wm_updated = ?, wm_id = ?, rows_total = rows_total + ?, last_synced_at = ? where table_name = ?');
    // An upsert of a row the cache already has is a change, not a new row: rows_total counts rows.
    const exists = verb === 'upsert' ? this.cache.prepare(`select 1 from ${table} where id = ?`).pluck() : null;
    const idIdx = this.columns(table).indexOf('id');
    let changed = 0;
    const write = (r: unknown[]): number => {
      try {
        return insert.run(r).changes;
      } catch (e) {
        if (!replace || (e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
        return replace.run(r).changes;
      }
    };
    const commit = this.cache.transaction((batch: unknown[][]) => {
      let added = 0;
      for (const r of batch) {
        const isNew = exists ? exists.get(r[idIdx]) === undefined : true;
        const c = write(r);
        changed += c;
        if (isNew) added += c;
      }
      const [u, id] = watermark(batch[batch.length - 1] as unknown[]);
      mark.run(u, id, added, this.clock(), table);
    });
    const started = this.clock();
    let batch: unknown[][] = [];
    let done = 0;
    const flush = (): void => {
      const before = changed;
      commit(batch);
      done += batch.length;
      batch = [];
      const secs = Math.max(0.001, (this.clock() - started) / 1000);
      const rate = done / secs;
      // Re-reading the overlap window of a live round changes nothing: no progress to show.
      if (changed === before) return;
      this.opts.onProgress?.({
        phase: 'copy',
        table,
        rows: done,
        total: Math.max(total, done),
        rowsPerSec: Math.round(rate),
        etaSec: rate > 0 ? Math.max(0, (total - done) / rate) : null,
      });
    };
    for await (const row of this.source.stream(sql, params)) {
      batch.push(row);
      if (batch.length >= this.batchSize) flush();
    }
    if (batch.length) flush();
    this.cache.prepare('update sync_state set last_synced_at = ? where table_name = ?').run(this.clock(), table);
    // Rows re-read in the overlap window and ignored are not counted: only what changed the cache.
    return changed;
  }

  private async syncAppend(spec: Extract<SyncSpec, { mode: 'append' }>, initial: boolean): Promise<number> {
    const cols = this.columns(spec.table);
    const keyIdx = cols.indexOf(spec.key);
    const st = this.state(spec.table);
    const from = initial ? st.wm_id : Math.max(0, st.wm_id - (this.opts.overlap ?? 0));
    const bound = spec.boundBy ? this.state(spec.boundBy.table).wm_id : null;
    const where = `${spec.key} > ?${bound !== null && spec.boundBy ? ` and ${spec.boundBy.column} <= ?` : ''}`;
    const params = bound !== null ? [from, bound] : [from];
    const max = await this.source.scalar(`select coalesce(max(${spec.key}), 0) from ${spec.table}`, []);
    const sql = `select ${list(cols)} from ${spec.table} where ${where} order by ${spec.key}`;
    return this.copy(spec.table, sql, params, Math.max(0, max - st.wm_id), 'insert or ignore', (last) => [st.wm_updated, Math.max(st.wm_id, Number(last[keyIdx]))]);
  }

  private async syncMutable(spec: Extract<SyncSpec, { mode: 'mutable' }>): Promise<number> {
    const cols = this.columns(spec.table);
    const u = cols.indexOf('updated_at');
    const id = cols.indexOf('id');
    const st = this.state(spec.table);
    const where = '(updated_at > ? or (updated_at = ? and id > ?))';
    const params = [st.wm_updated, st.wm_updated, st.wm_id];
    const total = await this.source.scalar(`select count(*) from ${spec.table} where ${where}`, params);
    if (total === 0) {
      // Nothing changed is still a successful look: the table is fresh as of now.
      this.cache.prepare('update sync_state set last_synced_at = ? where table_name = ?').run(this.clock(), spec.table);
      return 0;
    }
    const sql = `select ${list(cols)} from ${spec.table} where ${where} order by updated_at, id`;
    return this.copy(spec.table, sql, params, total, 'upsert', (last) => [Number(last[u]), Number(last[id])]);
  }

  /** Small keyless tables: replace the whole copy in one transaction, and only when it differs. */
  private async syncSnapshot(spec: Extract<SyncSpec, { mode: 'snapshot' }>): Promise<number> {
    const cols = this.columns(spec.table);
    const order = `order by ${list(spec.key)}`;
    const rows: unknown[][] = [];
    for await (const r of this.source.stream(`select ${list(cols)} from ${spec.table} ${order}`, [])) rows.push(r);
    const current = this.cache
      .prepare(`select ${list(cols)} from ${spec.table} ${order}`)
      .raw(true)
      .all() as unknown[][];
    const touch = this.cache.prepare('update sync_state set rows_total = ?, last_synced_at = ? where table_name = ?');
    // Unchanged is the usual case: say nothing changed, so clients are not told to refetch every round.
    if (JSON.stringify(current) === JSON.stringify(rows)) {
      touch.run(rows.length, this.clock(), spec.table);
      return 0;
    }
    const insert = this.cache.prepare(this.insertSql(spec.table, 'insert or replace'));
    this.cache.transaction(() => {
      this.cache.prepare(`delete from ${spec.table}`).run();
      for (const r of rows) insert.run(r);
      touch.run(rows.length, this.clock(), spec.table);
    })();
    return Math.max(rows.length, 1);
  }

  /** Deletes rows whose tombstones arrived since the last round; the tombstones themselves are kept as the watermark's record. */
  private applyTombstones(): number {
    const st = this.cache.prepare("select coalesce(wm_updated, 0) as applied from sync_state where table_name = 'row_deletions'").get() as { applied: number };
    const pending = this.cache.prepare('select id, table_name, row_id from row_deletions where id > ? order by id').all(st.applied) as {
      id: number;
      table_name: string;
      row_id: number;
    }[];
    if (pending.length === 0) return 0;
    const known = new Set(SYNC_SPECS.filter((s) => s.mode === 'mutable').map((s) => s.table));
    let removed = 0;
    this.cache.transaction(() => {
      const fewer = this.cache.prepare('update sync_state set rows_total = rows_total - 1 where table_name = ?');
      for (const t of pending) {
        if (!known.has(t.table_name) || this.cache.prepare(`delete from ${t.table_name} where id = ?`).run(t.row_id).changes === 0) continue;
        fewer.run(t.table_name);
        removed++;
      }
      this.cache.prepare("update sync_state set wm_updated = ? where table_name = 'row_deletions'").run(pending[pending.length - 1]?.id ?? st.applied);
    })();
    return removed;
  }
}
