// Worker-thread entry: reads the scan's pages from the embedded bank ahead of the engine (see txn-pages.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyBankFile } from '../source';
import type { PageReadMessage, PageReadWorkerData } from './page-read-protocol';
import { bankOwnAccounts, lastEntryId, txnPageStatement, type TxnPage, type TxnPageQuery } from './txn-page';

const port = parentPort;
if (!port) throw new Error('page-read-worker runs only inside a worker thread.');
const data = workerData as PageReadWorkerData;
const post = (m: PageReadMessage): void => ('page' in m ? port.postMessage(m, [m.page.numbers.buffer]) : port.postMessage(m));

let credits = data.ahead;
let done = false;
let read: ((q: TxnPageQuery) => TxnPage) | null = null;
let query: TxnPageQuery | null = null;

function fail(e: unknown): void {
  done = true;
  post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}

/** Opens the bank and prepares the page read (the bank's own accounts, skipped by id, looked up here too). */
function start(): void {
  const sqlite = openReadOnlyBankFile(data.bank);
  read = txnPageStatement(sqlite);
  query = { after: data.after, upTo: data.upTo, bankOwn: bankOwnAccounts(sqlite), pageSize: data.pageSize };
}

function finish(): void {
  done = true;
  post({ type: 'end' });
}

/** Reads while the consumer has room: a page ahead of it is one the engine does not wait for. */
function pump(): void {
  try {
    if (!read || !query) start();
    while (!done && credits > 0 && read && query) {
      if (query.after >= query.upTo) return finish();
      const page = read(query);
      if (page.rows === 0) return finish();
      credits--;
      const last = lastEntryId(page);
      const full = page.rows === query.pageSize;
      post({ type: 'page', page });
      if (!full) return finish();
      query = { ...query, after: last };
    }
  } catch (e) {
    fail(e);
  }
}

port.on('message', () => {
  credits++;
  if (!done) pump();
});
pump();
