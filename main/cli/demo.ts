import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { generateDemoBank } from '../demo';
import { scanBank } from '../fraud';
import { dataPaths } from '../settings';
import { sqliteFiles } from '../source';
import { openTarget } from './bank-target';

export interface DemoCommandOptions {
  customers: number;
  months: number;
  seed: number;
  end: number;
  dataDir: string;
  mysql?: string;
  force: boolean;
  /** Also run the overnight fraud scan, as the app does after generating its demo bank. */
  fraudScan?: boolean;
}

/** Generates a demo bank and prints how long it took and what it holds. */
export async function demoCommand(o: DemoCommandOptions): Promise<void> {
  if (!o.mysql) {
    const file = dataPaths(o.dataDir).demoBank;
    if (existsSync(file)) {
      if (!o.force) throw new Error(`${file} exists. Add --force to replace it (the demo bank and its audit log are deleted).`);
      for (const f of sqliteFiles(file)) rmSync(f, { force: true });
    }
    mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  }
  // The generator itself refuses a bank that already holds customers or transactions.
  const bank = await openTarget(o, false);
  try {
    let lastPhase = '';
    const res = await generateDemoBank(bank, { customers: o.customers, months: o.months, seed: o.seed, end: o.end }, (p) => {
      if (!process.stdout.isTTY) {
        if (p.phase !== lastPhase) process.stdout.write(`${p.phase}…\n`);
      } else {
        process.stdout.write(`\r${p.phase}: ${Math.round((100 * p.done) / Math.max(1, p.total))}%   `);
      }
      lastPhase = p.phase;
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    process.stdout.write(`Generated ${bank.describe} in ${res.seconds.toFixed(1)} s (seed ${o.seed}, ${o.customers} customers, ${o.months} months):\n`);
    for (const [table, n] of Object.entries(res.rows)) process.stdout.write(`  ${table.padEnd(18)} ${n.toLocaleString('en').padStart(12)}\n`);
    process.stdout.write('Labelled patterns:\n');
    for (const [pattern, n] of Object.entries(res.labelled)) process.stdout.write(`  ${pattern.padEnd(22)} ${n.toLocaleString('en').padStart(8)}\n`);
    if (o.fraudScan) {
      const scan = await scanBank(bank);
      process.stdout.write(`Overnight fraud scan: ${scan.created} alerts from ${scan.transactions.toLocaleString('en')} transactions in ${scan.seconds.toFixed(1)} s.\n`);
    }
    process.stdout.write(JSON.stringify({ demo: true, seconds: res.seconds, rows: res.rows }) + '\n');
  } finally {
    await bank.close();
  }
}
