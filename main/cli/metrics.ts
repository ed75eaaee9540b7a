import { type Command, type Option } from 'commander';
import { addPeriods, bankDayOf, dayIso } from '../../shared/bank-time';
import { DIMENSIONS, metricQuerySchema, type MetricResult } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatMinorPlain } from '../../shared/money';
import { csvCell } from '../../shared/spreadsheet-cell';
import { bankZone, CATALOG, queryMetric, type MetricStore } from '../metrics';
import { openTarget } from './bank-target';
import { listingCommand } from './options';

/**
 * `cloudbank metrics …`: the metric layer for scripts and BI tools — the same catalog, compiler and
 * bank periods as the screens, read straight from the bank (never a cache) so a script sees the truth.
 */

type Target = { dataDir: string; mysql?: string };
type QueryOptions = Target & { metric: string; by?: string; grain?: string; from?: string; to?: string; filter: string[]; compare?: string; format: 'json' | 'csv' };

/** Money as a decimal in major units (exact: from the integer minor units' digits, not by dividing a float). */
function figure(result: MetricResult, v: number | null | undefined, currency: string | null): number | null {
  if (v === null || v === undefined) return null;
  return result.unit === 'money' && currency ? Number(formatMinorPlain(v, currency)) : v;
}

export function metricsJson(result: MetricResult): Record<string, unknown> {
  const compared = result.compare !== 'none';
  return {
    metric: result.metric,
    unit: result.unit,
    from: result.from,
    to: result.to,
    grain: result.grain,
    source: result.source,
    asOf: new Date(result.asOf).toISOString(),
    timeZone: result.timeZone,
    ...(compared ? { compare: result.compare, compareFrom: result.compareFrom, compareTo: result.compareTo } : {}),
    rows: result.rows.map((r) => ({
      ...r.dims,
      ...(result.grain ? { period: r.period } : {}),
      value: figure(result, r.value, r.currency),
      ...(r.currency ? { currency: r.currency } : {}),
      ...(compared ? { previous: figure(result, r.previous, r.currency), change: figure(result, r.change, r.currency) } : {}),
    })),
  };
}

export function metricsCsv(result: MetricResult): string {
  const compared = result.compare !== 'none';
  const header = [...(result.grain ? ['period'] : []), ...result.by, 'value', 'currency', ...(compared ? ['previous', 'change'] : [])];
  const lines = [header.join(',')];
  for (const r of result.rows) {
    lines.push(
      [
        ...(result.grain ? [r.period] : []),
        ...result.by.map((d) => r.dims[d]),
        figure(result, r.value, r.currency),
        r.currency,
        ...(compared ? [figure(result, r.previous, r.currency), figure(result, r.change, r.currency)] : []),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

function parseFilters(list: string[]): { dimension: string; value: string }[] {
  return list.map((f) => {
    const at = f.indexOf('=');
    if (at <= 0) throw new AppError('VALIDATION', `--filter ${f}: write it as DIMENSION=VALUE, e.g. --filter branch=3 (dimensions: ${DIMENSIONS.join(', ')}).`);
    return { dimension: f.slice(0, at), value: f.slice(at + 1) };
  });
}

export async function metricsQueryCommand(o: QueryOptions): Promise<void> {
  const bank = await openTarget(o);
  try {
    const timeZone = await bankZone(bank);
    const now = Date.now();
    // Default period: the last twelve bank months up to and including today.
    const to = o.to ?? dayIso(bankDayOf(now, timeZone) + 1);
    const from = o.from ?? dayIso(addPeriods(bankDayOf(now, timeZone) + 1, 'year', -1));
    const parsed = metricQuerySchema.safeParse({
      metric: o.metric,
      from,
      to,
      grain: o.grain ?? null,
      by: o.by
        ? o.by
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
      filters: parseFilters(o.filter),
      compare: o.compare ?? 'none',
    });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new AppError(
        'VALIDATION',
        `${i?.path.join('.') || 'input'}: ${i?.message ?? 'invalid'}${i?.path[0] === 'metric' ? ` (metrics: ${CATALOG.map((m) => m.id).join(', ')})` : ''}`,
      );
    }
    const store: MetricStore = { bank, source: 'bank', rollups: false, timeZone, asOf: now };
    const result = await queryMetric(store, parsed.data);
    process.stdout.write(o.format === 'csv' ? metricsCsv(result) : `${JSON.stringify(metricsJson(result))}\n`);
  } finally {
    await bank.close();
  }
}

function metricText(m: (typeof CATALOG)[number]): string {
  return `${m.id.padEnd(30)} ${m.unit.padEnd(6)} ${m.label}\n${' '.repeat(38)}by: ${m.dimensions.join(', ') || '—'}\n${' '.repeat(38)}${m.definition}\n`;
}

export function registerMetricsCommands(program: Command, dataDirOption: () => Option, mysqlOption: () => Option): void {
  const metrics = program.command('metrics').description('the metric layer for scripts and BI tools: the catalog and its figures in bank periods');
  listingCommand(metrics.command('list').description('list the catalog: ids, units, dimensions and definitions'), CATALOG, metricText);
  metrics
    .command('query')
    .description('one metric for a period (--to is exclusive), split and filtered, optionally compared; money in major units')
    .requiredOption('--metric <id>', 'metric id (see "cloudbank metrics list")')
    .option('--by <dims>', 'split by up to two dimensions, comma-separated, e.g. branch,channel')
    .option('--grain <grain>', 'day, week, month, quarter or year (omit for one figure per split)')
    .option('--from <date>', 'first bank day, YYYY-MM-DD (default: a year before --to)')
    .option('--to <date>', 'first bank day after the period, YYYY-MM-DD (default: tomorrow)')
    .option('--filter <dim=value>', 'keep only this dimension value (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--compare <what>', 'previous or year')
    .option('--format <format>', 'json or csv', 'json')
    .addOption(dataDirOption())
    .addOption(mysqlOption())
    .action(async (o: QueryOptions) => {
      if (o.format !== 'json' && o.format !== 'csv') throw new AppError('VALIDATION', '--format must be json or csv.');
      await metricsQueryCommand(o);
    });
}
