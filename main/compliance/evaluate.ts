import { bankDayOf, bankDayStart, dayIso, parseDayIso } from '../../shared/bank-time';
import type { Evaluation, MetricId, MetricQuery, MetricResult, MetricRow, MonitorId, MonitorResult } from '../../shared/contract';
import { incrementalQueries, type IncrementalQueries, type MetricRunner, type MetricStore } from '../metrics';
import { cashDays, isReportable, structuringCount, structuringHits, type CashDay } from './cash-days';
import { CTR_DUE_DAYS, deadlineStatus, dueDay, SAR_DUE_DAYS, SAR_DUE_DAYS_NO_SUSPECT } from './deadlines';
import { convertMinor, rateOn } from './fx';
import { MONITORS, type MonitorSpec } from './monitors';
import { loadSettings, moneyInputOn, ratioInputOn, type Settings } from './settings';
import { PROJECTION_FIT_DAYS, projectCrossing, statusOf, urgencyOf } from './status';
import { cdb } from './tables';

/**
 * Evaluates every monitor on one store (the bank, or the cache offline) for bank day `at`: value,
 * status against the limit in force, a 90-day daily trend and the projected crossing day. Figures
 * come from the metric layer (queryMetric through the runner, so SQLite reads run off the main
 * thread); filing deadlines from the reports and cases tables. Monitors that share a metric share one
 * query.
 */

export const TREND_DAYS = 90;

export interface EvalDeps {
  store: MetricStore;
  runner: MetricRunner;
  signal?: AbortSignal;
}

type Series = { day: number; value: number | null }[];

interface Ctx extends EvalDeps {
  at: number;
  /** First day of the trend asked for. */
  first: number;
  /** First day of the full trend window: the CTR cash scan keeps it whatever the trend length, so a shorter trend never forgets an older unfiled large-cash day. */
  windowFirst: number;
  settings: Settings;
  cache: Map<string, Promise<MetricResult>>;
  /** Daily answers kept from the last evaluation on this cache: only the days a sync changed are asked again. */
  memo: IncrementalQueries;
}

function query(ctx: Ctx, metric: MetricId, from: number, opts: Partial<Pick<MetricQuery, 'by' | 'filters' | 'grain'>> = {}): Promise<MetricResult> {
  const q: MetricQuery = {
    metric,
    from: dayIso(from),
    to: dayIso(ctx.at + 1),
    grain: opts.grain === undefined ? 'day' : opts.grain,
    by: opts.by ?? [],
    filters: opts.filters ?? [],
    compare: 'none',
  };
  const key = JSON.stringify(q);
  let p = ctx.cache.get(key);
  if (!p) ctx.cache.set(key, (p = ctx.memo.query(q, ctx.signal)));
  return p;
}

function days(ctx: Ctx): number[] {
  const out: number[] = [];
  for (let d = ctx.first; d <= ctx.at; d++) out.push(d);
  return out;
}

function rowDay(r: MetricRow): number | null {
  return r.period === null ? null : parseDayIso(r.period);
}

/**
 * Each dated money row converted into the reporting currency on its own day; a row with no rate that
 * day is left out and, on the latest day, listed apart.
 */
function eachConverted(ctx: Ctx, rows: readonly MetricRow[], use: (day: number, value: number, row: MetricRow) => void): MonitorResult['unconverted'] {
  const unconverted: MonitorResult['unconverted'] = [];
  for (const r of rows) {
    const day = rowDay(r);
    if (day === null || r.currency === null) continue;
    const v = convertMinor(Math.round(r.value), r.currency, ctx.settings.reportingCurrency, rateOn(ctx.settings.rates, r.currency, day));
    if (v !== null) use(day, v, r);
    else if (day === ctx.at && r.value !== 0) unconverted.push({ currency: r.currency, amount: Math.round(r.value), day: dayIso(day) });
  }
  return unconverted;
}

/** Money per day converted into the reporting currency. */
function convertedByDay(ctx: Ctx, rows: readonly MetricRow[]): { byDay: Map<number, number>; unconverted: MonitorResult['unconverted'] } {
  const byDay = new Map<number, number>();
  const unconverted = eachConverted(ctx, rows, (day, v) => byDay.set(day, (byDay.get(day) ?? 0) + v));
  return { byDay, unconverted };
}

function countsByDay(rows: readonly MetricRow[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of rows) {
    const d = rowDay(r);
    if (d !== null) m.set(d, (m.get(d) ?? 0) + r.value);
  }
  return m;
}

interface Computed {
  trend: Series;
  note: string;
  currency?: string | null;
  unconverted?: MonitorResult['unconverted'];
  /** Deadline monitors project to the first overdue day themselves. */
  projection?: string | null;
  /** A deadline monitor with nothing outstanding is fine, not unknown. */
  emptyIsOk?: boolean;
}

// ---------------------------------------------------------------- cash: CTR and structuring

interface CtrState {
  cash: Map<string, CashDay>;
  filed: Map<string, number>;
  /** Unfiled stored reports older than the trend window (still outstanding). */
  older: { key: string; day: number }[];
}

async function ctrState(ctx: Ctx): Promise<CtrState> {
  const result = await query(ctx, 'cash_volume', ctx.windowFirst - CTR_DUE_DAYS - 30, { by: ['customer', 'direction'] });
  const cash = cashDays(result.rows, ctx.settings.reportingCurrency, ctx.settings.rates);
  const stored = await cdb(ctx.store.bank).selectFrom('ctr_reports').select(['customer_id', 'bank_day', 'filed_at', 'status']).execute();
  const filed = new Map<string, number>();
  const older: CtrState['older'] = [];
  const firstCash = ctx.windowFirst - CTR_DUE_DAYS - 30;
  for (const s of stored) {
    const day = parseDayIso(String(s.bank_day).slice(0, 10));
    if (day === null) continue;
    const key = `${Number(s.customer_id)}|${day}`;
    if (s.filed_at !== null) filed.set(key, Number(s.filed_at));
    else if (day < firstCash) older.push({ key, day });
  }
  return { cash, filed, older };
}

const ctrMemo = new WeakMap<Ctx, Promise<CtrState>>();
function ctr(ctx: Ctx): Promise<CtrState> {
  let p = ctrMemo.get(ctx);
  if (!p) ctrMemo.set(ctx, (p = ctrState(ctx)));
  return p;
}

async function ctrMonitor(ctx: Ctx): Promise<Computed> {
  const { cash, filed, older } = await ctr(ctx);
  const T = ctx.settings.ctrThreshold;
  const reportable = [...cash.values()].filter((cd) => isReportable(cd, T)).map((cd) => ({ key: `${cd.customerId}|${cd.day}`, day: cd.day }));
  const all = [...reportable, ...older];
  const trend: Series = days(ctx).map((d) => {
    // A day's report exists once the day is over; it stops counting once filed (by the end of d).
    const endOfD = bankDayStart(d + 1, ctx.store.timeZone);
    let best: number | null = null;
    for (const r of all) {
      if (r.day >= d) continue;
      const f = filed.get(r.key);
      if (f !== undefined && f < endOfD) continue;
      const left = dueDay(r.day, CTR_DUE_DAYS) - d;
      if (best === null || left < best) best = left;
    }
    return { day: d, value: best };
  });
  const open = all.filter((r) => r.day < ctx.at && !filed.has(r.key));
  const earliest = open.reduce<number | null>((m, r) => {
    const due = dueDay(r.day, CTR_DUE_DAYS);
    return m === null || due < m ? due : m;
  }, null);
  const unconverted = [...cash.values()]
    .filter((cd) => cd.day === ctx.at - 1 || cd.day === ctx.at)
    .flatMap((cd) => cd.unconverted.map((u) => ({ currency: u.currency, amount: u.cashIn + u.cashOut, day: dayIso(cd.day) })));
  return {
    trend,
    note: open.length ? `${open.length} report${open.length === 1 ? '' : 's'} not filed; earliest due ${dayIso(earliest ?? ctx.at)}.` : 'Every large-cash day is reported.',
    projection: earliest === null ? null : dayIso(earliest + 1),
    emptyIsOk: true,
    unconverted,
  };
}

async function structuringMonitor(ctx: Ctx): Promise<Computed> {
  const { cash } = await ctr(ctx);
  const hits = structuringHits(cash.values(), ctx.settings.ctrThreshold);
  const trend = days(ctx).map((d) => ({ day: d, value: structuringCount(hits, d) }));
  const now = trend.at(-1)?.value ?? 0;
  return {
    trend,
    note: now
      ? `${now} customer${now === 1 ? '' : 's'} with repeated cash just under the threshold in the last 30 days.`
      : 'No repeated cash just under the threshold in the last 30 days.',
  };
}

// ---------------------------------------------------------------- SAR deadlines

async function sarMonitor(ctx: Ctx): Promise<Computed> {
  const cases = await cdb(ctx.store.bank).selectFrom('fraud_cases').select(['id', 'created_at', 'suspect_known', 'sar_filed_at', 'closed_at', 'sar_reference']).execute();
  const tz = ctx.store.timeZone;
  const items = cases.map((c) => {
    const day = bankDayOf(Number(c.created_at), tz);
    return {
      day,
      due: dueDay(day, Number(c.suspect_known) === 0 ? SAR_DUE_DAYS_NO_SUSPECT : SAR_DUE_DAYS),
      filedAt: c.sar_filed_at === null ? null : Number(c.sar_filed_at),
      closedAt: c.closed_at === null ? null : Number(c.closed_at),
      created: Number(c.created_at),
    };
  });
  const trend = days(ctx).map((d) => {
    const endOfD = bankDayStart(d + 1, tz);
    let best: number | null = null;
    for (const c of items) {
      if (c.created >= endOfD) continue;
      if ((c.filedAt !== null && c.filedAt < endOfD) || (c.closedAt !== null && c.closedAt < endOfD)) continue;
      const left = c.due - d;
      if (best === null || left < best) best = left;
    }
    return { day: d, value: best };
  });
  const open = items.filter((c) => c.filedAt === null && c.closedAt === null);
  const earliest = open.reduce<number | null>((m, c) => (m === null || c.due < m ? c.due : m), null);
  const overdue = open.filter((c) => c.due < ctx.at).length;
  return {
    trend,
    note: open.length
      ? `${open.length} SAR${open.length === 1 ? '' : 's'} not filed${overdue ? `, ${overdue} overdue` : ''}; earliest due ${dayIso(earliest ?? ctx.at)}.`
      : 'No escalated case waits for a SAR.',
    projection: earliest === null ? null : dayIso(earliest + 1),
    emptyIsOk: true,
  };
}

// ---------------------------------------------------------------- loan book, deposits, inputs

async function loansByDay(ctx: Ctx) {
  return convertedByDay(ctx, (await query(ctx, 'loan_portfolio_outstanding', ctx.first)).rows);
}
async function depositsByDay(ctx: Ctx) {
  return convertedByDay(ctx, (await query(ctx, 'deposits_held', ctx.first)).rows);
}

function missing(ctx: Ctx, what: string): Computed {
  return { trend: days(ctx).map((d) => ({ day: d, value: null })), note: `Enter ${what} (bank inputs) to compute this monitor.` };
}

async function largeExposures(ctx: Ctx): Promise<Computed> {
  if (moneyInputOn(ctx.settings, 'tier1_capital', ctx.at) === null) return missing(ctx, 'Tier 1 capital');
  const rows = (await query(ctx, 'loan_portfolio_outstanding', ctx.first, { by: ['customer'] })).rows;
  const perDay = new Map<number, Map<string, number>>();
  const unconverted = eachConverted(ctx, rows, (day, v, r) => {
    const m = perDay.get(day) ?? new Map<string, number>();
    const c = r.dims.customer ?? '';
    m.set(c, (m.get(c) ?? 0) + v);
    perDay.set(day, m);
  });
  let topCustomer = '';
  const trend = days(ctx).map((d) => {
    const tier1 = moneyInputOn(ctx.settings, 'tier1_capital', d);
    const m = perDay.get(d);
    if (!tier1 || !m) return { day: d, value: tier1 ? 0 : null };
    let max = 0;
    for (const [c, v] of m)
      if (v > max) {
        max = v;
        if (d === ctx.at) topCustomer = c;
      }
    return { day: d, value: max / tier1 };
  });
  const top = topCustomer
    ? await ctx.store.bank.db.selectFrom('customers').select(['customer_no', 'legal_name']).where('id', '=', Number(topCustomer)).executeTakeFirst()
    : undefined;
  return { trend, note: top ? `Largest: ${top.legal_name} (${top.customer_no}).` : 'No loans outstanding.', unconverted };
}

async function loanToDeposit(ctx: Ctx): Promise<Computed> {
  const [loans, deposits] = await Promise.all([loansByDay(ctx), depositsByDay(ctx)]);
  const trend = days(ctx).map((d) => {
    const dep = deposits.byDay.get(d);
    return { day: d, value: dep && dep > 0 ? (loans.byDay.get(d) ?? 0) / dep : null };
  });
  return { trend, note: 'Loans outstanding over deposits held, in the reporting currency.', unconverted: [...loans.unconverted, ...deposits.unconverted] };
}

async function liquidity(ctx: Ctx): Promise<Computed> {
  if (moneyInputOn(ctx.settings, 'liquid_assets', ctx.at) === null) return missing(ctx, 'liquid assets');
  const [deposits, flows] = await Promise.all([depositsByDay(ctx), query(ctx, 'transactions_volume', ctx.first - 30, { by: ['direction'] })]);
  const net = new Map<number, number>();
  for (const r of flows.rows) {
    const day = rowDay(r);
    if (day === null || r.currency === null) continue;
    const v = convertMinor(Math.round(r.value), r.currency, ctx.settings.reportingCurrency, rateOn(ctx.settings.rates, r.currency, day));
    if (v === null) continue;
    net.set(day, (net.get(day) ?? 0) + (r.dims.direction === 'out' ? v : -v));
  }
  const trend = days(ctx).map((d) => {
    const assets = moneyInputOn(ctx.settings, 'liquid_assets', d);
    const dep = deposits.byDay.get(d);
    if (assets === null || dep === undefined) return { day: d, value: null };
    const haircut = ratioInputOn(ctx.settings, 'liquid_assets_haircut', d) ?? 0;
    const runoff = ratioInputOn(ctx.settings, 'deposit_runoff_rate', d) ?? 0.1;
    let observed = 0;
    for (let k = d - 29; k <= d; k++) observed += net.get(k) ?? 0;
    const outflows = Math.max(dep * runoff, observed);
    return { day: d, value: outflows > 0 ? (assets * (1 - haircut)) / outflows : null };
  });
  const runoffEntered = ratioInputOn(ctx.settings, 'deposit_runoff_rate', ctx.at) !== null;
  return {
    trend,
    note: `Net outflows: the larger of deposits × run-off${runoffEntered ? '' : ' (10 % until the bank enters its rate)'} and the last 30 days’ net outflow.`,
    unconverted: deposits.unconverted,
  };
}

async function capitalRatio(ctx: Ctx): Promise<Computed> {
  if (moneyInputOn(ctx.settings, 'cet1_capital', ctx.at) === null || moneyInputOn(ctx.settings, 'risk_weighted_assets', ctx.at) === null)
    return missing(ctx, 'CET1 capital and risk-weighted assets');
  const trend = days(ctx).map((d) => {
    const cet1 = moneyInputOn(ctx.settings, 'cet1_capital', d);
    const rwa = moneyInputOn(ctx.settings, 'risk_weighted_assets', d);
    return { day: d, value: cet1 !== null && rwa ? cet1 / rwa : null };
  });
  return { trend, note: 'From the figures the bank entered.' };
}

async function countMonitor(ctx: Ctx, spec: MonitorSpec, trailing: number | null): Promise<Computed> {
  const metric = spec.metric as MetricId;
  const from = trailing ? ctx.first - trailing + 1 : ctx.first;
  const byDay = countsByDay((await query(ctx, metric, from, { filters: spec.metricFilters })).rows);
  const trend = days(ctx).map((d) => {
    if (!trailing) return { day: d, value: byDay.get(d) ?? 0 };
    let s = 0;
    for (let k = d - trailing + 1; k <= d; k++) s += byDay.get(k) ?? 0;
    return { day: d, value: s };
  });
  return { trend, note: trailing ? `Counted over the last ${trailing} days.` : 'At the end of each bank day.' };
}

async function nplMonitor(ctx: Ctx): Promise<Computed> {
  const [ratios, loans] = await Promise.all([query(ctx, 'npl_ratio', ctx.first), query(ctx, 'loan_portfolio_outstanding', ctx.first)]);
  const outstanding = new Map(loans.rows.map((r) => [`${r.period}|${r.currency}`, r.value]));
  const bad = new Map<number, number>();
  const all = new Map<number, number>();
  const unconverted: MonitorResult['unconverted'] = [];
  for (const r of ratios.rows) {
    const day = rowDay(r);
    if (day === null || r.currency === null) continue;
    const total = outstanding.get(`${r.period}|${r.currency}`) ?? 0;
    const conv = convertMinor(Math.round(total), r.currency, ctx.settings.reportingCurrency, rateOn(ctx.settings.rates, r.currency, day));
    if (conv === null) {
      if (day === ctx.at) unconverted.push({ currency: r.currency, amount: Math.round(total), day: dayIso(day) });
      continue;
    }
    bad.set(day, (bad.get(day) ?? 0) + r.value * conv);
    all.set(day, (all.get(day) ?? 0) + conv);
  }
  const trend = days(ctx).map((d) => {
    const a = all.get(d);
    return { day: d, value: a ? (bad.get(d) ?? 0) / a : null };
  });
  return { trend, note: 'Weighted across currencies by outstanding in the reporting currency.', unconverted };
}

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

/**
 * Reports and SARs not yet filed, soonest first (the dashboard's calendar): stored reports, and
 * large-cash days whose report has not been generated yet (they are due all the same).
 */
async function deadlines(ctx: Ctx): Promise<Evaluation['deadlines']> {
  const { store, at } = ctx;
  const db = cdb(store.bank);
  const [reports, cases, cash] = await Promise.all([
    db
      .selectFrom('ctr_reports as r')
      .leftJoin('customers as c', 'c.id', 'r.customer_id')
      .select(['r.id', 'r.customer_id', 'r.bank_day', 'r.due_day', 'r.filed_at', 'c.customer_no', 'c.legal_name'])
      .execute(),
    db.selectFrom('fraud_cases').select(['id', 'title', 'created_at', 'suspect_known']).where('sar_filed_at', 'is', null).where('closed_at', 'is', null).execute(),
    ctr(ctx),
  ]);
  const out: Evaluation['deadlines'] = [];
  const stored = new Set<string>();
  for (const r of reports) {
    stored.add(`${Number(r.customer_id)}|${String(r.bank_day).slice(0, 10)}`);
    if (r.filed_at !== null) continue;
    const due = parseDayIso(String(r.due_day).slice(0, 10)) ?? at;
    out.push({
      kind: 'ctr',
      id: Number(r.id),
      title: `CTR ${r.legal_name ?? ''} (${r.customer_no ?? ''}), ${String(r.bank_day).slice(0, 10)}`,
      dueDay: dayIso(due),
      status: deadlineStatus(due, at, false),
    });
  }
  const missing = [...cash.cash.values()].filter((cd) => cd.day < at && isReportable(cd, ctx.settings.ctrThreshold) && !stored.has(`${cd.customerId}|${dayIso(cd.day)}`));
  const names = missing.length
    ? await db
        .selectFrom('customers')
        .select(['id', 'customer_no', 'legal_name'])
        .where('id', 'in', [...new Set(missing.map((m) => m.customerId))])
        .execute()
    : [];
  const nameOf = new Map(names.map((n) => [Number(n.id), `${n.legal_name} (${n.customer_no})`]));
  for (const cd of missing) {
    const due = dueDay(cd.day, CTR_DUE_DAYS);
    out.push({
      kind: 'ctr',
      id: 0,
      title: `CTR ${nameOf.get(cd.customerId) ?? `customer ${cd.customerId}`}, ${dayIso(cd.day)} — report not generated yet`,
      dueDay: dayIso(due),
      status: deadlineStatus(due, at, false),
    });
  }
  for (const c of cases) {
    const due = dueDay(bankDayOf(Number(c.created_at), store.timeZone), Number(c.suspect_known) === 0 ? SAR_DUE_DAYS_NO_SUSPECT : SAR_DUE_DAYS);
    out.push({ kind: 'sar', id: Number(c.id), title: `SAR for case ${Number(c.id)}: ${c.title}`, dueDay: dayIso(due), status: deadlineStatus(due, at, false) });
  }
  return out.sort((a, b) => a.dueDay.localeCompare(b.dueDay));
}
