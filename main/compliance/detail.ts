import { dayIso, parseDayIso } from '../../shared/bank-time';
import type { Dimension, MonitorDetail, MonitorId } from '../../shared/contract';
import { CATALOG, type MetricRunner, type MetricStore } from '../metrics';
import { evaluateMonitors } from './evaluate';
import { monitorSpec } from './monitors';
import { LIMIT_SCALE } from './settings';
import { cdb } from './tables';

/** Which splits explain a monitor best, in order; only those its metric has are used. */
const DRIVER_DIMS: readonly Dimension[] = ['customer', 'branch', 'product', 'risk_rating', 'rule', 'direction', 'currency'];
const TOP = 8;

/**
 * A monitor with what drives it: its metric over the last 30 bank days against the 30 before, split
 * by each dimension, each value's share of the change. Customer ids are named for the screen.
 */
export async function monitorDetail(deps: { store: MetricStore; runner: MetricRunner; signal?: AbortSignal }, id: MonitorId, at?: number): Promise<MonitorDetail> {
  const evaluation = await evaluateMonitors(deps, { only: [id], ...(at === undefined ? {} : { at }) });
  const monitor = evaluation.monitors[0];
  if (!monitor) throw new Error(`monitor ${id} did not evaluate`);
  const spec = monitorSpec(id);
  const atDay = parseDayIso(evaluation.at) ?? 0;
  const query = spec.metric ? { metric: spec.metric, from: dayIso(atDay - 29), to: dayIso(atDay + 1), filters: spec.metricFilters } : null;
  const drivers: MonitorDetail['drivers'] = [];
  if (query) {
    const info = CATALOG.find((m) => m.id === query.metric);
    const dims = DRIVER_DIMS.filter((d) => info?.dimensions.includes(d) && !query.filters.some((f) => f.dimension === d)).slice(0, 3);
    for (const dim of dims) {
      const r = await deps.runner.query(deps.store, { ...query, grain: null, by: [dim], compare: 'previous' }, deps.signal);
      const totalChange = r.rows.reduce((s, x) => s + Math.abs(x.change ?? 0), 0);
      const ranked = [...r.rows].sort((a, b) => Math.abs(b.change ?? b.value) - Math.abs(a.change ?? a.value)).slice(0, TOP);
      for (const x of ranked) {
        const value = x.dims[dim] ?? '';
        drivers.push({
          dimension: dim,
          value,
          label: x.labels[dim] ?? value,
          currency: x.currency,
          current: x.value,
          previous: x.previous ?? null,
          contribution: totalChange > 0 && x.change != null ? x.change / totalChange : null,
        });
      }
    }
    const customerIds = [
      ...new Set(
        drivers
          .filter((d) => d.dimension === 'customer')
          .map((d) => Number(d.value))
          .filter((n) => Number.isSafeInteger(n) && n > 0),
      ),
    ];
    if (customerIds.length) {
      const names = await deps.store.bank.db.selectFrom('customers').select(['id', 'customer_no', 'legal_name']).where('id', 'in', customerIds).execute();
      const byId = new Map(names.map((n) => [String(n.id), `${n.legal_name} (${n.customer_no})`]));
      for (const d of drivers) if (d.dimension === 'customer') d.label = byId.get(d.value) ?? d.label;
    }
  }
  const history = await cdb(deps.store.bank)
    .selectFrom('compliance_thresholds')
    .select(['version', 'warn_at', 'breach_at', 'approved_by', 'proposed_by', 'updated_at'])
    .where('metric', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return {
    monitor,
    query,
    drivers,
    history: history.map((h) => ({
      version: Number(h.version),
      limit: Number(h.breach_at) / LIMIT_SCALE,
      warning: Number(h.warn_at) / LIMIT_SCALE,
      approvedBy: h.approved_by,
      proposedBy: h.proposed_by,
      at: Number(h.updated_at),
    })),
    source: evaluation.source,
    asOf: evaluation.asOf,
  };
}
