import { type Command, type Option } from 'commander';
import { bankDayOf, dayIso, parseDayIso } from '../../shared/bank-time';
import type { CtrReport, MonitorResult } from '../../shared/contract';
import { computeCtr, ctrCsv, ctrJson, evaluateMonitors, loadSettings } from '../compliance';
import { bankZone, IN_THREAD, type MetricStore } from '../metrics';
import type { Bank } from '../source';
import { openTarget } from './bank-target';

/**
 * `cloudbank compliance evaluate` and `cloudbank compliance ctr`: the monitors and the large-cash
 * reports for scripts, computed by the same code as the screens, straight from the bank.
 */

type Target = { dataDir: string; mysql?: string };

async function bankStore(bank: Bank, now: number): Promise<MetricStore> {
  return { bank, source: 'bank', rollups: false, timeZone: await bankZone(bank), asOf: now };
}

function dayOption(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (parseDayIso(v.slice(0, 10)) === null) throw new Error(`${name}: ${v} is not a date like 2026-12-04.`);
  return v.slice(0, 10);
}

function shown(m: MonitorResult): string {
  if (m.value === null) return '—';
  if (m.unit === 'ratio') return `${(m.value * 100).toFixed(2)} %`;
  if (m.unit === 'days') return `${m.value} d`;
  return String(Math.round(m.value * 100) / 100);
}

export function registerComplianceCommands(program: Command, dataDirOption: () => Option, mysqlOption: () => Option): void {
  const compliance = program.command('compliance').description('compliance monitors and large-cash reports');
  compliance
    .command('evaluate')
    .description('evaluate every monitor: id, status, value, limit, unit, projected crossing day')
    .option('--at <date>', 'bank day to evaluate (default today in the bank’s zone)')
    .option('--format <format>', 'json or table', 'table')
    .addOption(dataDirOption())
    .addOption(mysqlOption())
    .action(async (o: Target & { at?: string; format: string }) => {
      if (o.format !== 'json' && o.format !== 'table') throw new Error('--format must be json or table.');
      const bank = await openTarget(o);
      try {
        const now = Date.now();
        const store = await bankStore(bank, now);
        const at = dayOption('--at', o.at);
        const ev = await evaluateMonitors({ store, runner: IN_THREAD }, { now, ...(at ? { at: parseDayIso(at) as number } : {}) });
        if (o.format === 'json') {
          const out = {
            at: ev.at,
            source: ev.source,
            timeZone: ev.timeZone,
            reportingCurrency: ev.reportingCurrency,
            monitors: ev.monitors.map((m) => ({
              id: m.id,
              name: m.name,
              status: m.status,
              value: m.value,
              limit: m.limit,
              warning: m.warning,
              unit: m.unit,
              direction: m.direction,
              projection: m.projectedCrossing,
              note: m.note,
            })),
          };
          process.stdout.write(`${JSON.stringify(out)}\n`);
          return;
        }
        const rows = ev.monitors.map((m) => [
          m.id,
          m.status.toUpperCase(),
          shown(m),
          m.unit === 'ratio' ? `${(m.limit * 100).toFixed(2)} %` : String(m.limit),
          m.unit,
          m.projectedCrossing ?? '',
        ]);
        const head = ['monitor', 'status', 'value', 'limit', 'unit', 'crossing'];
        const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
        const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
        process.stdout.write(`Compliance monitors on ${ev.at} (${ev.timeZone}), reporting in ${ev.reportingCurrency}\n${line(head)}\n${rows.map(line).join('\n')}\n`);
      } finally {
        await bank.close();
      }
    });

  compliance
    .command('ctr')
    .description('large-cash reports: one row per customer and bank day over the threshold (cash in and out apart); --to is exclusive')
    .requiredOption('--from <date>', 'first bank day')
    .requiredOption('--to <date>', 'first bank day after the period')
    .option('--format <format>', 'csv or json', 'csv')
    .addOption(dataDirOption())
    .addOption(mysqlOption())
    .action(async (o: Target & { from: string; to: string; format: string }) => {
      if (o.format !== 'json' && o.format !== 'csv') throw new Error('--format must be csv or json.');
      const from = dayOption('--from', o.from) as string;
      const to = dayOption('--to', o.to) as string;
      const bank = await openTarget(o);
      try {
        const now = Date.now();
        const store = await bankStore(bank, now);
        const settings = await loadSettings(bank);
        const rows = await computeCtr(store, IN_THREAD, from, to, settings);
        const ids = [...new Set(rows.map((r) => r.customerId))];
        const customers = ids.length
          ? await bank.db.selectFrom('customers').select(['id', 'customer_no', 'legal_name', 'date_of_birth', 'national_id', 'address', 'city']).where('id', 'in', ids).execute()
          : [];
        const byId = new Map(customers.map((c) => [Number(c.id), c]));
        const stored = await bank.db
          .withTables<{
            ctr_reports: {
              id: number;
              customer_id: number;
              bank_day: string;
              filed_reference: string | null;
              filed_at: number | null;
              filed_by: string | null;
              reviewed_by: string | null;
            };
          }>()
          .selectFrom('ctr_reports')
          .selectAll()
          .where('bank_day', '>=', from)
          .where('bank_day', '<', to)
          .execute();
        const storedBy = new Map(stored.map((s) => [`${Number(s.customer_id)}|${String(s.bank_day).slice(0, 10)}`, s]));
        const today = bankDayOf(now, store.timeZone);
        const reports: CtrReport[] = rows.map((r) => {
          const c = byId.get(r.customerId);
          const s = storedBy.get(`${r.customerId}|${dayIso(r.day)}`);
          return {
            id: s ? Number(s.id) : 0,
            customerId: r.customerId,
            customerNo: c?.customer_no ?? '',
            customerName: c?.legal_name ?? '',
            dateOfBirth: c?.date_of_birth ?? null,
            nationalId: c?.national_id ?? null,
            address: c ? (c.address.includes(c.city) ? c.address : `${c.address}, ${c.city}`) : null,
            day: dayIso(r.day),
            currency: r.currency,
            cashIn: r.cashIn,
            cashOut: r.cashOut,
            accounts: r.accounts,
            transactions: r.transactions,
            unconverted: r.unconverted,
            dueDay: dayIso(r.dueDay),
            status: s?.filed_at != null ? 'filed' : today > r.dueDay ? 'overdue' : 'due',
            reviewedBy: s?.reviewed_by ?? null,
            filedReference: s?.filed_reference ?? null,
            filedBy: s?.filed_by ?? null,
            filedAt: s?.filed_at == null ? null : Number(s.filed_at),
          };
        });
        process.stdout.write(o.format === 'csv' ? ctrCsv(reports) : `${ctrJson(reports, { from, to, threshold: settings.ctrThreshold, generatedAt: now })}\n`);
      } finally {
        await bank.close();
      }
    });
}
