// Worker-thread entry: reads the scan's pages from the embedded bank ahead of the engine (see txn-pages.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyBankFile } from '../source';
import type { PageReadMessage, PageReadWorkerData } from './page-read-protocol';
import { readPages, type TxnPage } from './txn-page';

const port = parentPort;
if (!port) throw new Error('page-read-worker runs only inside a worker thread.');
const data = workerData as PageReadWorkerData;
const post = (m: PageReadMessage): void => ('page' in m ? port.postMessage(m, [m.page.numbers.buffer]) : port.postMessage(m));

let credits = data.ahead;
let done = false;
let pages: Generator<TxnPage> | null = null;

/** Reads while the consumer has room: a page ahead of it is one the engine does not wait for. */
function pump(): void {
  try {
    // Opened on the first call, so a bank that cannot be opened is reported as any other read failure.
    pages ??= readPages(openReadOnlyBankFile(data.bank), data, data.pageSize);
    for (; credits > 0; credits--) {
      const next = pages.next();
      if (next.done) {
        done = true;
        post({ type: 'end' });
        return;
      }
      post({ type: 'page', page: next.value });
    }
  } catch (e) {
    done = true;
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}

port.on('message', () => {
  credits++;
  if (!done) pump();
});
pump();
