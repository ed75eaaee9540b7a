import { bankDayStart, dayIso, parseDayIso } from '../../shared/bank-time';
import { cashDays, isReportable, structuringCount, structuringHits, type CashDay } from './cash-days';
import { CTR_DUE_DAYS, dueDay } from './deadlines';
import { days, query, type Computed, type Ctx, type Series } from './evaluation-context';
import { cdb } from './tables';

/** Cash monitors: days left until the earliest unfiled large-cash report is due, and structuring candidates. */

export interface CtrState {
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
export function ctr(ctx: Ctx): Promise<CtrState> {
  let p = ctrMemo.get(ctx);
  if (!p) ctrMemo.set(ctx, (p = ctrState(ctx)));
  return p;
}

export async function ctrMonitor(ctx: Ctx): Promise<Computed> {
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

export async function structuringMonitor(ctx: Ctx): Promise<Computed> {
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
