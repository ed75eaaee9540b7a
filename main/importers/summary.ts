import type { WriteTable } from '../ledger';

/** What an import wrote, for the CLI and the audit log. */
export interface ImportSummary {
  source: string;
  seconds: number;
  /** Rows inserted per table. */
  rows: Partial<Record<WriteTable, number>>;
  /** Things the user should know about the result (adjustments booked, placeholders used…). */
  notes: string[];
}
