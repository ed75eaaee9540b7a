import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { type Command, type Option } from 'commander';
import { REPORT_FORMATS, s3SettingsSchema, type ReportFormat } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { COMPARISONS, parsePeriodText, reportDefinitionSchema, type Comparison, type ReportDefinition } from '../../shared/report-definition';
import { REPORT_TEMPLATES, templateById } from '../../shared/report-templates';
import { bankZone, queryMetric, type MetricStore } from '../metrics';
import { bankNameOf, openReportBucket, publishReport, renderReport, runReport } from '../reports';
import { openTarget } from './bank-target';
import { listingCommand } from './options';

/**
 * `cloudbank report …`: the report builder for scripts and schedules — the same definitions, metric
 * layer and renderers as the screen, read straight from the bank.
 */

interface RunOptions {
  template?: string;
  def?: string;
  period?: string;
  compare?: string;
  format: string;
  out: string;
  s3?: string;
  s3Region?: string;
  s3Endpoint?: string;
  sse: string;
  kmsKey?: string;
  author?: string;
  dataDir: string;
  mysql?: string;
}

function issueText(e: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return e.issues.map((i) => `${i.path.map(String).join('.') || 'definition'}: ${i.message}`).join('; ');
}

/** The definition: a template or a JSON file, with --period and --compare laid over it. */
export async function definitionFrom(o: Pick<RunOptions, 'template' | 'def' | 'period' | 'compare'>): Promise<ReportDefinition> {
  if (!o.template === !o.def) throw new AppError('VALIDATION', 'Give exactly one of --template ID or --def FILE (see "cloudbank report templates").');
  let base: Record<string, unknown>;
  if (o.template) {
    const t = templateById(o.template);
    if (!t) throw new AppError('VALIDATION', `--template ${o.template}: no such template (${REPORT_TEMPLATES.map((x) => x.id).join(', ')}).`);
    base = { ...t.definition };
  } else {
    const text = await readFile(resolve(o.def ?? ''), 'utf8').catch((e: unknown) => {
      throw new AppError('VALIDATION', `--def ${o.def}: ${(e as Error).message}`);
    });
    try {
      base = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new AppError('VALIDATION', `--def ${o.def}: not JSON.`);
    }
  }
  if (o.period) {
    const p = parsePeriodText(o.period);
    if (!p) throw new AppError('VALIDATION', `--period ${o.period}: write 1997-Q4, 1997-10, 1997 or 1997-10-01..1997-12-31.`);
    base.period = p;
  }
  if (!base.period) throw new AppError('VALIDATION', '--period is needed: the template has no period of its own.');
  if (o.compare !== undefined) {
    const list = o.compare
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = list.find((c) => !(COMPARISONS as readonly string[]).includes(c));
    if (bad) throw new AppError('VALIDATION', `--compare ${bad}: use previous and/or year, e.g. --compare previous,year.`);
    base.comparisons = list as Comparison[];
  }
  const parsed = reportDefinitionSchema.safeParse(base);
  if (!parsed.success) throw new AppError('VALIDATION', issueText(parsed.error));
  return parsed.data;
}

function formatsOf(text: string): ReportFormat[] {
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.find((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (bad || !list.length) throw new AppError('VALIDATION', `--format ${bad ?? text}: choose from ${REPORT_FORMATS.join(', ')}.`);
  return [...new Set(list)] as ReportFormat[];
}

export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m) throw new AppError('VALIDATION', `--s3 ${url}: write it as s3://bucket/prefix/.`);
  const prefix = m[2] ?? '';
  return { bucket: m[1] ?? '', prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix };
}

export async function reportRunCommand(o: RunOptions): Promise<void> {
  const definition = await definitionFrom(o);
  const formats = formatsOf(o.format);
  const s3 = o.s3
    ? s3SettingsSchema.safeParse({
        ...parseS3Url(o.s3),
        region: o.s3Region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? '',
        encryption: o.sse,
        kmsKeyId: o.kmsKey ?? null,
        endpoint: o.s3Endpoint ?? null,
      })
    : null;
  if (s3 && !s3.success) throw new AppError('VALIDATION', `--s3: ${issueText(s3.error)} (set --s3-region or AWS_REGION).`);
  const bank = await openTarget(o);
  try {
    const timeZone = await bankZone(bank);
    const now = Date.now();
    const store: MetricStore = { bank, source: 'bank', rollups: false, timeZone, asOf: now };
    const started = performance.now();
    const result = await runReport(definition, {
      store,
      ask: (q) => queryMetric(store, q),
      bankName: await bankNameOf(bank),
      author: o.author ?? userInfo().username,
      now,
      ...(process.stderr.isTTY ? { onProgress: (done: number, total: number) => void process.stderr.write(`\r  figures ${done}/${total}`) } : {}),
    });
    process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}  ${result.figureRows.toLocaleString('en')} figure rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    const out = resolve(o.out);
    await mkdir(out, { recursive: true });
    for (const f of formats) {
      const file = await renderReport(result, f);
      const path = join(out, file.filename);
      await writeFile(path, file.bytes);
      process.stdout.write(`${path}\n`);
    }
    if (s3?.success) {
      const bucket = openReportBucket(s3.data);
      try {
        const keys = await publishReport(bucket, result, formats);
        for (const key of Object.values(keys)) process.stdout.write(`s3://${s3.data.bucket}/${key}\n`);
      } finally {
        bucket.destroy();
      }
    }
  } finally {
    await bank.close();
  }
}

function templateText(t: (typeof REPORT_TEMPLATES)[number]): string {
  return `${t.id.padEnd(24)} ${t.name}\n${' '.repeat(25)}${t.description}\n${' '.repeat(25)}${t.definition.sections.length} sections\n`;
}

export function registerReportCommands(program: Command, dataDirOption: () => Option, mysqlOption: () => Option): void {
  const report = program.command('report').description('board packs and other reports over the metric catalog: PDF, XLSX, CSV, JSON, optionally to S3');
  listingCommand(report.command('templates').description('list the built-in report templates'), REPORT_TEMPLATES, templateText);
  report
    .command('run')
    .description('generate a report for a bank period and write it to a folder (and S3)')
    .option('--template <id>', 'built-in template (see "cloudbank report templates")')
    .option('--def <file>', 'a report definition as JSON')
    .option('--period <period>', '1997-Q4, 1997-10, 1997 or 1997-10-01..1997-12-31 (bank periods)')
    .option('--compare <list>', 'previous and/or year, comma-separated (default: the definition’s)')
    .option('--format <list>', `comma-separated: ${REPORT_FORMATS.join(', ')}`, 'pdf')
    .requiredOption('--out <dir>', 'folder to write the files to')
    .option('--s3 <url>', 'also store in S3, e.g. s3://bank-reports/board-packs/ (credentials from the AWS chain)')
    .option('--s3-region <region>', 'the bucket’s region (default AWS_REGION)')
    .option('--s3-endpoint <url>', 'an S3-compatible endpoint instead of AWS')
    .option('--sse <kind>', 'server-side encryption: AES256 or aws:kms', 'AES256')
    .option('--kms-key <id>', 'KMS key id or ARN for --sse aws:kms')
    .option('--author <name>', 'who the report is by (default: this OS user)')
    .addOption(dataDirOption())
    .addOption(mysqlOption())
    .action(async (o: RunOptions) => reportRunCommand(o));
}
