import Database from 'better-sqlite3-multiple-ciphers';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fileKeySecretStore, loadSealedKey } from '../../../main/secrets';
import { applyDatabaseKey } from '../../../main/source';
import { dataPaths } from '../../../main/settings';

/**
 * A server's encrypted bank file opened beside it, as someone holding the data folder and its key
 * file could: the key unsealed from the data dir's keys folder (the browser edition's key file).
 */
export function openBankFile(file: string, readonly: boolean): Database.Database {
  const paths = dataPaths(dirname(file));
  const key = loadSealedKey(paths.bankKey, fileKeySecretStore(paths.keyFile), 'embedded bank');
  const db = new Database(file, { readonly, fileMustExist: true });
  try {
    applyDatabaseKey(db, key);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * The tests' own view of a server's bank file: independent SQL, not the app's queries, so a wrong
 * query in the app shows up as a mismatch instead of being repeated here.
 */
function withBank<T>(file: string, readonly: boolean, work: (db: Database.Database) => T): T {
  const db = openBankFile(file, readonly);
  try {
    db.pragma('busy_timeout = 5000');
    return work(db);
  } finally {
    db.close();
  }
}

const countRow = z.object({ n: z.number().int() });
const depositRow = z.object({ currency: z.string().length(3), amount: z.bigint() });
const referenceRow = z.object({ reference: z.string() });

export interface BankFigures {
  customers: number;
  openAccounts: number;
  /** The catalog's "deposits held": customer balances per currency net of overdrafts, in minor units (bigint: exact whatever the size). */
  deposits: Map<string, bigint>;
  todayCount: number;
  newestCustomerReference: string;
}

/** What the dashboard must show, computed straight from the bank file. `dayStart` is local midnight as UTC ms. */
export function bankFigures(file: string, dayStart: number, now: number): BankFigures {
  return withBank(file, true, (db) => {
    const customers = countRow.parse(db.prepare('SELECT count(*) AS n FROM customers').get()).n;
    const openAccounts = countRow.parse(db.prepare("SELECT count(*) AS n FROM accounts WHERE kind = 'customer' AND status <> 'closed'").get()).n;
    // Safe integers for the money sums: no float rounding between the file and the comparison.
    const depositRows = db
      .prepare("SELECT currency, sum(balance) AS amount FROM accounts WHERE kind = 'customer' GROUP BY currency")
      .safeIntegers(true)
      .all()
      .map((r) => depositRow.parse(r));
    const deposits = new Map(depositRows.map((r) => [r.currency, r.amount]));
    // The catalog's "transactions": postings on customer accounts (a transfer between two customers is two).
    const todayCount = countRow.parse(
      db
        .prepare(
          `SELECT count(*) AS n FROM entries e JOIN journal j ON j.id = e.journal_id JOIN accounts a ON a.id = e.account_id
           WHERE a.kind = 'customer' AND j.booked_at >= ? AND j.booked_at <= ?`,
        )
        .get(dayStart, now),
    ).n;
    const newest = referenceRow.parse(
      db
        .prepare(
          `SELECT j.reference FROM journal j
           WHERE EXISTS (SELECT 1 FROM entries e JOIN accounts a ON a.id = e.account_id WHERE e.journal_id = j.id AND a.kind = 'customer')
           ORDER BY j.booked_at DESC, j.id DESC LIMIT 1`,
        )
        .get(),
    ).reference;
    return { customers, openAccounts, deposits, todayCount, newestCustomerReference: newest };
  });
}

/** Changes one audit entry behind the server's back, as someone with file access could (WAL lets both write). */
export function tamperAuditActor(file: string, seq: number, actor: string): void {
  withBank(file, false, (db) => {
    const changed = db.prepare('UPDATE audit_log SET actor = ? WHERE seq = ?').run(actor, seq).changes;
    if (changed !== 1) throw new Error(`audit_log has no entry ${seq} to tamper with`);
  });
}

/** How many journal transactions the bank file holds: what a complete cache must hold too. */
export function journalCount(file: string): number {
  return withBank(file, true, (db) => countRow.parse(db.prepare('SELECT count(*) AS n FROM journal').get()).n);
}
