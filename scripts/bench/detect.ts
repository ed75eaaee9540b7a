// npm run bench:detect — the overnight fraud scan on a generated demo bank with ≥ 1,000,000 customer
// transactions: throughput, and per-pattern recall and overall precision against the generator's labels
// (which only this benchmark reads, after the scan). Baseline in the same run: the scan's own read loop
// over the same rows without any rule. Prints a table, then one JSON line.
//
// Definitions:
// - a labelled scenario is DETECTED when at least one of its labelled journal transactions is linked
//   (fraud_alert_txns) to at least one alert; recall = detected scenarios / labelled scenarios,
//   per pattern and over all scenarios;
// - precision = alerts linked to at least one labelled transaction / all alerts;
// - tx_per_s = customer transactions scored / wall time of the whole scanBank call (reading, the
//   engine, storing alerts, position and audit).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoBank } from '../../main/demo';
import { loadDirectory, readTxns, scanBank, scoreLabelledBank } from '../../main/fraud';
import { importTransactionsCsv } from '../../main/importers';
import { migrateToLatest, openSqliteBank } from '../../main/source';
import { peakRssMb, round } from './measure';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 5_500);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const END = Date.UTC(2025, 10, 25, 14, 30, 0);
const IMPORTED_ROWS = Number(process.env.BENCH_IMPORTED_ROWS ?? 1_000_000);
const EVAL = fileURLToPath(new URL('../../../shared/eval', import.meta.url));

/**
 * The imported-CSV case: the PaySim evaluation set, converted by the shared converter, repeated with
 * fresh transaction and account ids to at least IMPORTED_ROWS rows, loaded through the real
 * importer, then the same whole scanBank call; scored against the file's labels.
 */
async function importedCase(dir: string): Promise<Record<string, number>> {
  const canon = join(dir, 'paysim.csv');
  const conv = spawnSync('python3', [join(EVAL, 'to_canonical.py'), 'paysim', join(EVAL, 'data', 'paysim_dev.csv'), canon], { encoding: 'utf8' });
  if (conv.status !== 0) throw new Error(`converter failed: ${conv.stderr}`);
  const [header, ...rows] = readFileSync(canon, 'utf8').trim().split('\n');
  const copies = Math.ceil(IMPORTED_ROWS / rows.length);
  const big = join(dir, 'paysim-repeated.csv');
  const out = createWriteStream(big);
  out.write(`${header}\n`);
  for (let k = 0; k < copies; k++) {
    // Fresh ids: every copy is other customers' history (txn ids, accounts and counterparties get a suffix).
    const chunk = rows.map((r) => {
      const c = r.split(',');
      c[0] = `${c[0]}-r${k}`;
      c[2] = `${c[2]}-r${k}`;
      if (c[3] && /^[CM]\d+$/.test(c[3])) c[3] = `${c[3]}-r${k}`;
      return c.join(',');
    });
    out.write(`${chunk.join('\n')}\n`);
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  const bank = openSqliteBank(join(dir, 'imported.sqlite'));
  try {
    await migrateToLatest(bank.db, 'sqlite');
    process.stderr.write(`importing ${(rows.length * copies).toLocaleString('en')} PaySim rows…\n`);
    const imp = await importTransactionsCsv(bank, big, { createMissingAccounts: true });
    process.stderr.write('imported case: full scan…\n');
    const scan = await scanBank(bank, {});
    const score = await scoreLabelledBank(bank, scan, new Map());
    return {
      transactions: scan.transactions,
      tx_per_s: Math.round(scan.transactions / scan.seconds),
      engine_tx_per_s: scan.txPerSec,
      precision: score.precision,
      recall: score.recall,
      alerts: score.alerts,
      alerts_per_1000: score.alertsPer1000,
      import_seconds: imp.seconds,
    };
  } finally {
    await bank.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cloudbank-bench-detect-'));
  try {
    const bank = openSqliteBank(join(dir, 'bank.sqlite'));
    await migrateToLatest(bank.db, 'sqlite');
    process.stderr.write(`generating a demo bank (${CUSTOMERS.toLocaleString('en')} customers, ${MONTHS} months)…\n`);
    const gen = await generateDemoBank(bank, { customers: CUSTOMERS, months: MONTHS, seed: 1993, end: END });

    process.stderr.write('baseline: the read loop alone…\n');
    const directory = await loadDirectory(bank);
    let readRows = 0;
    const readStart = performance.now();
    for await (const page of readTxns(bank, directory, { after: 0, upTo: Number.MAX_SAFE_INTEGER })) readRows += page.length;
    const readSeconds = (performance.now() - readStart) / 1000;

    process.stderr.write('product: full scan…\n');
    const scan = await scanBank(bank, {});
    if (scan.transactions < 1_000_000) throw new Error(`only ${scan.transactions} customer transactions: raise BENCH_CUSTOMERS`);
    const txPerS = Math.round(scan.transactions / scan.seconds);

    // Scoring against the labels: only here, after the scan.
    const sqlite = bank.sqlite;
    if (!sqlite) throw new Error('expected the embedded bank');
    const scenarios = sqlite.prepare('select pattern, scenario from fraud_labels group by pattern, scenario').all() as { pattern: string; scenario: number }[];
    const detected = new Set(
      (sqlite.prepare('select distinct l.scenario as s from fraud_labels l join fraud_alert_txns t on t.journal_id = l.journal_id').all() as { s: number }[]).map((r) => r.s),
    );
    const alerts = Number((sqlite.prepare('select count(*) as n from fraud_alerts').get() as { n: number }).n);
    const truePositives = Number(
      (
        sqlite
          .prepare(
            'select count(*) as n from fraud_alerts f where exists (select 1 from fraud_alert_txns t join fraud_labels l on l.journal_id = t.journal_id where t.alert_id = f.id)',
          )
          .get() as { n: number }
      ).n,
    );
    const labelled = Number((sqlite.prepare('select count(*) as n from fraud_labels').get() as { n: number }).n);
    const labelledLinked = Number(
      (sqlite.prepare('select count(distinct l.journal_id) as n from fraud_labels l join fraud_alert_txns t on t.journal_id = l.journal_id').get() as { n: number }).n,
    );

    const perPattern: Record<string, number> = {};
    const rows: string[] = [];
    const byPattern = new Map<string, { n: number; hit: number }>();
    for (const s of scenarios) {
      const e = byPattern.get(s.pattern) ?? { n: 0, hit: 0 };
      e.n++;
      if (detected.has(s.scenario)) e.hit++;
      byPattern.set(s.pattern, e);
    }
    for (const [p, e] of [...byPattern].sort()) {
      perPattern[p] = round(e.hit / e.n, 3);
      rows.push(`  ${p.padEnd(22)} ${String(e.hit).padStart(4)} / ${String(e.n).padEnd(4)} recall ${perPattern[p]}`);
    }
    const recall = round(scenarios.filter((s) => detected.has(s.scenario)).length / Math.max(1, scenarios.length), 3);
    const precision = round(truePositives / Math.max(1, alerts), 3);
    await bank.close();

    const imported = process.env.BENCH_SKIP_IMPORTED ? null : await importedCase(dir);

    console.log(`demo bank: ${gen.rows.journal?.toLocaleString('en')} journals, ${gen.rows.entries?.toLocaleString('en')} entries, generated in ${gen.seconds} s`);
    console.log('');
    console.log('what                              transactions      seconds        tx/s');
    console.log(
      `baseline: read loop only          ${String(readRows).padStart(12)} ${round(readSeconds, 2).toFixed(2).padStart(12)} ${String(Math.round(readRows / readSeconds)).padStart(11)}`,
    );
    console.log(
      `scan: read + engine (no store)    ${String(scan.transactions).padStart(12)} ${round(scan.detectSeconds, 2).toFixed(2).padStart(12)} ${String(scan.txPerSec).padStart(11)}`,
    );
    console.log(`scan: whole scanBank              ${String(scan.transactions).padStart(12)} ${round(scan.seconds, 2).toFixed(2).padStart(12)} ${String(txPerS).padStart(11)}`);
    console.log('');
    console.log(`alerts ${alerts} (${truePositives} involve a labelled transaction): precision ${precision}`);
    console.log(`scenarios ${scenarios.length}, detected ${detected.size}: recall ${recall}; labelled transactions linked to an alert ${labelledLinked} / ${labelled}`);
    for (const r of rows) console.log(r);
    console.log(`alerts by primary rule: ${JSON.stringify(scan.byRule)}; peak RSS ${peakRssMb()} MB`);
    if (imported) {
      console.log('');
      console.log(
        `imported CSV (PaySim repeated with fresh ids): ${imported.transactions} transactions, whole scanBank ${imported.tx_per_s} tx/s (engine loop ${imported.engine_tx_per_s} tx/s), alerts ${imported.alerts} (${imported.alerts_per_1000} per 1,000), precision ${imported.precision}, recall ${imported.recall}`,
      );
    }
    console.log(
      JSON.stringify({
        bench: 'detect',
        transactions: scan.transactions,
        tx_per_s: txPerS,
        precision,
        recall,
        per_pattern: perPattern,
        baseline_read_tx_per_s: Math.round(readRows / readSeconds),
        alerts,
        imported_csv: imported,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
