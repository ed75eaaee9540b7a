import type Database from 'better-sqlite3-multiple-ciphers';
import { transferableStatement, type TransferablePage } from '../source';
import type { AccountDirectory, Txn, TxnChannel, TxnType } from './types';

export const TYPES: readonly TxnType[] = ['deposit', 'withdrawal', 'transfer', 'payment', 'card', 'fee', 'interest', 'salary', 'loan_disbursement', 'loan_repayment'];
export const CHANNELS: readonly TxnChannel[] = ['branch', 'atm', 'card', 'online', 'wire', 'system'];
/**
 * SQLite reads type and channel as their index in the known values (null for any other value, which
 * comes as text beside it): a fresh JS string per row and column was a good share of the garbage an
 * imported million-row scan collected.
 */
const coded = (col: string, values: readonly string[]): string => `case ${col} ${values.map((v, i) => `when '${v}' then ${i}`).join(' ')} end`;
const other = (col: string, values: readonly string[]): string => `case when ${col} in (${values.map((v) => `'${v}'`).join(', ')}) then null else ${col} end`;
/**
 * One page of the scan from the embedded bank. The bank's own accounts are skipped by their ids (a
 * handful, bound as a JSON list) instead of joining accounts: on an imported bank with 640,000
 * accounts that join's random lookups cost 1.2 s of a million-transaction scan, against 0.1 s for the
 * journal join, which walks in the entries' order. Counterparties only where the engine uses them (not
 * card purchases): turning every card merchant's name into a JS string would cost the scan a fifth of
 * its time.
 */
const PAGE_SOURCE = `select e.id, e.journal_id, e.account_id, e.amount, e.balance_after, e.booked_at, ${coded('j.type', TYPES)} as type_code, ${coded('j.channel', CHANNELS)} as channel_code, ${other('j.type', TYPES)} as type_other, ${other('j.channel', CHANNELS)} as channel_other, case when j.type <> 'card' then j.counterparty_name end as counterparty_name, case when j.type <> 'card' then j.counterparty_account end as counterparty_account from entries e join journal j on j.id = e.journal_id where e.id > ? and e.id <= ? and e.account_id not in (select value from json_each(?)) order by e.id limit ?`;
const PAGE_NUMBERS = ['id', 'journal_id', 'account_id', 'amount', 'balance_after', 'booked_at', 'type_code', 'channel_code'] as const;
const PAGE_TEXTS = ['type_other', 'channel_other', 'counterparty_name', 'counterparty_account'] as const;
const WIDTH = PAGE_NUMBERS.length;

/** Which page to read: entry ids in (after, upTo], skipping the bank's own accounts (`bankOwn`, a JSON list of ids). */
interface TxnPageQuery {
  after: number;
  upTo: number;
  bankOwn: string;
  pageSize: number;
}

/** One page of stored rows, column-wise (PAGE_NUMBERS row-major, then PAGE_TEXTS as JSON arrays). */
export type TxnPage = TransferablePage;

/** The bank's own account ids as the page query's `bankOwn` list. */
function bankOwnAccounts(sqlite: Database.Database): string {
  return JSON.stringify(sqlite.prepare("select id from accounts where kind <> 'customer'").pluck().all());
}

function txnPageStatement(sqlite: Database.Database): (q: TxnPageQuery) => TxnPage {
  const read = transferableStatement(sqlite, PAGE_SOURCE, PAGE_NUMBERS, PAGE_TEXTS);
  return (q) => read(q.after, q.upTo, q.bankOwn, q.pageSize);
}

/** The last entry id a page read (customer or not): where the next page starts. */
function lastEntryId(page: TxnPage): number {
  return page.numbers[(page.rows - 1) * WIDTH] as number;
}

/**
 * The pages of entries in (after, upTo], read one at a time as the consumer asks: the scan's main thread
 * (small ranges) and the page-read worker (large ones) walk the range through this one loop.
 */
export function* readPages(sqlite: Database.Database, range: { after: number; upTo: number }, pageSize: number): Generator<TxnPage> {
  const read = txnPageStatement(sqlite);
  const bankOwn = bankOwnAccounts(sqlite);
  for (let after = range.after; after < range.upTo;) {
    const page = read({ after, upTo: range.upTo, bankOwn, pageSize });
    if (page.rows === 0) return;
    // Read before the page is yielded: a worker transfers its numbers away.
    after = lastEntryId(page);
    yield page;
    if (page.rows < pageSize) return;
  }
}

/** A page's rows on customer accounts as the engine's transactions. */
export function pageTxns(page: TxnPage, directory: AccountDirectory): Txn[] {
  const n = page.numbers;
  const [typeOther, channelOther, names, accounts] = page.texts.map((t) => JSON.parse(t) as (string | null)[]) as [
    (TxnType | null)[],
    (TxnChannel | null)[],
    (string | null)[],
    (string | null)[],
  ];
  const out: Txn[] = [];
  for (let k = 0, o = 0; k < page.rows; k++, o += WIDTH) {
    const accountId = n[o + 2] as number;
    const acct = directory.get(accountId);
    if (!acct) continue;
    const type = n[o + 6] as number;
    const channel = n[o + 7] as number;
    out.push({
      id: n[o] as number,
      journalId: n[o + 1] as number,
      accountId,
      customerId: acct.customerId,
      at: n[o + 5] as number,
      amount: n[o + 3] as number,
      balanceAfter: n[o + 4] as number,
      type: Number.isNaN(type) ? (typeOther[k] as TxnType) : (TYPES[type] as TxnType),
      channel: Number.isNaN(channel) ? (channelOther[k] as TxnChannel) : (CHANNELS[channel] as TxnChannel),
      counterpartyName: names[k] ?? null,
      counterpartyAccount: accounts[k] ?? null,
    });
  }
  return out;
}
