import type { Bank } from '../source';
import { seedComplianceDemo } from './compliance-seed';
import { generate } from './generate';
import type { DemoOptions, DemoProgress, DemoSummary } from './types';

export type { DemoOptions, DemoProgress, DemoSummary } from './types';
export { GENERATOR_VERSION } from './meta';
export { PATTERNS as FRAUD_PATTERNS, type Pattern as FraudPattern } from './fraud-patterns';
export { tableChecksums } from './checksum';

/** Generates in a few seconds into SQLite on a desktop; the size every first start uses. */
export const DEFAULT_DEMO: { customers: number; months: number; seed: number } = { customers: 1_500, months: 12, seed: 1993 };

/**
 * Fill an empty, migrated bank with a deterministic demo bank: Berka-calibrated customers,
 * accounts, cards, loans and a double-entry ledger up to `opts.end`, with labelled fraud and
 * laundering scenarios. Same options ⇒ byte-identical tables. Rows are committed month by month;
 * `bank_meta` is written last, so a bank without it was interrupted and should be discarded.
 */
export async function generateDemoBank(bank: Bank, opts: DemoOptions, onProgress?: (p: DemoProgress) => void): Promise<DemoSummary> {
  const summary = await generate(bank, opts, onProgress);
  // Bank inputs for the compliance monitors and an escalated case whose SAR is overdue (issue 10).
  await seedComplianceDemo(bank, { end: opts.end });
  return summary;
}
