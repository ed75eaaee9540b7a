import { addPeriods, dayIso, parseDayIso, periodStart } from '../../../../shared/bank-time';
import type { MetricId } from '../../../../shared/contract/metrics';
import { exploreRoute, exploreState } from '../explore/explore-state';

/** The dashboard's figures, each opening the explorer on the metric behind it. */
export type KpiLink = 'customers' | 'accounts' | 'deposits' | 'today-count' | 'today-volume';

function day(iso: string): number {
  const d = parseDayIso(iso);
  if (d === null) throw new RangeError(`Not a bank day: ${iso}`);
  return d;
}

/** This year so far, month by month: where a headline total came from. */
function yearByMonth(metric: MetricId, today: string): string {
  const start = periodStart(day(today), 'year');
  return exploreRoute(exploreState({ metric, from: dayIso(start), to: dayIso(addPeriods(start, 'year', 1)), grain: 'month' }));
}

/** One bank day's transactions (count or volume), split by branch: the first step of a drill-down. */
export function dayByBranchRoute(metric: 'transactions_count' | 'transactions_volume', bankDay: string): string {
  return exploreRoute(exploreState({ metric, from: bankDay, to: dayIso(day(bankDay) + 1), grain: null, by: ['branch'] }));
}

/**
 * Where each KPI card leads (`today` is the bank day the summary answered for): customers and accounts to
 * their growth this year, deposits to their month ends, today's figures to today by branch.
 */
export function kpiRoute(kpi: KpiLink, today: string): string {
  switch (kpi) {
    case 'customers':
      return yearByMonth('new_customers', today);
    case 'accounts':
      return yearByMonth('accounts_opened', today);
    case 'deposits':
      return yearByMonth('deposits_held', today);
    case 'today-count':
      return dayByBranchRoute('transactions_count', today);
    case 'today-volume':
      return dayByBranchRoute('transactions_volume', today);
  }
}
