import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Bank } from '../source';
import { COLUMNS, WRITE_TABLES, type WriteTable } from '../ledger';

const PAGE = 50_000;

/** Tables without an integer id, with the column that orders them. */
const KEYED: Partial<Record<WriteTable, string>> = { fraud_labels: 'journal_id', bank_meta: 'key' };

function line(values: readonly unknown[]): string {
  // Engines differ in how they return numbers (BIGINT vs INTEGER); both are exact below 2^53.
  return JSON.stringify(values.map((v) => (typeof v === 'bigint' ? Number(v) : v))) + '\n';
}

/**
 * SHA-256 of every generated table's contents in primary-key order, one line per row, identical
 * on SQLite and MySQL for the same data: how determinism ("same seed ⇒ same bank") is checked.
 */
export async function tableChecksums(bank: Bank): Promise<Record<WriteTable, string>> {
  const out = {} as Record<WriteTable, string>;
  for (const table of WRITE_TABLES) {
    const cols: readonly string[] = COLUMNS[table];
    const hash = createHash('sha256');
    const colList = sql.join(cols.map((c) => sql.ref(c)));
    const key = KEYED[table];
    if (key) {
      const r = await sql<Record<string, unknown>>`select ${colList} from ${sql.table(table)}`.execute(bank.db);
      const rows = r.rows.map((row) => cols.map((c) => row[c]));
      // Sort in JS: the engines' collations order strings differently.
      const k = cols.indexOf(key);
      rows.sort((a, b) => (String(a[k]) < String(b[k]) ? -1 : String(a[k]) > String(b[k]) ? 1 : 0));
      for (const row of rows) hash.update(line(row));
    } else {
      for (let after = 0; ;) {
        const r = await sql<Record<string, unknown>>`select ${colList} from ${sql.table(table)} where id > ${after} order by id limit ${PAGE}`.execute(bank.db);
        for (const row of r.rows) hash.update(line(cols.map((c) => row[c])));
        const last = r.rows[r.rows.length - 1];
        if (!last || r.rows.length < PAGE) break;
        after = Number(last.id);
      }
    }
    out[table] = hash.digest('hex');
  }
  return out;
}
