import { randomUUID } from 'node:crypto';
import { dayIso } from '../../shared/bank-time';
import type { ReportResult, SectionResult } from '../../shared/contract';
import { metricsOf, SCOPE_LABELS, type PeriodRange, type ReportDefinition, type ReportSection } from '../../shared/report-definition';
import { dimensionLabeler, metricInfo, type MetricStore } from '../metrics';
import { chartSection } from './chart-section';
import { complianceSection } from './compliance-section';
import { emptyFigure, reportFigures, type MetricAsk } from './figures';
import { fillNarrative } from './narrative';
import { tableSection } from './table-section';

/**
 * Runs a report definition through the metric layer into the one result model every renderer and
 * store starts from. Every figure is a catalog metric asked through `query` (queryMetric in this
 * thread, or the read pool's worker): a report never has SQL of its own.
 *
 * The questions and their memo are in figures.ts; the chart and table sections in their own files.
 */

export type { MetricAsk } from './figures';

export interface RunOptions {
  store: MetricStore;
  /** How questions are answered; default: the caller passes queryMetric bound to the store. */
  ask: MetricAsk;
  bankName: string;
  author: string;
  now?: number;
  /** After each question answered: done of total (for the progress bar). */
  onProgress?: (done: number, total: number, step: string) => void;
  signal?: AbortSignal;
}

function rangeText(r: PeriodRange): ReportResult['period'] {
  return { key: r.key, label: r.label, from: dayIso(r.fromDay), to: dayIso(r.toDay), lastDay: dayIso(r.toDay - 1) };
}

export async function runReport(def: ReportDefinition, o: RunOptions): Promise<ReportResult> {
  const now = o.now ?? Date.now();
  const f = reportFigures(def, o);
  const { period, compared, ask, figures } = f;

  // Filter values printed as the user knows them (the branch's name, not its id).
  const label = await dimensionLabeler(
    o.store,
    def.filters.map((f) => f.dimension),
  );
  const filterLabels: ReportResult['filters'] = def.filters.map((f) => ({ dimension: f.dimension, value: f.value, label: label(f.dimension, f.value) }));
  const sections = await Promise.all(def.sections.map((s) => runSection(s)));

  async function runSection(s: ReportSection): Promise<SectionResult> {
    switch (s.kind) {
      case 'kpis': {
        const notes = new Set<string>();
        const tiles = await Promise.all(
          s.tiles.map(async (t) => {
            const info = metricInfo(t.metric);
            const a = await figures(t.metric, t.scope, []);
            a.notes.forEach((n) => notes.add(n));
            const list = [...a.figures.values()].map((x) => x.figure).sort((x, y) => (x.currency ?? '').localeCompare(y.currency ?? ''));
            return {
              metric: t.metric,
              label: t.label ?? (t.scope === 'period' ? info.label : `${info.label}, ${SCOPE_LABELS[t.scope]}`),
              unit: info.unit,
              better: info.better,
              scope: t.scope,
              figures: list.length ? list : [emptyFigure(info, def.comparisons)],
            };
          }),
        );
        return { kind: 'kpis', id: s.id, title: s.title, tiles, notes: [...notes] };
      }
      case 'chart':
        return chartSection(f, s);
      case 'table':
        return tableSection(f, s);
      case 'narrative': {
        const text = await fillNarrative(s.text, {
          period,
          compared,
          bankName: o.bankName,
          asOf: o.store.asOf,
          timeZone: o.store.timeZone,
          filters: filterLabels,
          figure: async (metric) => {
            const a = await figures(metric, 'period', []);
            return { unit: metricInfo(metric).unit, figures: [...a.figures.values()].map((x) => x.figure) };
          },
        });
        return { kind: 'narrative', id: s.id, title: s.title, text };
      }
      case 'compliance':
        return complianceSection(s, { store: o.store, ask, period, filters: filterLabels, ...(o.signal ? { signal: o.signal } : {}) });
    }
  }

  const result: ReportResult = {
    id: randomUUID(),
    definition: def,
    title: def.title,
    audience: def.audience,
    bankName: o.bankName,
    author: o.author,
    generatedAt: now,
    asOf: o.store.asOf,
    source: o.store.source,
    timeZone: o.store.timeZone,
    period: rangeText(period),
    comparisons: compared.map((c) => ({ kind: c.kind, range: rangeText(c.range) })),
    filters: filterLabels,
    sections,
    metrics: metricsOf(def).map((id) => {
      const info = metricInfo(id);
      return { id, label: info.label, definition: info.definition, unit: info.unit };
    }),
    figureRows: f.figureRows(),
  };
  return result;
}
