import type { Figure, MetricId, MetricUnit, ReportResult } from '../../shared/contract';
import { metricIdSchema } from '../../shared/contract';
import { measureSchema, PLACEHOLDER, type PeriodRange, type Comparison } from '../../shared/report-definition';
import { formatChange, formatChangeRatio, formatInstant, formatValue, joinFigures } from './format';

export interface NarrativeContext {
  period: PeriodRange;
  compared: readonly { kind: Comparison; range: PeriodRange }[];
  bankName: string;
  asOf: number;
  timeZone: string;
  filters: ReportResult['filters'];
  /** A metric for the report period and filters, through the metric layer. */
  figure: (metric: MetricId) => Promise<{ unit: MetricUnit; figures: Figure[] }>;
}

/**
 * Fills a narrative's placeholders with figures. The definition was checked already (unknown names are
 * refused there); anything that still cannot be filled prints as a dash, never as raw braces.
 */
export async function fillNarrative(text: string, ctx: NarrativeContext): Promise<string> {
  const matches = [...text.matchAll(PLACEHOLDER)];
  const values = await Promise.all(matches.map((m) => fill(m[1] ?? '', m[2], ctx)));
  let i = 0;
  return text.replace(PLACEHOLDER, () => values[i++] ?? '–');
}

async function fill(name: string, measureText: string | undefined, ctx: NarrativeContext): Promise<string> {
  switch (name) {
    case 'period':
      return ctx.period.label;
    case 'bank':
      return ctx.bankName;
    case 'as_of':
      return formatInstant(ctx.asOf, ctx.timeZone);
    case 'filters':
      return ctx.filters.length ? ctx.filters.map((f) => f.label).join(', ') : 'the whole bank';
    case 'compared_period':
      return ctx.compared.find((c) => c.kind === 'previous')?.range.label ?? '–';
    case 'year_earlier_period':
      return ctx.compared.find((c) => c.kind === 'year')?.range.label ?? '–';
  }
  const metric = metricIdSchema.safeParse(name);
  if (!metric.success) return '–';
  const measure = measureSchema.safeParse(measureText ?? 'value');
  if (!measure.success) return '–';
  const { unit, figures } = await ctx.figure(metric.data);
  // No rows: nothing happened (counts and sums are zero), or a ratio with nothing to divide.
  if (!figures.length) return unit === 'money' ? 'nothing' : unit === 'ratio' ? 'not measurable' : formatValue(0, unit, null);
  switch (measure.data) {
    case 'value':
      return joinFigures(figures, (f) => formatValue(f.value, unit, f.currency));
    case 'previous':
      return joinFigures(figures, (f) => formatValue(f.previous, unit, f.currency));
    case 'year':
      return joinFigures(figures, (f) => formatValue(f.year, unit, f.currency));
    case 'change_previous':
      return joinFigures(figures, (f) => formatChange(f.changePrevious, unit, f.currency));
    case 'change_year':
      return joinFigures(figures, (f) => formatChange(f.changeYear, unit, f.currency));
    case 'change_previous_pct':
      return joinFigures(figures, (f) => (f.changePreviousPct === null || f.changePreviousPct === undefined ? 'no change measurable' : formatChangeRatio(f.changePreviousPct)));
    case 'change_year_pct':
      return joinFigures(figures, (f) => (f.changeYearPct === null || f.changeYearPct === undefined ? 'no change measurable' : formatChangeRatio(f.changeYearPct)));
    case 'share':
      return '–';
  }
}
