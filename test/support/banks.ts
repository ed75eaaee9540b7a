import { join } from 'node:path';
import { embeddedBankKey, migrateToLatest, openMysqlBank, openSqliteBank, type Bank } from '../../main/source';
import { fileKeySecretStore } from '../../main/secrets';
import { dataPaths } from '../../main/settings';
import { freshDatabase } from './mariadb';
import { tempDir } from './temp';

/** An empty, migrated embedded bank in `dir`: for tests that do not need the demo data. */
export async function emptySqliteBank(dir: string): Promise<Bank> {
  const bank = openSqliteBank(join(dir, 'bank.sqlite'));
  await migrateToLatest(bank.db, 'sqlite');
  return bank;
}

/**
 * The encrypted bank of an app data dir, opened with the key its keys folder seals (the browser
 * edition's key file), made with a new key when the dir has none yet: to check or tamper with a bank
 * behind the app's back, or to prepare one the CLI then opens as it would a workstation's.
 */
export async function dataDirBank(dataDir: string): Promise<Bank> {
  const paths = dataPaths(dataDir);
  const key = embeddedBankKey({ file: paths.demoBank, sealedKey: paths.bankKey }, fileKeySecretStore(paths.keyFile));
  const bank = openSqliteBank(paths.demoBank, key);
  await migrateToLatest(bank.db, 'sqlite');
  return bank;
}

/** Small demo size for tests: generated in well under a second. */
export const TINY_DEMO = { customers: 60, months: 3, seed: 7 };

export type Engine = 'sqlite' | 'mysql';

/**
 * A fresh, migrated, empty bank on either engine — a temp embedded file or a fresh database on the
 * real MariaDB — for suites that run the same checks on both; dispose() removes it.
 */
export async function freshBank(engine: Engine, prefix: string): Promise<{ bank: Bank; dispose(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = tempDir(`${prefix}-`);
    const bank = await emptySqliteBank(dir.path);
    return {
      bank,
      async dispose() {
        await bank.close();
        dir.remove();
      },
    };
  }
  const db = await freshDatabase(prefix);
  const bank = openMysqlBank(db.url);
  await migrateToLatest(bank.db, 'mysql');
  return {
    bank,
    async dispose() {
      await bank.close();
      await db.drop();
    },
  };
}
