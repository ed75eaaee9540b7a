import { join } from 'node:path';
import { migrateToLatest, openSqliteBank, type Bank } from '../../main/source';

/** An empty, migrated embedded bank in `dir`: for tests that do not need the demo data. */
export async function emptySqliteBank(dir: string): Promise<Bank> {
  const bank = openSqliteBank(join(dir, 'bank.sqlite'));
  await migrateToLatest(bank.db, 'sqlite');
  return bank;
}

/** Small demo size for tests: generated in well under a second. */
export const TINY_DEMO = { customers: 60, months: 3, seed: 7 };
