import { dayIso } from '../../shared/bank-time';
import type { MonitorResult } from '../../shared/contract';
import { walkExposures } from '../metrics';
import { days, convertedByDay, missing, query, rowDay, type Computed, type Ctx, type Series } from './evaluation-context';
import { convertMinor, rateOn, type Rate } from './fx';
import { moneyInputOn, ratioInputOn } from './settings';

/** Monitors on the loan book, deposits and the bank's entered figures: large exposures, loan-to-deposit, liquidity, capital, NPL. */

async function loansByDay(ctx: Ctx) {
  return convertedByDay(ctx, (await query(ctx, 'loan_portfolio_outstanding', ctx.first)).rows);
}
async function depositsByDay(ctx: Ctx) {
  return convertedByDay(ctx, (await query(ctx, 'deposits_held', ctx.first)).rows);
}

/**
 * The largest borrower's loans outstanding (all currencies converted at each day's rate) over Tier 1
 * capital, per day. The book is read as each borrower's changes (walkExposures), not a row per
 * borrower and day; money with no rate on the evaluation day is listed apart.
 */
export async function largeExposures(ctx: Ctx): Promise<Computed> {
  if (moneyInputOn(ctx.settings, 'tier1_capital', ctx.at) === null) return missing(ctx, 'Tier 1 capital');
  const book = await ctx.memo.exposures(ctx.first, ctx.at + 1, ctx.signal);
  const { reportingCurrency, rates } = ctx.settings;
  const trend: Series = [];
  let unconverted: MonitorResult['unconverted'] = [];
  let topCustomer = '';
  // The largest borrower changes only on a day the book or a rate of a currency in it changes: other days repeat it.
  let largest = 0;
  let ratesUsed = new Map<string, Rate | null>();
  walkExposures(book, (d, cells, changed) => {
    if (d > ctx.at) return;
    const sameRates = [...ratesUsed].every(([currency, rate]) => rateOn(rates, currency, d) === rate);
    if (changed || !sameRates || d === ctx.at) {
      ratesUsed = new Map();
      unconverted = [];
      const perCustomer = new Map<string, number>();
      for (const [customer, currency, amount] of cells.values()) {
        let rate = ratesUsed.get(currency);
        if (rate === undefined) ratesUsed.set(currency, (rate = rateOn(rates, currency, d)));
        const v = convertMinor(amount, currency, reportingCurrency, rate);
        if (v === null) unconverted.push({ currency, amount, day: dayIso(d) });
        else perCustomer.set(customer, (perCustomer.get(customer) ?? 0) + v);
      }
      largest = 0;
      topCustomer = '';
      for (const [c, v] of perCustomer)
        if (v > largest || (v === largest && v > 0 && Number(c) < Number(topCustomer))) {
          largest = v;
          topCustomer = c;
        }
    }
    if (d < ctx.first) return;
    const tier1 = moneyInputOn(ctx.settings, 'tier1_capital', d);
    trend.push({ day: d, value: tier1 ? largest / tier1 : null });
  });
  unconverted.sort((x, y) => y.amount - x.amount || x.currency.localeCompare(y.currency));
  const top = topCustomer
    ? await ctx.store.bank.db.selectFrom('customers').select(['customer_no', 'legal_name']).where('id', '=', Number(topCustomer)).executeTakeFirst()
    : undefined;
  return { trend, note: top ? `Largest: ${top.legal_name} (${top.customer_no}).` : 'No loans outstanding.', unconverted };
}

export async function loanToDeposit(ctx: Ctx): Promise<Computed> {
  const [loans, deposits] = await Promise.all([loansByDay(ctx), depositsByDay(ctx)]);
  const trend = days(ctx).map((d) => {
    const dep = deposits.byDay.get(d);
    return { day: d, value: dep && dep > 0 ? (loans.byDay.get(d) ?? 0) / dep : null };
  });
  return { trend, note: 'Loans outstanding over deposits held, in the reporting currency.', unconverted: [...loans.unconverted, ...deposits.unconverted] };
}

export async function liquidity(ctx: Ctx): Promise<Computed> {
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

export async function capitalRatio(ctx: Ctx): Promise<Computed> {
  if (moneyInputOn(ctx.settings, 'cet1_capital', ctx.at) === null || moneyInputOn(ctx.settings, 'risk_weighted_assets', ctx.at) === null)
    return missing(ctx, 'CET1 capital and risk-weighted assets');
  const trend = days(ctx).map((d) => {
    const cet1 = moneyInputOn(ctx.settings, 'cet1_capital', d);
    const rwa = moneyInputOn(ctx.settings, 'risk_weighted_assets', d);
    return { day: d, value: cet1 !== null && rwa ? cet1 / rwa : null };
  });
  return { trend, note: 'From the figures the bank entered.' };
}

export async function nplMonitor(ctx: Ctx): Promise<Computed> {
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
