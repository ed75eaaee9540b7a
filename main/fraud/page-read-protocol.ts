import type { EmbeddedFileRef, TransferablePage } from '../source';

/** What the page-read worker is started with: the bank to open and the range to read, page by page. */
export interface PageReadWorkerData {
  bank: EmbeddedFileRef;
  /** Entry ids (after, upTo]. */
  after: number;
  upTo: number;
  pageSize: number;
  /** Pages read ahead of the consumer before waiting for it (the consumer sends one credit per page taken). */
  ahead: number;
}

export type PageReadMessage = { type: 'page'; page: TransferablePage } | { type: 'end' } | { type: 'error'; message: string };
