import { z } from 'zod';
import { addPeriods, dayIso, GRAINS, parseDayIso, periodKey } from './bank-time';
import { MONITOR_IDS, monitorIdSchema } from './contract/compliance';
import { dimensionSchema, metricIdSchema, type MetricId } from './contract/metrics';

/**
 * A report is a definition over catalog metrics — which figures, for which bank period, compared with
 * what, filtered how, laid out in which sections — never SQL. The same definition runs on the desktop
 * (bank or cache), in the CLI and in the Lambda worker, and is stored with every generated report so
 * anyone can see exactly what a pack was asked.
 */

const year = z.number().int().min(1900).max(2200);

export const reportPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('year'), year }),
  z
    .object({
      kind: z.literal('custom'),
      /** First bank day. */
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 1997-10-01'),
      /** Last bank day included (a board reads "1 Oct – 31 Dec", not an exclusive end). */
      through: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 1997-12-31'),
    })
    .refine((p) => parseDayIso(p.from) !== null && parseDayIso(p.through) !== null, { message: 'Both dates must be real calendar dates.', path: ['from'] })
    .refine((p) => p.from <= p.through, { message: 'The period must end on or after the day it starts.', path: ['through'] })
    .refine((p) => (parseDayIso(p.through) ?? 0) - (parseDayIso(p.from) ?? 0) < 10 * 366, { message: 'A custom period is at most 10 years.', path: ['through'] }),
]);
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

export const COMPARISONS = ['previous', 'year'] as const;
export const comparisonSchema = z.enum(COMPARISONS);
export type Comparison = z.infer<typeof comparisonSchema>;
export const COMPARISON_LABELS: Record<Comparison, string> = { previous: 'previous period', year: 'same period last year' };

/** Report-wide filters: the slices a board pack is cut to (one value each; none means the whole bank). */
export const REPORT_FILTER_DIMENSIONS = ['branch', 'product', 'currency'] as const;
export const reportFilterSchema = z.object({ dimension: z.enum(REPORT_FILTER_DIMENSIONS), value: z.string().trim().min(1).max(100) });
export type ReportFilter = z.infer<typeof reportFilterSchema>;

/**
 * Which days a figure covers relative to the report period: the period itself, the year to its end,
 * or everything up to its end (the loan book by status, all accounts ever opened). Stock metrics
 * (deposits, portfolio) are read at the period's end whatever the scope.
 */
export const SCOPES = ['period', 'year_to_date', 'to_date'] as const;
export const scopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof scopeSchema>;
export const SCOPE_LABELS: Record<Scope, string> = { period: 'in the period', year_to_date: 'year to date', to_date: 'all to date' };

/** What a table column or a placeholder shows of a metric. */
export const MEASURES = ['value', 'previous', 'year', 'change_previous', 'change_previous_pct', 'change_year', 'change_year_pct', 'share'] as const;
export const measureSchema = z.enum(MEASURES);
export type Measure = z.infer<typeof measureSchema>;
export const MEASURE_LABELS: Record<Measure, string> = {
  value: 'Value',
  previous: 'Previous period',
  year: 'Year earlier',
  change_previous: 'Change vs previous',
  change_previous_pct: '% vs previous',
  change_year: 'Change vs year earlier',
  change_year_pct: '% vs year earlier',
  share: 'Share of total',
};
/** The comparison a measure needs in the definition's `comparisons`. */
export function measureNeeds(m: Measure): Comparison | null {
  if (m === 'previous' || m === 'change_previous' || m === 'change_previous_pct') return 'previous';
  if (m === 'year' || m === 'change_year' || m === 'change_year_pct') return 'year';
  return null;
}

const sectionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Section ids are lower-case letters, digits and dashes (at most 40).');
const sectionTitle = z.string().trim().min(1, 'Give the section a title.').max(120);

export const kpiTileSchema = z.object({
  metric: metricIdSchema,
  /** Overrides the metric's own label on the tile. */
  label: z.string().trim().min(1).max(60).optional(),
  scope: scopeSchema.default('period'),
});
export type KpiTile = z.infer<typeof kpiTileSchema>;

export const kpiSectionSchema = z.object({ kind: z.literal('kpis'), id: sectionId, title: sectionTitle, tiles: z.array(kpiTileSchema).min(1, 'Add at least one figure.').max(12) });

export const chartSectionSchema = z.object({
  kind: z.literal('chart'),
  id: sectionId,
  title: sectionTitle,
  metric: metricIdSchema,
  /** Over time: this grain, across `periods` of it ending with the report period. Null: one bar per split value for the report period. */
  grain: z.enum(GRAINS).nullable().default(null),
  periods: z.number().int().min(1).max(60).default(1),
  /** One series (or bar) per value of this dimension. */
  by: dimensionSchema.nullable().default(null),
  style: z.enum(['line', 'bar', 'stacked']).default('bar'),
});

export const tableColumnSchema = z.object({ metric: metricIdSchema, measure: measureSchema.default('value'), label: z.string().trim().min(1).max(60).optional() });
export type TableColumn = z.infer<typeof tableColumnSchema>;

export const tableSectionSchema = z.object({
  kind: z.literal('table'),
  id: sectionId,
  title: sectionTitle,
  /** Rows: one per value of these dimensions (with money, one per currency too: never summed across). */
  by: z.array(dimensionSchema).min(1).max(2),
  columns: z.array(tableColumnSchema).min(1, 'Add at least one column.').max(10),
  scope: scopeSchema.default('period'),
  /** Keep the largest rows by the first column; the rest is summed into nothing (the total row says so). */
  limit: z.number().int().min(1).max(100_000).nullable().default(null),
});

/**
 * Placeholders: {{period}}, {{bank}}, {{as_of}}, {{filters}}, and {{metric_id}} or
 * {{metric_id.measure}} (value, previous, year, change_previous_pct…), always for the report period
 * and filters. Unknown names are refused when the definition is checked, not printed as braces.
 */
export const PLACEHOLDER = /\{\{\s*([a-z_]+)(?:\.([a-z_]+))?\s*\}\}/g;
export const FIXED_PLACEHOLDERS = ['period', 'bank', 'as_of', 'filters', 'compared_period', 'year_earlier_period'] as const;

export const narrativeSectionSchema = z.object({ kind: z.literal('narrative'), id: sectionId, title: sectionTitle, text: z.string().trim().min(1, 'Write the text.').max(4000) });

/**
 * The compliance monitors (main/compliance, themselves built on the metric layer) as they stood on the
 * report period's last bank day: status, value against limit and warning edge, what drives each.
 * Monitors are bank-wide: the report's filters do not cut them (the section says so). No monitors
 * listed: all of them.
 */
export const complianceSectionSchema = z.object({
  kind: z.literal('compliance'),
  id: sectionId,
  title: sectionTitle,
  monitors: z.array(monitorIdSchema).max(MONITOR_IDS.length).default([]),
});

export const reportSectionSchema = z.discriminatedUnion('kind', [kpiSectionSchema, chartSectionSchema, tableSectionSchema, narrativeSectionSchema, complianceSectionSchema]);
export type ReportSection = z.infer<typeof reportSectionSchema>;
export type ReportSectionInput = z.input<typeof reportSectionSchema>;
export type SectionKind = ReportSection['kind'];

/** Every placeholder in a text, with what is wrong with it (null when it can be filled). */
export function placeholderIssues(text: string, comparisons: readonly Comparison[]): string[] {
  const issues: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const [whole, name = '', measure] = m;
    if ((FIXED_PLACEHOLDERS as readonly string[]).includes(name)) {
      if (measure) issues.push(`${whole}: ${name} takes no .${measure}.`);
      if (name === 'compared_period' && !comparisons.includes('previous')) issues.push(`${whole}: add the previous-period comparison first.`);
      if (name === 'year_earlier_period' && !comparisons.includes('year')) issues.push(`${whole}: add the same-period-last-year comparison first.`);
      continue;
    }
    if (!metricIdSchema.safeParse(name).success) {
      issues.push(`${whole}: ${name} is not a catalog metric or a known placeholder (${FIXED_PLACEHOLDERS.join(', ')}).`);
      continue;
    }
    if (measure === undefined) continue;
    const parsed = measureSchema.safeParse(measure);
    if (!parsed.success || parsed.data === 'share') {
      issues.push(`${whole}: .${measure} is not a measure (use ${MEASURES.filter((x) => x !== 'share').join(', ')}).`);
      continue;
    }
    const need = measureNeeds(parsed.data);
    if (need && !comparisons.includes(need)) issues.push(`${whole}: add the ${COMPARISON_LABELS[need]} comparison to the report first.`);
  }
  return issues;
}

export const reportDefinitionSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the report a title.').max(120),
    /** Who it is for and how to read it: printed on the cover. */
    audience: z.string().trim().max(600).default(''),
    period: reportPeriodSchema,
    comparisons: z.array(comparisonSchema).max(2).default([]),
    filters: z.array(reportFilterSchema).max(3).default([]),
    sections: z.array(reportSectionSchema).min(1, 'Add at least one section.').max(40),
  })
  .superRefine((d, ctx) => {
    if (new Set(d.comparisons).size !== d.comparisons.length) ctx.addIssue({ code: 'custom', message: 'Each comparison once.', path: ['comparisons'] });
    const dims = d.filters.map((f) => f.dimension);
    if (new Set(dims).size !== dims.length) ctx.addIssue({ code: 'custom', message: 'One value per filter dimension.', path: ['filters'] });
    const ids = new Set<string>();
    d.sections.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', message: `Two sections are called ${s.id}.`, path: ['sections', i, 'id'] });
      ids.add(s.id);
      if (s.kind === 'table') {
        if (new Set(s.by).size !== s.by.length) ctx.addIssue({ code: 'custom', message: 'Split by a dimension only once.', path: ['sections', i, 'by'] });
        s.columns.forEach((c, j) => {
          const need = measureNeeds(c.measure);
          if (need && !d.comparisons.includes(need))
            ctx.addIssue({
              code: 'custom',
              message: `${MEASURE_LABELS[c.measure]}: add the ${COMPARISON_LABELS[need]} comparison to the report first.`,
              path: ['sections', i, 'columns', j, 'measure'],
            });
        });
      }
      if (s.kind === 'chart' && s.grain === null && s.by === null)
        ctx.addIssue({ code: 'custom', message: 'A chart shows a metric over time (choose a grain) or split (choose a dimension).', path: ['sections', i, 'grain'] });
      if (s.kind === 'compliance' && new Set(s.monitors).size !== s.monitors.length)
        ctx.addIssue({ code: 'custom', message: 'List each monitor once.', path: ['sections', i, 'monitors'] });
      if (s.kind === 'narrative') for (const message of placeholderIssues(s.text, d.comparisons)) ctx.addIssue({ code: 'custom', message, path: ['sections', i, 'text'] });
    });
  });
export type ReportDefinition = z.output<typeof reportDefinitionSchema>;
export type ReportDefinitionInput = z.input<typeof reportDefinitionSchema>;

/** The bank days a period covers: [from, to) as day numbers, its key (1997-Q4) and its words. */
export interface PeriodRange {
  fromDay: number;
  toDay: number;
  key: string;
  label: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function periodRange(p: ReportPeriod): PeriodRange {
  switch (p.kind) {
    case 'quarter': {
      const from = parseDayIso(`${p.year}-${String((p.quarter - 1) * 3 + 1).padStart(2, '0')}-01`) ?? 0;
      return { fromDay: from, toDay: addPeriods(from, 'quarter', 1), key: periodKey(from, 'quarter'), label: `Q${p.quarter} ${p.year}` };
    }
    case 'month': {
      const from = parseDayIso(`${p.year}-${String(p.month).padStart(2, '0')}-01`) ?? 0;
      return { fromDay: from, toDay: addPeriods(from, 'month', 1), key: periodKey(from, 'month'), label: `${MONTHS[p.month - 1] ?? ''} ${p.year}` };
    }
    case 'year': {
      const from = parseDayIso(`${p.year}-01-01`) ?? 0;
      return { fromDay: from, toDay: addPeriods(from, 'year', 1), key: String(p.year), label: String(p.year) };
    }
    case 'custom': {
      const from = parseDayIso(p.from) ?? 0;
      const through = parseDayIso(p.through) ?? from;
      return { fromDay: from, toDay: through + 1, key: `${p.from}..${p.through}`, label: `${p.from} – ${p.through}` };
    }
  }
}

/** The period a comparison looks at: the one before (Q4 → Q3; a custom span → the same number of days before) or a year earlier. */
export function comparedPeriod(p: ReportPeriod, c: Comparison): ReportPeriod {
  if (c === 'year') {
    if (p.kind === 'custom') {
      const back = (iso: string): string => dayIso(addPeriods(parseDayIso(iso) ?? 0, 'year', -1));
      return { kind: 'custom', from: back(p.from), through: back(p.through) };
    }
    return { ...p, year: p.year - 1 };
  }
  switch (p.kind) {
    case 'quarter':
      return p.quarter === 1 ? { kind: 'quarter', year: p.year - 1, quarter: 4 } : { kind: 'quarter', year: p.year, quarter: p.quarter - 1 };
    case 'month':
      return p.month === 1 ? { kind: 'month', year: p.year - 1, month: 12 } : { kind: 'month', year: p.year, month: p.month - 1 };
    case 'year':
      return { kind: 'year', year: p.year - 1 };
    case 'custom': {
      const r = periodRange(p);
      const days = r.toDay - r.fromDay;
      return { kind: 'custom', from: dayIso(r.fromDay - days), through: dayIso(r.fromDay - 1) };
    }
  }
}

/** "1997-Q4", "1997-10", "1997", "1997-10-01..1997-12-31" → a period; null when it is none of these. */
export function parsePeriodText(text: string): ReportPeriod | null {
  const t = text.trim();
  let m = /^(\d{4})-?Q([1-4])$/i.exec(t);
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{4})$/.exec(t);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (m && m[1] && m[2]) {
    const p = reportPeriodSchema.safeParse({ kind: 'custom', from: m[1], through: m[2] });
    return p.success ? p.data : null;
  }
  return null;
}

export function periodText(p: ReportPeriod): string {
  return periodRange(p).key;
}

/** Every catalog metric a definition asks for (to check permissions, fetch definitions, list in the appendix). */
export function metricsOf(d: Pick<ReportDefinition, 'sections'>): MetricId[] {
  const out = new Set<MetricId>();
  for (const s of d.sections) {
    if (s.kind === 'kpis') s.tiles.forEach((t) => out.add(t.metric));
    if (s.kind === 'chart') out.add(s.metric);
    if (s.kind === 'table') s.columns.forEach((c) => out.add(c.metric));
    if (s.kind === 'narrative') {
      for (const m of s.text.matchAll(PLACEHOLDER)) {
        const parsed = metricIdSchema.safeParse(m[1]);
        if (parsed.success) out.add(parsed.data);
      }
    }
  }
  return [...out];
}
