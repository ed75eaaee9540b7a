import type Database from 'better-sqlite3-multiple-ciphers';
import { sql, type ControlledTransaction } from 'kysely';
import { escape } from 'mysql2';
import type { Bank, BankDatabase } from '../source';
import { COLUMNS, valuesOf, WRITE_TABLES, type SqlValue, type WriteRow, type WriteTable } from './write-tables';

/** SQLite: rows per multi-row INSERT — one native call per 64 rows instead of one per row. */
const SQLITE_BATCH = 64;
/** MySQL: rows per INSERT, large enough to amortise the round trip, far below max_allowed_packet. */
const MYSQL_BATCH = 2_000;
/** MySQL: buffered rows are sent once this many pile up (maybeFlush). */
const FLUSH_AT = 20_000;
/**
 * Bulk load only: ledger indexes whose keys arrive in random order (per account, per card
 * authorisation), rebuilt once at the end instead of updated per row. Indexes on time and journal id
 * grow append-only and stay, being cheaper to maintain than to rebuild.
 */
const REBUILT_INDEXES = ['entries_account_time', 'journal_external'];

export interface BulkWriterOptions {
  /**
   * For filling an empty bank whose interrupted load is discarded anyway (the demo generator writes
   * bank_meta last): on SQLite no fsync, an in-memory rollback journal, a 64 MB page cache, no
   * per-row foreign-key lookups (rows carry explicit ids; tests run foreign_key_check) and the
   * randomly keyed ledger indexes rebuilt at the end (10k customers × 24 months: 40 s of CPU
   * instead of 56 s). release() puts every index and setting back, also after a failure.
   */
  bulkLoad?: boolean;
}

interface SqliteBuffer {
  cols: number;
  values: SqlValue[];
  rows: number;
  single: Database.Statement;
  batch: Database.Statement;
}

/**
 * The one bulk write path for money and the rows around it, used by the importers and the demo
 * generator: rows with explicit ids (so children are written without reading ids back) in table
 * order, inside a Kysely transaction that reads, audit entries and balance updates share.
 * SQLite rows go through multi-row prepared statements on the same connection (better-sqlite3's
 * fastest path), foreign keys checked at commit; MySQL rows are buffered and sent as multi-row
 * INSERTs rendered with mysql2's own escaping (what its driver does with parameters anyway, but
 * once per row instead of compiling 28,000-parameter statements: twice the throughput), parents
 * before children. Read rows you inserted only after flush().
 */
export class BulkWriter {
  private current: ControlledTransaction<BankDatabase> | null = null;
  private readonly sqliteBuffers = new Map<WriteTable, SqliteBuffer>();
  /** MySQL: each row already rendered as a VALUES tuple. */
  private readonly mysqlBuffers = new Map<WriteTable, string[]>();
  private pending = 0;
  private readonly savedPragmas: Array<[string, string | number]> = [];
  private readonly droppedIndexes: string[] = [];
  readonly counts: Partial<Record<WriteTable, number>> = {};

  private constructor(private readonly bank: Bank) {}

  /** Opens the first transaction (after switching to bulk-load settings when asked). */
  static async begin(bank: Bank, opts: BulkWriterOptions = {}): Promise<BulkWriter> {
    const w = new BulkWriter(bank);
    try {
      if (opts.bulkLoad && bank.sqlite) w.enterBulkLoad(bank.sqlite);
      await w.open();
    } catch (e) {
      await w.release();
      throw e;
    }
    return w;
  }

  /** The open transaction: reads, audit entries and anything else that must commit with the rows. */
  get trx(): ControlledTransaction<BankDatabase> {
    if (!this.current) throw new Error('The bulk writer has no open transaction');
    return this.current;
  }

  /** Rows held in memory and not yet sent. */
  get buffered(): number {
    return this.pending;
  }

  /** Copies the row's values before returning: callers may reuse the row object. */
  insert<T extends WriteTable>(table: T, row: WriteRow<T>): void {
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    const db = this.bank.sqlite;
    if (db) {
      const b = this.sqliteBuffer(db, table);
      valuesOf(table, row, b.values, b.rows * b.cols);
      b.rows += 1;
      this.pending += 1;
      if (b.rows === SQLITE_BATCH) {
        b.batch.run(b.values);
        this.pending -= b.rows;
        b.rows = 0;
      }
      return;
    }
    let buf = this.mysqlBuffers.get(table);
    if (!buf) {
      buf = [];
      this.mysqlBuffers.set(table, buf);
    }
    const values = valuesOf(table, row, new Array<SqlValue>(COLUMNS[table].length));
    buf.push(`(${values.map((v) => (typeof v === 'number' ? String(v) : escape(v))).join(',')})`);
    this.pending += 1;
  }

  /** Whether enough rows have piled up to send them: checked between rows without an await per row. */
  get full(): boolean {
    return this.pending >= FLUSH_AT;
  }

  /** Call between rows: sends buffered rows once enough have piled up. */
  async maybeFlush(): Promise<void> {
    if (this.full) await this.flush();
  }

  /** Sends every buffered row, parents first, inside the open transaction. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    for (const table of WRITE_TABLES) {
      const lite = this.sqliteBuffers.get(table);
      if (lite) {
        for (let r = 0; r < lite.rows; r++) lite.single.run(lite.values.slice(r * lite.cols, (r + 1) * lite.cols));
        lite.rows = 0;
      }
      const buf = this.mysqlBuffers.get(table);
      if (buf && buf.length > 0) {
        const head = `insert into \`${table}\` (${COLUMNS[table].map((c) => `\`${c}\``).join(', ')}) values `;
        for (let i = 0; i < buf.length; i += MYSQL_BATCH) await sql.raw(head + buf.slice(i, i + MYSQL_BATCH).join(',')).execute(this.trx);
        buf.length = 0;
      }
    }
    this.pending = 0;
  }

  /** Final balances (and last movement) of accounts, once their entries are all written. */
  async setBalances(rows: ReadonlyArray<{ id: number; balance: number; updated_at: number }>): Promise<void> {
    await this.flush();
    if (this.bank.sqlite) {
      const s = this.bank.sqlite.prepare('update accounts set balance = ?, updated_at = ? where id = ?');
      for (const r of rows) s.run(r.balance, r.updated_at, r.id);
      return;
    }
    // One UPDATE per batch with CASE expressions: portable to MySQL 8 and MariaDB alike.
    for (let i = 0; i < rows.length; i += MYSQL_BATCH) {
      const part = rows.slice(i, i + MYSQL_BATCH);
      const balance = sql.join(
        part.map((r) => sql`when ${r.id} then ${r.balance}`),
        sql` `,
      );
      const updated = sql.join(
        part.map((r) => sql`when ${r.id} then ${r.updated_at}`),
        sql` `,
      );
      await sql`update accounts set balance = case id ${balance} end, updated_at = case id ${updated} end where id in (${sql.join(part.map((r) => r.id))})`.execute(this.trx);
    }
  }

  /** Commits what is written so far and goes on in a new transaction (the generator commits month by month). */
  async checkpoint(): Promise<void> {
    await this.commit();
    await this.open();
  }

  /** Sends the rest and commits. A refused commit (SQLite's deferred foreign-key check) leaves the transaction for rollback(). */
  async commit(): Promise<void> {
    await this.flush();
    await this.trx.commit().execute();
    this.current = null;
  }

  /** Abandons everything since the last commit; safe after commit() or twice. */
  async rollback(): Promise<void> {
    for (const b of this.sqliteBuffers.values()) b.rows = 0;
    this.mysqlBuffers.clear();
    this.pending = 0;
    const trx = this.current;
    this.current = null;
    if (trx) await trx.rollback().execute();
  }

  /** Rolls back what is not committed and puts bulk-load indexes and settings back; idempotent. */
  async release(): Promise<void> {
    await this.rollback();
    const db = this.bank.sqlite;
    if (!db) return;
    if (this.droppedIndexes.length) {
      db.exec('begin');
      for (const ddl of this.droppedIndexes.splice(0)) db.exec(ddl);
      db.exec('commit');
    }
    for (const [name, value] of this.savedPragmas.splice(0).reverse()) db.pragma(`${name} = ${value}`);
  }

  private async open(): Promise<void> {
    this.current = await this.bank.db.startTransaction().execute();
    // SQLite checks foreign keys at commit within this transaction, so each table's rows go out in
    // full 64-row statements as they fill, whatever order the tables fill in.
    this.bank.sqlite?.pragma('defer_foreign_keys = ON');
  }

  private enterBulkLoad(db: Database.Database): void {
    const bulk: Array<[string, string | number]> = [
      ['synchronous', 'OFF'],
      ['cache_size', -65_536],
      ['foreign_keys', 'OFF'],
      ['journal_mode', 'MEMORY'],
    ];
    for (const [name, value] of bulk) {
      this.savedPragmas.push([name, db.pragma(name, { simple: true }) as string | number]);
      db.pragma(`${name} = ${value}`);
    }
    const indexes = db
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and name in (${REBUILT_INDEXES.map(() => '?').join(', ')}) order by name`)
      .all(...REBUILT_INDEXES) as Array<{ name: string; sql: string }>;
    for (const ix of indexes) {
      db.exec(`drop index "${ix.name}"`);
      this.droppedIndexes.push(ix.sql);
    }
  }

  private sqliteBuffer(db: Database.Database, table: WriteTable): SqliteBuffer {
    let b = this.sqliteBuffers.get(table);
    if (!b) {
      const cols = COLUMNS[table];
      const head = `insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) values `;
      const tuple = `(${cols.map(() => '?').join(', ')})`;
      b = {
        cols: cols.length,
        values: new Array<SqlValue>(cols.length * SQLITE_BATCH),
        rows: 0,
        single: db.prepare(head + tuple),
        batch: db.prepare(head + Array.from({ length: SQLITE_BATCH }, () => tuple).join(', ')),
      };
      this.sqliteBuffers.set(table, b);
    }
    return b;
  }
}
