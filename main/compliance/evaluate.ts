import { bankDayOf, dayIso } from '../../shared/bank-time';
import type { Evaluation, MonitorId, MonitorResult } from '../../shared/contract';
import { incrementalQueries } from '../metrics';
import { capitalRatio, largeExposures, liquidity, loanToDeposit, nplMonitor } from './balance-sheet-monitors';
import { ctrMonitor, structuringMonitor } from './cash-monitors';
import { countMonitor } from './count-monitor';
import { deadlines } from './deadline-calendar';
import { TREND_DAYS, type Computed, type Ctx, type EvalDeps } from './evaluation-context';
import { MONITORS, type MonitorSpec } from './monitors';
import { sarMonitor } from './sar-monitor';
import { loadSettings } from './settings';
import { PROJECTION_FIT_DAYS, projectCrossing, statusOf, urgencyOf } from './status';

export { TREND_DAYS, type EvalDeps } from './evaluation-context';

/**
 * Evaluates every monitor on one store (the bank, or the cache offline) for bank day `at`: value,
 * status against the limit in force, a 90-day daily trend and the projected crossing day. Figures
 * come from the metric layer (queryMetric through the runner, so SQLite reads run off the main
 * thread); filing deadlines from the reports and cases tables. Monitors that share a metric share one
 * query.
 */

const COMPUTE: Record<MonitorId, (ctx: Ctx, spec: MonitorSpec) => Promise<Computed>> = {
  ctr_large_cash: (ctx) => ctrMonitor(ctx),
  structuring: (ctx) => structuringMonitor(ctx),
  sar_deadlines: (ctx) => sarMonitor(ctx),
  large_exposures: (ctx) => largeExposures(ctx),
  loan_to_deposit: (ctx) => loanToDeposit(ctx),
  liquidity_coverage: (ctx) => liquidity(ctx),
  capital_ratio: (ctx) => capitalRatio(ctx),
  kyc_overdue_all: (ctx, s) => countMonitor(ctx, s, null),
  kyc_overdue_high_risk: (ctx, s) => countMonitor(ctx, s, null),
  dormant_reactivated: (ctx, s) => countMonitor(ctx, s, 30),
  fraud_alert_backlog: (ctx, s) => countMonitor(ctx, s, null),
  npl_ratio: (ctx) => nplMonitor(ctx),
};

function finish(ctx: Ctx, spec: MonitorSpec, c: Computed): MonitorResult {
  const lim = ctx.settings.limits.get(spec.id) ?? { limit: spec.defaultLimit, warning: spec.defaultWarning, version: 0 };
  const value = c.trend.at(-1)?.value ?? null;
  const status = value === null && c.emptyIsOk ? 'ok' : statusOf(value, lim.limit, lim.warning, spec.direction);
  const projection = c.projection !== undefined ? c.projection : projectCrossing(c.trend, lim.limit, spec.direction);
  const { defaultLimit: _l, defaultWarning: _w, ...def } = spec;
  return {
    ...def,
    status,
    value,
    limit: lim.limit,
    warning: lim.warning,
    limitVersion: lim.version,
    currency: spec.unit === 'money' ? ctx.settings.reportingCurrency : null,
    note: c.note,
    trend: c.trend.map((p) => ({ day: dayIso(p.day), value: p.value })),
    projectedCrossing: status === 'breach' ? null : projection,
    urgency: urgencyOf(status, value, lim.limit, lim.warning),
    unconverted: c.unconverted ?? [],
  };
}

export interface EvaluateOptions {
  /** Bank day to evaluate (default today in the bank's zone). */
  at?: number;
  /** Only these monitors (default all). */
  only?: readonly MonitorId[];
  now?: number;
  /**
   * Days of trend to compute (default TREND_DAYS). A caller that shows only the value, the status and
   * the projected crossing (a report) asks for PROJECTION_FIT_DAYS: those depend on no earlier day.
   */
  trendDays?: number;
  /** Whether to list the filing calendar (default: when all monitors are asked). A report prints none. */
  deadlines?: boolean;
}

export async function evaluateMonitors(deps: EvalDeps, opts: EvaluateOptions = {}): Promise<Evaluation> {
  const now = opts.now ?? Date.now();
  const at = opts.at ?? bankDayOf(deps.store.source === 'cache' ? deps.store.asOf : now, deps.store.timeZone);
  const settings = await loadSettings(deps.store.bank);
  const trendDays = Math.min(TREND_DAYS, Math.max(PROJECTION_FIT_DAYS, opts.trendDays ?? TREND_DAYS));
  const ctx: Ctx = { ...deps, at, first: at - trendDays + 1, windowFirst: at - TREND_DAYS + 1, settings, cache: new Map(), memo: incrementalQueries(deps.store, deps.runner) };
  const specs = MONITORS.filter((m) => !opts.only || opts.only.includes(m.id));
  const results = await Promise.all(specs.map(async (s) => finish(ctx, s, await COMPUTE[s.id](ctx, s))));
  results.sort((a, b) => b.urgency - a.urgency || a.name.localeCompare(b.name));
  return {
    at: dayIso(at),
    evaluatedAt: now,
    source: deps.store.source,
    asOf: deps.store.asOf,
    timeZone: deps.store.timeZone,
    reportingCurrency: settings.reportingCurrency,
    monitors: results,
    // The calendar belongs to the whole dashboard; one monitor's drill-down does not pay for the cash scan.
    deadlines: (opts.deadlines ?? !opts.only) ? await deadlines(ctx) : [],
  };
}
