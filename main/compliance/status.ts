import { dayIso } from '../../shared/bank-time';
import type { MonitorDirection, MonitorStatus } from '../../shared/contract';

/**
 * Band edges, stated once: for a `max` monitor the value may equal the limit (breach only above it)
 * and equal the warning edge (warning only above it); for a `min` monitor the same the other way.
 * A value that cannot be computed is `unknown`, never ok.
 */
export function statusOf(value: number | null, limit: number, warning: number, direction: MonitorDirection): MonitorStatus {
  if (value === null || !Number.isFinite(value)) return 'unknown';
  if (direction === 'max') {
    if (value > limit) return 'breach';
    if (value > warning) return 'warning';
    return 'ok';
  }
  if (value < limit) return 'breach';
  if (value < warning) return 'warning';
  return 'ok';
}

/** How urgent, for sorting tiles: breach ≫ warning ≫ unknown ≫ ok; within a status, nearer (or further past) the limit first. */
export function urgencyOf(status: MonitorStatus, value: number | null, limit: number, warning: number): number {
  const span = Math.abs(limit - warning) || Math.abs(limit) || 1;
  const distance = value === null ? 0 : Math.min(10, Math.abs(value - limit) / span);
  switch (status) {
    case 'breach':
      return 300 + distance;
    case 'warning':
      return 200 + (10 - distance);
    case 'unknown':
      return 100;
    default:
      return 10 - distance;
  }
}

/**
 * The bank day the limit will be crossed at the current trend: a least-squares line through the last
 * `fitDays` known points, extended forward at most `horizon` days. Null when the trend moves away from
 * the limit (or is flat), when already past it, or with fewer than 5 points.
 */
/** Days of trend the projected crossing is fitted on (the default of projectCrossing). */
export const PROJECTION_FIT_DAYS = 30;

export function projectCrossing(
  trend: readonly { day: number; value: number | null }[],
  limit: number,
  direction: MonitorDirection,
  opts: { fitDays?: number; horizon?: number } = {},
): string | null {
  const fitDays = opts.fitDays ?? PROJECTION_FIT_DAYS;
  const horizon = opts.horizon ?? 365;
  const last = trend.at(-1);
  if (!last) return null;
  const pts = trend.filter((p): p is { day: number; value: number } => p.value !== null && p.day > last.day - fitDays);
  if (pts.length < 5) return null;
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p.day, 0) / n;
  const my = pts.reduce((s, p) => s + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of pts) {
    sxy += (p.day - mx) * (p.value - my);
    sxx += (p.day - mx) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const current = pts[pts.length - 1]?.value ?? my;
  const crossed = direction === 'max' ? current > limit : current < limit;
  if (crossed) return null;
  const towards = direction === 'max' ? slope > 0 : slope < 0;
  if (!towards) return null;
  // Extend from the fitted value today: the first whole day on which the line is past the limit.
  const fittedNow = my + slope * (last.day - mx);
  const daysAhead = Math.floor((limit - fittedNow) / slope) + 1;
  if (daysAhead < 1 || daysAhead > horizon) return null;
  return dayIso(last.day + daysAhead);
}
