import { Worker } from 'node:worker_threads';
import { findWorkerScript, type Bank, type WorkerScript } from '../source';
import type { PageReadMessage, PageReadWorkerData } from './page-read-protocol';
import { readPages, type TxnPage } from './txn-page';

/**
 * Below this many entries a scan reads its pages on its own thread: booting a worker (tens of
 * milliseconds from a build, most of a second from sources) would cost more than it overlaps.
 */
const OFF_THREAD_MIN_ENTRIES = 200_000;
/**
 * Rows per page read in the worker, unless the caller says: small pages keep little of the scan's input
 * alive at each young-generation collection (a page's rows, strings and transactions stay live until
 * the engine has passed them, and every collection copies what is live). On the million-row import,
 * same minutes: 1,000-row pages 143-157k tx/s through the loop against 110-129k for 20,000-row pages;
 * at 250 rows the per-page costs win again.
 */
const OFF_THREAD_PAGE = 1_000;
/** Pages the worker reads ahead of the engine: enough to ride out a slow page, little memory (about 150 kB each). */
const AHEAD = 8;

export interface TxnPagesOptions {
  /** Rows per page; default 1,000 off-thread, 20,000 in-thread. */
  pageSize?: number;
  /** Read in a worker thread; default: when the range is large and the bank is a file another thread can open. */
  offThread?: boolean;
}

/** The scan's pages from the embedded bank, in entry order; `close` ends the reading early. */
export interface TxnPages extends AsyncIterable<TxnPage> {
  close(): Promise<void>;
}

/**
 * Starts reading entries in (after, upTo] of an embedded bank, page by page. A large range is read by
 * a worker thread with its own read-only connection, a few pages ahead: SQLite building each page
 * and JSON.parse turning it into numbers were a fifth of a million-row scan's main-thread time, and
 * they now run on the second core while the engine works. It starts at once, not at the
 * first page, so the worker boots while the caller loads the account directory. Null for MySQL (read through Kysely).
 */
export function openTxnPages(bank: Bank, range: { after: number; upTo: number }, opts: TxnPagesOptions = {}): TxnPages | null {
  if (!bank.sqlite) return null;
  const wanted = opts.offThread ?? range.upTo - range.after >= OFF_THREAD_MIN_ENTRIES;
  const script = wanted && bank.reopen ? findWorkerScript('fraud/page-read-worker.ts', 'fraud-page-worker.mjs') : null;
  if (opts.offThread && !script)
    throw new Error(bank.reopen ? 'The page-read worker script is missing: run "npm run build".' : 'This bank cannot be opened by another thread (in memory).');
  if (script && bank.reopen) return workerPages(script, { bank: bank.reopen, ...range, pageSize: opts.pageSize ?? OFF_THREAD_PAGE, ahead: AHEAD });
  return inThreadPages(bank.sqlite, range, opts.pageSize ?? 20_000);
}

function inThreadPages(sqlite: NonNullable<Bank['sqlite']>, range: { after: number; upTo: number }, pageSize: number): TxnPages {
  const pages = readPages(sqlite, range, pageSize);
  return {
    async *[Symbol.asyncIterator]() {
      yield* pages;
    },
    close: async () => {
      pages.return(undefined);
    },
  };
}

function workerPages(script: WorkerScript, data: PageReadWorkerData): TxnPages {
  const worker = new Worker(script.script, { eval: script.eval, workerData: data });
  // Messages arrive in order and wait here until taken.
  const inbox: PageReadMessage[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let finished = false;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: PageReadMessage) => {
    inbox.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure ??= e;
    notify();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new Error(`The scan's page reader stopped (exit code ${code}) before the last page.`);
    notify();
  });
  const close = async (): Promise<void> => {
    finished = true;
    await worker.terminate();
  };
  const take = async (): Promise<PageReadMessage> => {
    for (;;) {
      const m = inbox.shift();
      if (m) {
        if (m.type === 'error') throw new Error(`Reading the scan's transactions failed: ${m.message}`);
        return m;
      }
      if (failure) throw failure;
      await new Promise<void>((r) => (wake = r));
    }
  };
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let m = await take(); m.type === 'page'; m = await take()) {
          worker.postMessage('next');
          yield m.page;
        }
      } finally {
        await close();
      }
    },
    close,
  };
}
