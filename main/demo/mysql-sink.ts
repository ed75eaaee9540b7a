import { sql, type ControlledTransaction, type Kysely } from 'kysely';
import type { BankDatabase, Row } from '../source';
import { COLUMNS, CountingSink, SINK_TABLES, valuesOf, type BalanceUpdate, type RowSink, type SinkTable, type SqlValue } from './row-sink';

/** Rows per INSERT: large enough to amortise the round trip, far below max_allowed_packet. */
const BATCH = 2_000;

/**
 * MySQL / MariaDB: rows are buffered per table and sent as multi-row INSERTs inside an explicit
 * transaction, parents before children so foreign keys hold at every statement.
 */
export class MysqlSink extends CountingSink implements RowSink {
  private readonly buffers = new Map<SinkTable, SqlValue[][]>();
  private pending = 0;
  private trx: ControlledTransaction<BankDatabase> | null = null;

  constructor(private readonly db: Kysely<BankDatabase>) {
    super();
  }

  get buffered(): number {
    return this.pending;
  }

  insert<T extends SinkTable>(table: T, row: Row<T>): void {
    let buf = this.buffers.get(table);
    if (!buf) {
      buf = [];
      this.buffers.set(table, buf);
    }
    buf.push(valuesOf(table, row));
    this.pending += 1;
    this.count(table);
  }

  private async transaction(): Promise<ControlledTransaction<BankDatabase>> {
    this.trx ??= await this.db.startTransaction().execute();
    return this.trx;
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    const trx = await this.transaction();
    for (const table of SINK_TABLES) {
      const buf = this.buffers.get(table);
      if (!buf || buf.length === 0) continue;
      const cols = sql.join(COLUMNS[table].map((c) => sql.ref(c)));
      for (let i = 0; i < buf.length; i += BATCH) {
        const rows = buf.slice(i, i + BATCH).map((values) => sql`(${sql.join(values)})`);
        await sql`insert into ${sql.table(table)} (${cols}) values ${sql.join(rows)}`.execute(trx);
      }
      buf.length = 0;
    }
    this.pending = 0;
  }

  async commit(): Promise<void> {
    await this.flush();
    if (this.trx) {
      await this.trx.commit().execute();
      this.trx = null;
    }
  }

  async rollback(): Promise<void> {
    for (const buf of this.buffers.values()) buf.length = 0;
    this.pending = 0;
    if (this.trx) {
      const trx = this.trx;
      this.trx = null;
      await trx.rollback().execute();
    }
  }

  async release(): Promise<void> {
    await this.rollback();
  }

  /** One UPDATE per batch with CASE expressions: portable to MySQL 8 and MariaDB alike. */
  async updateBalances(rows: readonly BalanceUpdate[]): Promise<void> {
    await this.flush();
    const trx = await this.transaction();
    for (let i = 0; i < rows.length; i += BATCH) {
      const part = rows.slice(i, i + BATCH);
      const ids = sql.join(part.map((r) => r.id));
      const balance = sql.join(part.map((r) => sql`when ${r.id} then ${r.balance}`), sql` `);
      const updated = sql.join(part.map((r) => sql`when ${r.id} then ${r.updated_at}`), sql` `);
      await sql`update accounts set balance = case id ${balance} end, updated_at = case id ${updated} end where id in (${ids})`.execute(trx);
    }
  }
}
