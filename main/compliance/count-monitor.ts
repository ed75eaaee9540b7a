import type { MetricId } from '../../shared/contract';
import { countsByDay, days, query, type Computed, type Ctx } from './evaluation-context';
import type { MonitorSpec } from './monitors';

/** Monitors that count things per bank day (KYC overdue, dormant accounts woken, alerts past their SLA), optionally over a trailing window. */
export async function countMonitor(ctx: Ctx, spec: MonitorSpec, trailing: number | null): Promise<Computed> {
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
