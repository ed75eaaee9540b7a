import { sql } from 'kysely';
import { columnarStatement, type Bank } from '../source';
import { pageTxns } from './txn-page';
import { openTxnPages, type TxnPages } from './txn-pages';
import { accountDirectory, type AccountDirectory, type AccountInfo, type Txn, type TxnChannel, type TxnType } from './types';

/** An entry joined to its journal, as stored: what the scan reads and what the live monitor is given. */
export interface TxnRow {
  id: number;
  journal_id: number;
  account_id: number;
  amount: number;
  balance_after: number;
  booked_at: number;
  type: TxnType;
  channel: TxnChannel;
  counterparty_name: string | null;
  counterparty_account: string | null;
}

/**
 * Counterparties only where the engine uses them (not card purchases): turning every card
 * merchant's name into a JS string would cost the scan a fifth of its time. Cash movements keep
 * theirs: imports name the other party of a deposit or withdrawal, an edge of the transaction graph.
 */
const COLUMNS =
  "e.id, e.journal_id, e.account_id, e.amount, e.balance_after, e.booked_at, j.type, j.channel, case when j.type <> 'card' then j.counterparty_name end as counterparty_name, case when j.type <> 'card' then j.counterparty_account end as counterparty_account";
/** Customer accounts only, filtered in SQL: half the ledger's entries are the bank's side and never reach JS. */
const FROM = "entries e join accounts a on a.id = e.account_id and a.kind = 'customer' join journal j on j.id = e.journal_id";
/** What the engine knows of an account. */
const ACCOUNT_COLUMNS = ['id', 'customer_id', 'account_no', 'opened_at', 'currency', 'product_id'] as const;
const ACCOUNT_PAGE = 50_000;

export async function loadDirectory(bank: Bank): Promise<AccountDirectory & { add(a: AccountInfo): void }> {
  // SQLite: column-wise pages straight into the directory. An imported bank with 640,000 accounts spent
  // two of its scan's fourteen seconds building row objects through the query builder and copying them.
  if (bank.sqlite) {
    const read = columnarStatement(
      bank.sqlite,
      `select ${ACCOUNT_COLUMNS.join(', ')} from accounts where kind = 'customer' and id > ? order by id limit ?`,
      ['id', 'customer_id', 'opened_at', 'product_id'],
      ['account_no', 'currency'],
    );
    const dir = accountDirectory([]);
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const { rows, numbers: n, texts } = read(after, ACCOUNT_PAGE);
      const [nos, currencies] = texts as [string[], string[]];
      for (let k = 0, o = 0; k < rows; k++, o += 4) {
        after = n[o] as number;
        dir.add({
          id: after,
          customerId: n[o + 1] ?? null,
          accountNo: nos[k] as string,
          openedAt: n[o + 2] as number,
          currency: currencies[k] as string,
          productId: n[o + 3] ?? null,
        });
      }
      if (rows < ACCOUNT_PAGE) return dir;
    }
  }
  const rows = await bank.db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('kind', '=', 'customer').execute();
  return accountDirectory(rows.map(toInfo));
}

export async function loadAccount(bank: Bank, id: number): Promise<AccountInfo | undefined> {
  const r = await bank.db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('id', '=', id).where('kind', '=', 'customer').executeTakeFirst();
  return r ? toInfo(r) : undefined;
}

function toInfo(r: { id: number; customer_id: number | null; account_no: string; opened_at: number; currency: string; product_id: number | null }): AccountInfo {
  return {
    id: Number(r.id),
    customerId: r.customer_id === null ? null : Number(r.customer_id),
    accountNo: r.account_no,
    openedAt: Number(r.opened_at),
    currency: r.currency,
    productId: r.product_id === null ? null : Number(r.product_id),
  };
}

/** A stored row as the engine's transaction, or null when it is not on a customer account. */
export function toTxn(r: TxnRow, directory: AccountDirectory): Txn | null {
  const acct = directory.get(Number(r.account_id));
  if (!acct) return null;
  return {
    id: Number(r.id),
    journalId: Number(r.journal_id),
    accountId: acct.id,
    customerId: acct.customerId,
    at: Number(r.booked_at),
    amount: Number(r.amount),
    balanceAfter: Number(r.balance_after),
    type: r.type,
    channel: r.channel,
    counterpartyName: r.counterparty_name,
    counterpartyAccount: r.counterparty_account,
  };
}

/**
 * Customer transactions with entry id in (after, upTo], in pages, in id order. SQLite: column-wise
 * pages (`pages`, opened by the caller when it wants them read while it loads the directory, else
 * here); MySQL: the same rows through Kysely, page by page.
 */
export async function* readTxns(
  bank: Bank,
  directory: AccountDirectory,
  range: { after: number; upTo: number },
  pageSize?: number,
  pages: TxnPages | null = openTxnPages(bank, range, pageSize === undefined ? {} : { pageSize }),
): AsyncGenerator<Txn[]> {
  if (pages) {
    try {
      for await (const page of pages) yield pageTxns(page, directory);
    } finally {
      await pages.close();
    }
    return;
  }
  for (let after = range.after; after < range.upTo;) {
    const rows = (
      await sql<TxnRow>`select ${sql.raw(COLUMNS)} from ${sql.raw(FROM)} where e.id > ${after} and e.id <= ${range.upTo} order by e.id limit ${pageSize ?? 20_000}`.execute(bank.db)
    ).rows;
    if (rows.length === 0) break;
    const page: Txn[] = [];
    for (const r of rows) {
      after = Number(r.id);
      const t = toTxn(r, directory);
      if (t) page.push(t);
    }
    yield page;
  }
}

/** Rows after `after` (live monitoring), as stored rows. */
export async function readRowsAfter(bank: Bank, after: number, limit: number): Promise<TxnRow[]> {
  return (await sql<TxnRow>`select ${sql.raw(COLUMNS)} from entries e join journal j on j.id = e.journal_id where e.id > ${after} order by e.id limit ${limit}`.execute(bank.db))
    .rows;
}

export async function maxEntryId(bank: Bank): Promise<number> {
  const r = await bank.db
    .selectFrom('entries')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** The first booking in the bank (from the journal's time index). */
export async function firstBookedAt(bank: Bank): Promise<number | null> {
  const r = await bank.db
    .selectFrom('journal')
    .select((eb) => eb.fn.min('booked_at').as('m'))
    .executeTakeFirst();
  return r?.m === null || r?.m === undefined ? null : Number(r.m);
}

export async function bookedAtOfEntry(bank: Bank, id: number): Promise<number | null> {
  const r = await bank.db.selectFrom('entries').select('booked_at').where('id', '=', id).executeTakeFirst();
  return r ? Number(r.booked_at) : null;
}

/**
 * The last entry id booked before `at` (0 when none): journals are posted in time order, so the
 * first journal at or after `at` marks the boundary.
 */
export async function entryIdBefore(bank: Bank, at: number): Promise<number> {
  const j = await bank.db.selectFrom('journal').select('id').where('booked_at', '>=', at).orderBy('booked_at').orderBy('id').limit(1).executeTakeFirst();
  if (!j) return maxEntryId(bank);
  const e = await bank.db.selectFrom('entries').select('id').where('journal_id', '=', Number(j.id)).orderBy('id').limit(1).executeTakeFirst();
  return e ? Number(e.id) - 1 : maxEntryId(bank);
}
