import type Database from 'better-sqlite3-multiple-ciphers';

const DAY_MS = 86_400_000;

export type Dimension = 'branch' | 'product' | 'channel' | 'type';

const COLUMN: Record<Dimension, string> = { branch: 'branch_id', product: 'product_id', channel: 'channel', type: 'type' };

export interface Slice {
  key: string | number;
  n: number;
  credits: number;
  debits: number;
}

/**
 * Drill-down over the cache's daily rollups: answers in milliseconds at millions of entries because
 * it reads one row per (day, branch, product, channel, type, currency) instead of every entry.
 */
export class Drilldown {
  private readonly byDayStmt: Database.Statement;
  private readonly byDimStmts: Record<Dimension, Database.Statement>;
  private readonly historyStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.byDayStmt = db.prepare(
      'select day, sum(n) n, sum(credits) credits, sum(debits) debits from rollup_daily where day between ? and ? and currency = ? group by day order by day',
    );
    const dim = (d: Dimension): Database.Statement =>
      db.prepare(`select ${COLUMN[d]} as key, sum(n) n, sum(credits) credits, sum(debits) debits from rollup_daily where day between ? and ? and currency = ? group by ${COLUMN[d]} order by credits + debits desc`);
    this.byDimStmts = { branch: dim('branch'), product: dim('product'), channel: dim('channel'), type: dim('type') };
    this.historyStmt = db.prepare(
      `select e.id, e.booked_at, e.amount, e.balance_after, j.reference, j.type, j.channel, j.description
       from entries e join journal j on j.id = e.journal_id where e.account_id = ? and e.booked_at < ? order by e.booked_at desc, e.id desc limit ?`,
    );
  }

  /** Daily totals between two instants (UTC days). */
  byDay(from: number, to: number, currency: string): { day: number; n: number; credits: number; debits: number }[] {
    return this.byDayStmt.all(Math.floor(from / DAY_MS), Math.floor(to / DAY_MS), currency) as { day: number; n: number; credits: number; debits: number }[];
  }

  by(dimension: Dimension, from: number, to: number, currency: string): Slice[] {
    return this.byDimStmts[dimension].all(Math.floor(from / DAY_MS), Math.floor(to / DAY_MS), currency) as Slice[];
  }

  /** One account's movements, newest first, paged by time. */
  history(accountId: number, before: number, limit = 100): unknown[] {
    return this.historyStmt.all(accountId, before, limit);
  }
}
