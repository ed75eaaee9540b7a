import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { Command, Option } from 'commander';
import { formatBadRow, ImportRejected, importBerka, importTransactionsCsv, type ImportProgress, type ImportSummary } from '../importers';
import { dataPaths, defaultDataDir } from '../settings';
import { migrateToLatest, openSqliteBank, type Bank } from '../source';
import { embeddedBankAt, openTarget } from './bank-target';

interface TargetOptions {
  dataDir: string;
  mysql?: string;
}

const dataDirOption = (): Option => new Option('--data-dir <dir>', 'folder holding the embedded bank (created if it has none)').default(defaultDataDir());
const mysqlOption = (): Option => new Option('--mysql <url>', 'import into a MySQL bank, e.g. mysql://user:pass@host:3306/bank, instead of the embedded one');

/** `cloudbank import <what>`, into --mysql or the --data-dir's embedded bank. */
function importCommand(imp: Command, nameAndArgs: string, description: string): Command {
  return imp.command(nameAndArgs).description(description).addOption(dataDirOption()).addOption(mysqlOption());
}

function progressPrinter(): (p: ImportProgress) => void {
  const tty = process.stdout.isTTY;
  return (p) => {
    const figures =
      p.unit === 'bytes'
        ? `${(p.done / 1e6).toFixed(1)} / ${(p.total / 1e6).toFixed(1)} MB (${(p.perSecond / 1e6).toFixed(1)} MB/s)`
        : `${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows (${p.perSecond.toLocaleString('en')} rows/s)`;
    if (p.phase === 'done') {
      if (tty) process.stdout.write('\n');
      return;
    }
    process.stdout.write(tty ? `\r${p.phase}: ${figures}    ` : `${p.phase}: ${figures}\n`);
  };
}

function printSummary(s: ImportSummary, target: string): void {
  process.stdout.write(`Imported ${s.source} into ${target} in ${s.seconds.toFixed(1)} s:\n`);
  for (const [table, n] of Object.entries(s.rows)) process.stdout.write(`  ${table.padEnd(18)} ${n.toLocaleString('en').padStart(10)}\n`);
  for (const n of s.notes) process.stdout.write(`Note: ${n}\n`);
  process.stdout.write(JSON.stringify({ import: s.source, seconds: s.seconds, rows: s.rows }) + '\n');
}

/**
 * Runs an import against --mysql or --data-dir. A data dir without a bank gets a new one, built
 * in a side file and renamed only when the import succeeded, so a rejected import never leaves
 * an empty bank the app would then open. Bad rows are listed on stderr; exit code 1.
 */
async function runImport(o: TargetOptions, mayCreate: boolean, run: (bank: Bank) => Promise<ImportSummary>): Promise<number> {
  const file = dataPaths(o.dataDir).demoBank;
  const fresh = !o.mysql && mayCreate && !existsSync(file);
  const partial = `${file}.partial`;
  const sideFiles = [partial, `${partial}-wal`, `${partial}-shm`];
  let bank: Bank;
  if (fresh) {
    mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
    for (const f of sideFiles) rmSync(f, { force: true });
    bank = openSqliteBank(partial, embeddedBankAt(o.dataDir).key);
    await migrateToLatest(bank.db, 'sqlite');
  } else {
    bank = await openTarget(o);
  }
  let ok = false;
  try {
    const summary = await run(bank);
    printSummary(summary, fresh ? `a new bank ${file}` : bank.describe);
    ok = true;
    return 0;
  } catch (e) {
    if (!(e instanceof ImportRejected)) throw e;
    for (const b of e.badRows) process.stderr.write(`${formatBadRow(b)}\n`);
    process.stderr.write(`cloudbank: ${e.message}${e.truncated ? ' (stopped checking there)' : ''}\n`);
    return 1;
  } finally {
    if (fresh) bank.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    await bank.close();
    if (fresh) {
      if (ok) renameSync(partial, file);
      for (const f of sideFiles) rmSync(f, { force: true });
    }
  }
}

/** `cloudbank import berka <dir>` and `cloudbank import transactions <file>`. */
export function registerImportCommands(program: Command): void {
  const imp = program.command('import').description("load another bank's data into the bank: all rows or none, with exact amounts and a balanced ledger");
  importCommand(imp, 'berka <dir>', "load the Berka / PKDD'99 financial data set (district, account, client, disp, order, loan, card and trans*.asc)")
    .option('--strict-balances', "refuse Berka's own ±0.10 CZK balance rounding too, instead of booking rounding adjustments", false)
    .action(async (dir: string, o: TargetOptions & { strictBalances: boolean }) => {
      process.exitCode = await runImport(o, true, (bank) => importBerka(bank, dir, { strictBalances: o.strictBalances, onProgress: progressPrinter() }));
    });
  importCommand(imp, 'transactions <file>', 'load a canonical transactions CSV (see docs/canonical-transactions-csv.md)')
    .option('--create-missing-accounts', 'open accounts (each for a placeholder customer) the bank has not seen, instead of refusing their rows', false)
    .action(async (file: string, o: TargetOptions & { createMissingAccounts: boolean }) => {
      if (!existsSync(file)) throw new Error(`${file} does not exist.`);
      process.exitCode = await runImport(o, o.createMissingAccounts, (bank) =>
        importTransactionsCsv(bank, file, { createMissingAccounts: o.createMissingAccounts, onProgress: progressPrinter() }),
      );
    });
}
