import type { MetricId } from '../../../../shared/contract';
import type { ReportDefinitionInput, ReportPeriod, ReportSectionInput } from '../../../../shared/report-definition';

/** The definition as the builder edits it: the schema's input form, validated before every preview. */
export type Draft = ReportDefinitionInput;

/** The quarter that ended last, as the default period of a new pack (in the user's calendar; the bank cuts its days). */
export function lastQuarter(now = new Date()): ReportPeriod {
  const q = Math.floor(now.getMonth() / 3);
  return q === 0 ? { kind: 'quarter', year: now.getFullYear() - 1, quarter: 4 } : { kind: 'quarter', year: now.getFullYear(), quarter: q };
}

let counter = 0;
/** A section id unique within the draft: lower-case, as the schema wants. */
export function newSectionId(kind: string, taken: readonly string[]): string {
  let id = '';
  do id = `${kind}-${Date.now().toString(36).slice(-4)}${(counter++).toString(36)}`;
  while (taken.includes(id));
  return id;
}

export function sectionFor(kind: 'kpis' | 'chart' | 'table' | 'narrative', metric: MetricId, label: string, taken: readonly string[]): ReportSectionInput {
  const id = newSectionId(kind === 'kpis' ? 'tiles' : kind, taken);
  switch (kind) {
    case 'kpis':
      return { kind, id, title: label, tiles: [{ metric }] };
    case 'chart':
      return { kind, id, title: `${label} over time`, metric, grain: 'month', periods: 12, by: null, style: 'bar' };
    case 'table':
      return { kind, id, title: `${label} by branch`, by: ['branch'], columns: [{ metric, measure: 'value' }] };
    case 'narrative':
      return { kind, id, title: 'Commentary', text: `In {{period}}: {{${metric}}}.` };
  }
}

export function describeSection(s: ReportSectionInput, label: (m: MetricId) => string): string {
  switch (s.kind) {
    case 'kpis':
      return `${s.tiles.length} figure${s.tiles.length === 1 ? '' : 's'}: ${s.tiles.map((t) => t.label ?? label(t.metric)).join(', ')}`;
    case 'chart':
      return `${label(s.metric)} — ${s.grain ? `last ${s.periods ?? 1} ${s.grain}${(s.periods ?? 1) === 1 ? '' : 's'}` : 'for the period'}${s.by ? `, by ${s.by.replace('_', ' ')}` : ''}`;
    case 'table':
      return `By ${s.by.join(' × ').replace(/_/g, ' ')}: ${s.columns.map((c) => c.label ?? label(c.metric)).join(', ')}`;
    case 'narrative':
      return s.text.length > 120 ? `${s.text.slice(0, 117)}…` : s.text;
    case 'compliance':
      return `${s.monitors?.length ? `${s.monitors.length} compliance monitor${s.monitors.length === 1 ? '' : 's'}` : 'Every compliance monitor'} against its limit at the period’s end (bank-wide)`;
  }
}

/** The compliance monitor summary: every monitor, as the board pack has it. */
export function complianceSectionFor(taken: readonly string[]): ReportSectionInput {
  return { kind: 'compliance', id: newSectionId('compliance', taken), title: 'Compliance monitors at period end', monitors: [] };
}
