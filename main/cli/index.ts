import { Command, Option } from 'commander';
import { DEFAULT_DEMO } from '../demo';
import { defaultDataDir } from '../settings';
import { auditVerifyCommand } from './audit';
import { openTarget } from './bank-target';
import { demoCommand } from './demo';
import { registerFraudCommands } from './fraud';
import { registerImportCommands } from './import';
import { registerMetricsCommands } from './metrics';
import { registerComplianceCommands } from './compliance';
import { registerReportCommands } from './report';
import { isoInstant, positiveInt } from './options';
import { serve } from './serve';
import { start } from './start';
import { syncCommand } from './sync';

const program = new Command('cloudbank').description('CloudBank Analytics — analyst workstation and its command-line tools.').showHelpAfterError();

const dataDirOption = (): Option => new Option('--data-dir <dir>', 'folder holding the demo bank, cache and settings').default(defaultDataDir());
const mysqlOption = (): Option => new Option('--mysql <url>', 'use a MySQL bank, e.g. mysql://user:pass@host:3306/bank, instead of the demo bank');

const serveOptions = (cmd: Command): Command =>
  cmd
    .option('--port <n>', 'port to listen on (0 picks a free one)', positiveInt('--port', 65535), 4780)
    .option('--host <addr>', 'address to bind; keep the default unless you mean to expose it', '127.0.0.1')
    .addOption(dataDirOption())
    .addOption(mysqlOption())
    .option('--idle-minutes <n>', 'sign users out after this many idle minutes', positiveInt('--idle-minutes', 24 * 60), 15);

serveOptions(program.command('serve').description('start the browser edition (HTTP + WebSocket on 127.0.0.1)')).action(
  async (o: { port: number; host: string; dataDir: string; mysql?: string; idleMinutes: number }) => serve(o),
);

serveOptions(program.command('start').description('open the desktop window, or the browser edition where Electron cannot run')).action(
  async (o: { port: number; host: string; dataDir: string; mysql?: string; idleMinutes: number }) => start(o),
);

program
  .command('demo')
  .description('generate a deterministic demo bank (same seed and end, same bank)')
  .option('--customers <n>', 'number of customers', positiveInt('--customers', 1_000_000), DEFAULT_DEMO.customers)
  .option('--months <n>', 'months of history', positiveInt('--months', 120), DEFAULT_DEMO.months)
  .option('--seed <n>', 'random seed', positiveInt('--seed', 2 ** 31), DEFAULT_DEMO.seed)
  .option('--end <instant>', 'last instant of history (ISO 8601); default now', isoInstant)
  .addOption(dataDirOption())
  .addOption(mysqlOption())
  .option('--force', 'replace an existing demo bank in the data dir', false)
  .option('--fraud-scan', 'also run the overnight fraud scan, as the app does after generating its demo bank', false)
  .action(async (o: { customers: number; months: number; seed: number; end?: number; dataDir: string; mysql?: string; force: boolean; fraudScan: boolean }) =>
    demoCommand({ ...o, end: o.end ?? Date.now() }),
  );

program
  .command('sync')
  .description('copy the bank into the data dir’s encrypted cache once, with progress (resumes where a killed sync stopped)')
  .addOption(dataDirOption())
  .addOption(mysqlOption())
  .action(async (o: { dataDir: string; mysql?: string }) => syncCommand(o));

const audit = program.command('audit').description('audit log tools');
audit
  .command('verify')
  .description('verify the audit hash chain; exits 1 naming the first broken entry')
  .addOption(dataDirOption())
  .addOption(mysqlOption())
  .action(async (o: { dataDir: string; mysql?: string }) => {
    process.exitCode = await auditVerifyCommand(o);
  });

const db = program.command('db').description('database tools');
db.command('migrate')
  .description('create or upgrade the bank schema')
  .addOption(mysqlOption().makeOptionMandatory())
  .action(async (o: { mysql: string }) => {
    const bank = await openTarget({ mysql: o.mysql, dataDir: '' });
    process.stdout.write(`Schema is current on ${bank.describe}.\n`);
    await bank.close();
  });

registerImportCommands(program);
registerFraudCommands(program, dataDirOption, mysqlOption);
registerMetricsCommands(program, dataDirOption, mysqlOption);
registerComplianceCommands(program, dataDirOption, mysqlOption);
registerReportCommands(program, dataDirOption, mysqlOption);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`cloudbank: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
