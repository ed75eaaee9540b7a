import { sql, type Transaction } from 'kysely';
import type { Bank, BankDatabase } from '../source';

export type IdTable = 'branches' | 'products' | 'customers' | 'accounts' | 'journal' | 'entries' | 'cards' | 'loans' | 'loan_repayments';
export type NextIds = Record<IdTable, number>;

const TABLES: readonly IdTable[] = ['branches', 'products', 'customers', 'accounts', 'journal', 'entries', 'cards', 'loans', 'loan_repayments'];

/**
 * First free id per table, read inside the import's transaction. Beyond max(id) it honours the
 * engine's own counter (SQLite's sqlite_sequence, MySQL's AUTO_INCREMENT), so an id whose row
 * was deleted — and whose tombstone caches have seen — is never handed out again.
 */
export async function nextIds(trx: Transaction<BankDatabase>, dialect: Bank['dialect']): Promise<NextIds> {
  const counters = new Map<string, number>();
  if (dialect === 'sqlite') {
    const seq = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(trx);
    for (const r of seq.rows) counters.set(r.name, Number(r.seq) + 1);
  } else {
    const ai = await sql<{
      name: string;
      next: number | null;
    }>`select table_name as name, auto_increment as next from information_schema.tables where table_schema = database()`.execute(trx);
    for (const r of ai.rows) if (r.next !== null) counters.set(r.name, Number(r.next));
  }
  const out = {} as NextIds;
  for (const t of TABLES) {
    const r = await sql<{ m: number | null }>`select max(id) as m from ${sql.table(t)}`.execute(trx);
    out[t] = Math.max(Number(r.rows[0]?.m ?? 0) + 1, counters.get(t) ?? 1);
  }
  return out;
}

/** Hands out the ids read by nextIds(), one table at a time. */
export class IdAllocator {
  private readonly next: NextIds;

  constructor(start: NextIds) {
    this.next = { ...start };
  }

  take(table: IdTable): number {
    return this.next[table]++;
  }

  /** The next id without taking it (for a PostingBook that numbers journals and entries itself). */
  peek(table: IdTable): number {
    return this.next[table];
  }
}
