import { existsSync } from 'node:fs';
import { dataPaths } from '../settings';
import { migrateToLatest, openMysqlBank, openSqliteBank, type Bank } from '../source';

/** `--mysql URL` or `--data-dir DIR`: the bank a command works on. */
export async function openTarget(opts: { mysql?: string | undefined; dataDir: string }, mustExist = true): Promise<Bank> {
  if (opts.mysql) {
    const bank = openMysqlBank(opts.mysql);
    await migrateToLatest(bank.db, 'mysql');
    return bank;
  }
  const file = dataPaths(opts.dataDir).demoBank;
  if (mustExist && !existsSync(file)) throw new Error(`There is no bank in ${opts.dataDir} (expected ${file}). Start the app once or run "cloudbank demo --data-dir ${opts.dataDir}".`);
  const bank = openSqliteBank(file);
  await migrateToLatest(bank.db, 'sqlite');
  return bank;
}
