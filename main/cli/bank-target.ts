import { existsSync } from 'node:fs';
import { fileKeySecretStore, makeDataDirPrivate } from '../secrets';
import { dataPaths } from '../settings';
import { embeddedBankKey, encryptPlaintextBank, migrateToLatest, openMysqlBank, openSqliteBank, type Bank } from '../source';

/**
 * The data dir's embedded bank file and its key, unsealed by the browser edition's key file (a
 * desktop's key is sealed by the OS keychain, which only the app can use: the CLI then says so).
 * The data dir is made private first, and a plaintext bank from an earlier version is encrypted.
 */
export function embeddedBankAt(dataDir: string): { file: string; key: Buffer } {
  makeDataDirPrivate(dataDir);
  const paths = dataPaths(dataDir);
  const key = embeddedBankKey({ file: paths.demoBank, sealedKey: paths.bankKey }, fileKeySecretStore(paths.keyFile));
  if (encryptPlaintextBank(paths.demoBank, key)) process.stderr.write(`Notice: ${paths.demoBank} was stored unencrypted by an earlier version; it is now encrypted.\n`);
  return { file: paths.demoBank, key };
}

/** `--mysql URL` or `--data-dir DIR`: the bank a command works on. */
export async function openTarget(opts: { mysql?: string | undefined; dataDir: string }, mustExist = true): Promise<Bank> {
  if (opts.mysql) {
    const bank = openMysqlBank(opts.mysql);
    await migrateToLatest(bank.db, 'mysql');
    return bank;
  }
  const file = dataPaths(opts.dataDir).demoBank;
  if (mustExist && !existsSync(file))
    throw new Error(`There is no bank in ${opts.dataDir} (expected ${file}). Start the app once or run "cloudbank demo --data-dir ${opts.dataDir}".`);
  const bank = openSqliteBank(file, embeddedBankAt(opts.dataDir).key);
  await migrateToLatest(bank.db, 'sqlite');
  return bank;
}
