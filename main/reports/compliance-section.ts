import { bankDayOf, dayIso } from '../../shared/bank-time';
import type { ComplianceSectionResult, MetricQuery, MetricResult, ReportResult } from '../../shared/contract';
import type { PeriodRange, ReportSection } from '../../shared/report-definition';
import { evaluateMonitors, PROJECTION_FIT_DAYS } from '../compliance';
import { IN_THREAD, type MetricRunner, type MetricStore } from '../metrics';

/**
 * The compliance monitor summary of a report: the monitors of main/compliance (each built on catalog
 * metrics, bank inputs or filing deadlines) evaluated on the report's store for the period's last bank
 * day — or the data's last day when the period is not over — with their status against the limits in
 * force. The figures are the monitors' own: this section adds no query of its own, and its metric
 * questions go through the report's `ask` (the same read worker, the same progress count).
 */

export interface ComplianceSectionOptions {
  store: MetricStore;
  ask: (q: MetricQuery) => Promise<MetricResult>;
  period: PeriodRange;
  filters: ReportResult['filters'];
  signal?: AbortSignal;
}

export async function complianceSection(s: Extract<ReportSection, { kind: 'compliance' }>, o: ComplianceSectionOptions): Promise<ComplianceSectionResult> {
  const lastDay = o.period.toDay - 1;
  const dataDay = bankDayOf(o.store.asOf, o.store.timeZone);
  const at = Math.min(lastDay, dataDay);
  const runner: MetricRunner = { query: (_store, q) => o.ask(q), rows: IN_THREAD.rows, exposures: IN_THREAD.exposures };
  const evaluation = await evaluateMonitors(
    { store: o.store, runner, ...(o.signal ? { signal: o.signal } : {}) },
    // The section prints each monitor's value, status and projected crossing, never its 90-day chart nor
    // the filing calendar: only the trend days the projection is fitted on are computed (the same figures
    // as a full evaluation for that day; test/integration/report-compliance.test.ts compares them).
    { at, now: o.store.asOf, trendDays: PROJECTION_FIT_DAYS, deadlines: false, ...(s.monitors.length ? { only: s.monitors } : {}) },
  );
  const monitors = evaluation.monitors.map((m) => ({
    id: m.id,
    name: m.name,
    citation: m.citation,
    definition: m.definition,
    unit: m.unit,
    direction: m.direction,
    status: m.status,
    value: m.value,
    limit: m.limit,
    warning: m.warning,
    currency: m.currency,
    note: m.note,
    projectedCrossing: m.projectedCrossing,
  }));
  const count = (status: ComplianceSectionResult['monitors'][number]['status']): number => monitors.filter((m) => m.status === status).length;
  const notes: string[] = [];
  if (at < lastDay) notes.push(`The period is not over: the monitors are as of ${dayIso(at)}, the last day of the data.`);
  if (o.filters.length) notes.push('Compliance monitors cover the whole bank: the report’s filters do not apply to them.');
  const unconverted = evaluation.monitors.flatMap((m) => m.unconverted);
  if (unconverted.length)
    notes.push(
      `Some money has no exchange rate into ${evaluation.reportingCurrency} that day and is left out of the ratios: ${[...new Set(unconverted.map((u) => u.currency))].join(', ')}.`,
    );
  return {
    kind: 'compliance',
    id: s.id,
    title: s.title,
    at: evaluation.at,
    reportingCurrency: evaluation.reportingCurrency,
    counts: { breach: count('breach'), warning: count('warning'), ok: count('ok'), unknown: count('unknown') },
    monitors,
    notes,
  };
}

/** "1 breach, 2 warnings, 8 within limits, 1 not computable": the section's one-line summary. */
export function complianceSummary(s: Pick<ComplianceSectionResult, 'counts'>): string {
  const parts: string[] = [];
  const { breach, warning, ok, unknown } = s.counts;
  if (breach) parts.push(`${breach} breach${breach === 1 ? '' : 'es'}`);
  if (warning) parts.push(`${warning} warning${warning === 1 ? '' : 's'}`);
  parts.push(`${ok} within limits`);
  if (unknown) parts.push(`${unknown} not computable (bank inputs missing)`);
  return parts.join(', ');
}
