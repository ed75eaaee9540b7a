import { importBerka } from '../../main/importers';
import { migrateToLatest, openMysqlBank } from '../../main/source';
import { BERKA_DIR } from '../integration/import-berka-expectations';
import { emptySqliteBank } from './banks';
import { freshDatabase } from './mariadb';
import { tempDir } from './temp';

/**
 * The Berka data set imported as a bank would load it, on the embedded bank or a fresh MariaDB
 * database: the CLI arguments that reach it (`--data-dir` / `--mysql`) and how to remove it.
 */
export async function importedBerkaBank(engine: 'sqlite' | 'mysql', name: string): Promise<{ target: string[]; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = tempDir(`${name}-`);
    const bank = await emptySqliteBank(dir.path);
    await importBerka(bank, BERKA_DIR);
    await bank.close();
    return { target: ['--data-dir', dir.path], dispose: async () => dir.remove() };
  }
  const db = await freshDatabase(name.replace(/[^a-z0-9]/g, ''));
  const bank = openMysqlBank(db.url);
  await migrateToLatest(bank.db, 'mysql');
  await importBerka(bank, BERKA_DIR);
  await bank.close();
  return { target: ['--mysql', db.url], dispose: () => db.drop() };
}
