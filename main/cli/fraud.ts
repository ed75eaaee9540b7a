import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { FRAUD_ALERT_STATUSES, type FraudAlertStatus } from '../../shared/fraud-explanation';
import { alertsToCsv, evaluateLabelledCsv, exportAlerts, loadRuleOverrides, scanBank, type Evaluation } from '../fraud';
import { openTarget } from './bank-target';
import { isoInstant, positiveInt } from './options';

type Target = { dataDir: string; mysql?: string };

/** `cloudbank fraud scan`: the overnight scan from its stored position (or `--since`), with progress and a summary. */
export async function fraudScanCommand(o: Target & { since?: number }): Promise<void> {
  const bank = await openTarget(o);
  try {
    const tty = process.stdout.isTTY;
    let lastPhase = '';
    const s = await scanBank(bank, {
      ...(o.since !== undefined ? { since: o.since } : {}),
      onProgress: (p) => {
        const pct = p.total ? Math.min(100, Math.round((100 * p.done) / p.total)) : 100;
        if (tty) process.stdout.write(`\r${p.phase.padEnd(8)} ${String(pct).padStart(3)}%  ${p.alerts.toLocaleString('en')} alerts  ${p.txPerSec.toLocaleString('en')} tx/s   `);
        else if (p.phase !== lastPhase) process.stdout.write(`${p.phase}…\n`);
        lastPhase = p.phase;
      },
    });
    if (tty) process.stdout.write('\n');
    process.stdout.write(
      `Scanned ${s.transactions.toLocaleString('en')} transactions (entries ${s.fromEntryId + 1}–${s.toEntryId}, ${s.warmedTransactions.toLocaleString('en')} replayed to warm profiles) on ${bank.describe} in ${s.seconds.toFixed(1)} s (${s.txPerSec.toLocaleString('en')} tx/s).\n` +
        `${s.alerts} alerts raised or updated, ${s.created} new.\n`,
    );
    for (const [rule, n] of Object.entries(s.byRule).sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${rule.padEnd(22)} ${String(n).padStart(6)}\n`);
  } finally {
    await bank.close();
  }
}

/** `cloudbank fraud alerts`: alerts as CSV or JSON on stdout, for case-management and BI systems. */
export async function fraudAlertsCommand(o: Target & { status?: FraudAlertStatus; format: 'csv' | 'json' }): Promise<void> {
  const bank = await openTarget(o);
  try {
    const alerts = await exportAlerts(bank, o.status ? { status: o.status } : {});
    process.stdout.write(o.format === 'json' ? `${JSON.stringify(alerts, null, 2)}\n` : alertsToCsv(alerts));
  } finally {
    await bank.close();
  }
}

/**
 * `cloudbank fraud evaluate FILE.csv`: the default scan (or the rules as saved at `--rules-version N`
 * in the target bank) on a labelled canonical CSV loaded into a scratch bank, scored against its labels.
 */
export async function fraudEvaluateCommand(file: string, o: Target & { rulesVersion?: number; format: 'text' | 'json' }): Promise<void> {
  if (!existsSync(file)) throw new Error(`${file} does not exist.`);
  let rules;
  if (o.rulesVersion !== undefined) {
    const bank = await openTarget(o);
    try {
      rules = await loadRuleOverrides(bank, o.rulesVersion);
    } finally {
      await bank.close();
    }
  }
  const tty = process.stderr.isTTY;
  const e = await evaluateLabelledCsv(file, { ...(rules ? { rules } : {}), onPhase: (p) => tty && process.stderr.write(`${p}…\n`) });
  process.stdout.write(o.format === 'json' ? `${JSON.stringify(e)}\n` : evaluationText(e));
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function evaluationText(e: Evaluation): string {
  const lines = [
    `${e.file}: ${e.transactions.toLocaleString('en')} customer transactions scanned in ${e.scan.seconds.toFixed(1)} s (${e.scan.txPerSec.toLocaleString('en')} tx/s)`,
    `alerts ${e.alerts.toLocaleString('en')} (${e.alertsPer1000} per 1,000 transactions), ${e.trueAlerts} name a labelled transaction`,
    `precision ${pct(e.precision)}  recall ${pct(e.recall)}  account recall ${pct(e.accountRecall)}  ` +
      Object.entries(e.precisionAt)
        .map(([k, v]) => `P@${k} ${pct(v)}`)
        .join('  '),
    '',
    'label                    labelled   caught   recall  accounts  acct recall  alerts',
    ...Object.entries(e.labels).map(
      ([l, s]) =>
        `${l.padEnd(24)} ${String(s.labelled).padStart(8)} ${String(s.caught).padStart(8)} ${pct(s.recall).padStart(8)} ${String(s.accounts).padStart(9)} ${pct(s.accountRecall).padStart(12)} ${String(s.alerts).padStart(7)}`,
    ),
    '',
    'rule                         hits   alerts  true alerts  precision',
    ...Object.entries(e.rules).map(
      ([r, s]) => `${r.padEnd(24)} ${String(s.hits).padStart(8)} ${String(s.alerts).padStart(8)} ${String(s.trueAlerts).padStart(12)} ${pct(s.precision).padStart(10)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function status(value: string): FraudAlertStatus {
  const s = FRAUD_ALERT_STATUSES.find((x) => x === value);
  if (!s) throw new InvalidArgumentError(`Use one of: ${FRAUD_ALERT_STATUSES.join(', ')}.`);
  return s;
}

export function registerFraudCommands(program: Command, dataDirOption: () => Option, mysqlOption: () => Option): void {
  const fraud = program.command('fraud').description('fraud detection: the overnight scan and the alerts it raised');
  fraud
    .command('scan')
    .description('score the transactions booked since the last scan (idempotent: reruns and parallel scans never double-alert)')
    .option('--since <instant>', 'rescan from this instant (ISO 8601) instead of the last position', isoInstant)
    .addOption(dataDirOption())
    .addOption(mysqlOption())
    .action(async (o: Target & { since?: number }) => fraudScanCommand(o));
  fraud
    .command('alerts')
    .description('export alerts with their transactions and references, highest risk first')
    .option('--status <status>', `only alerts in this status (${FRAUD_ALERT_STATUSES.join(', ')})`, status)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .addOption(dataDirOption())
    .addOption(mysqlOption())
    .action(async (o: Target & { status?: FraudAlertStatus; format: 'csv' | 'json' }) => fraudAlertsCommand(o));
  fraud
    .command('evaluate <file>')
    .description(
      'load a labelled canonical transactions CSV into a scratch bank, run the scan and score it: precision, recall, account recall, precision at 50/100/500, alert rate, per label and per rule',
    )
    .option(
      '--rules-version <n>',
      'run each rule as saved at this version in the bank given by --data-dir/--mysql (its latest saved version not above N) instead of the defaults',
      positiveInt('--rules-version', 1_000_000),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(dataDirOption())
    .addOption(mysqlOption())
    .action(async (file: string, o: Target & { rulesVersion?: number; format: 'text' | 'json' }) => fraudEvaluateCommand(file, o));
}
