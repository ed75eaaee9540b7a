import { z } from 'zod';
import { comparisonSchema, reportDefinitionSchema, REPORT_FILTER_DIMENSIONS, scopeSchema } from '../report-definition';
import { metricIdSchema, METRIC_UNITS } from './metrics';
import { MONITOR_STATUSES, MONITOR_UNITS, monitorDirectionSchema, monitorIdSchema } from './compliance';
import { method } from './define';
import { reportStorageMethods, s3SettingsSchema } from './report-storage';

/**
 * Reports: a definition over catalog metrics runs through the metric layer into ONE result model
 * (below); the PDF, XLSX, CSV and JSON renderers and every store (history, S3) start from it.
 */

const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const unit = z.enum(METRIC_UNITS);

/** A figure as the layer gave it: counts as numbers, money in integer minor units with its currency, ratios 0..1. */
export const figureSchema = z.object({
  currency: z.string().length(3).nullable(),
  value: z.number().nullable(),
  previous: z.number().nullable().optional(),
  changePrevious: z.number().nullable().optional(),
  changePreviousPct: z.number().nullable().optional(),
  year: z.number().nullable().optional(),
  changeYear: z.number().nullable().optional(),
  changeYearPct: z.number().nullable().optional(),
});
export type Figure = z.infer<typeof figureSchema>;

export const kpiTileResultSchema = z.object({
  metric: metricIdSchema,
  label: z.string(),
  unit,
  better: z.enum(['up', 'down', 'neutral']),
  scope: scopeSchema,
  /** One figure per currency for money (never added across currencies); one otherwise. */
  figures: z.array(figureSchema),
});
export type KpiTileResult = z.infer<typeof kpiTileResultSchema>;

export const chartSeriesSchema = z.object({ name: z.string(), currency: z.string().length(3).nullable(), values: z.array(z.number().nullable()) });
/** share: part of the column's total; change_ratio: relative change (+4.2 %); ratio_pp: a ratio's change in percentage points. */
export const columnKindSchema = z.enum(['text', 'count', 'money', 'ratio', 'share', 'change_ratio', 'ratio_pp', 'days']);
export type ColumnKind = z.infer<typeof columnKindSchema>;
export const tableColumnResultSchema = z.object({ key: z.string(), label: z.string(), kind: columnKindSchema });

/** Said on the page when a report filter or split cannot apply to a metric, rather than silently ignored. */
const notes = z.array(z.string());

/** One compliance monitor as it stood on the section's day (main/compliance evaluateMonitors). */
export const complianceMonitorResultSchema = z.object({
  id: monitorIdSchema,
  name: z.string(),
  citation: z.string(),
  definition: z.string(),
  unit: z.enum(MONITOR_UNITS),
  direction: monitorDirectionSchema,
  status: z.enum(MONITOR_STATUSES),
  /** count; money in minor units of `currency` (the reporting currency); ratio 0..1; days. Null: not computable (a bank input is missing). */
  value: z.number().nullable(),
  limit: z.number(),
  /** The warning edge: past it, towards the limit, the monitor warns. */
  warning: z.number(),
  currency: z.string().nullable(),
  note: z.string(),
  /** The bank day the limit would be crossed on the 30-day trend, or null. */
  projectedCrossing: dayText.nullable(),
});
export type ComplianceMonitorResult = z.infer<typeof complianceMonitorResultSchema>;

export const complianceSectionResultSchema = z.object({
  kind: z.literal('compliance'),
  id: z.string(),
  title: z.string(),
  /** The bank day evaluated: the period's last day, or the data's last day when the period is not over yet. */
  at: dayText,
  reportingCurrency: z.string(),
  counts: z.object({ breach: z.number().int(), warning: z.number().int(), ok: z.number().int(), unknown: z.number().int() }),
  /** Most urgent first (breaches, then warnings, then not computable, then within limits). */
  monitors: z.array(complianceMonitorResultSchema),
  notes: z.array(z.string()),
});
export type ComplianceSectionResult = z.infer<typeof complianceSectionResultSchema>;

export const sectionResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kpis'), id: z.string(), title: z.string(), tiles: z.array(kpiTileResultSchema), notes }),
  z.object({
    kind: z.literal('chart'),
    id: z.string(),
    title: z.string(),
    metric: metricIdSchema,
    unit,
    style: z.enum(['line', 'bar', 'stacked']),
    /** Period keys (1997-Q4) over time, or the split's labels. */
    categories: z.array(z.string()),
    /** Money: values in minor units of the series' currency. */
    series: z.array(chartSeriesSchema),
    axis: z.string(),
    notes,
  }),
  z.object({
    kind: z.literal('table'),
    id: z.string(),
    title: z.string(),
    scope: scopeSchema,
    columns: z.array(tableColumnResultSchema),
    /** One row per split value (and currency); cells keyed by column key; money minor units of the row's currency. */
    rows: z.array(z.object({ currency: z.string().length(3).nullable(), cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) })),
    /** Rows dropped by the section's limit. */
    omitted: z.number().int().nonnegative(),
    notes,
  }),
  z.object({ kind: z.literal('narrative'), id: z.string(), title: z.string(), text: z.string() }),
  complianceSectionResultSchema,
]);
export type SectionResult = z.infer<typeof sectionResultSchema>;

export const reportRangeSchema = z.object({ key: z.string(), label: z.string(), from: dayText, to: dayText, lastDay: dayText });
export type ReportRange = z.infer<typeof reportRangeSchema>;

export const reportResultSchema = z.object({
  id: z.string().uuid(),
  definition: reportDefinitionSchema,
  title: z.string(),
  audience: z.string(),
  bankName: z.string(),
  author: z.string(),
  generatedAt: z.number().int(),
  /** The data's as-of instant: the last sync for the cache, the moment of reading for the bank. */
  asOf: z.number().int(),
  source: z.enum(['bank', 'cache']),
  timeZone: z.string(),
  period: reportRangeSchema,
  comparisons: z.array(z.object({ kind: comparisonSchema, range: reportRangeSchema })),
  filters: z.array(z.object({ dimension: z.enum(REPORT_FILTER_DIMENSIONS), value: z.string(), label: z.string() })),
  sections: z.array(sectionResultSchema),
  /** The catalog definitions of every metric used, printed in the appendix. */
  metrics: z.array(z.object({ id: metricIdSchema, label: z.string(), definition: z.string(), unit })),
  /** Figure rows the metric layer returned for this report (what the worker reports as rows read). */
  figureRows: z.number().int().nonnegative(),
});
export type ReportResult = z.infer<typeof reportResultSchema>;

export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv', 'json'] as const;
export const reportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/** One generated report in the history: what was asked, by whom, on which data, and where it went. */
export const reportEntrySchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  period: z.string(),
  author: z.string(),
  generatedAt: z.number().int(),
  asOf: z.number().int(),
  source: z.enum(['bank', 'cache']),
  where: z.enum(['desktop', 'cloud']),
  definition: reportDefinitionSchema,
  /** S3 keys per format once uploaded; pending while it waits in the outbox. */
  s3: z.object({ bucket: z.string(), keys: z.record(z.string(), z.string()) }).nullable(),
  upload: z.enum(['none', 'pending', 'uploaded', 'failed']),
  uploadError: z.string().nullable(),
});
export type ReportEntry = z.infer<typeof reportEntrySchema>;

// Where reports go in S3: set under Settings → Report storage (report-storage.ts).
export { s3SettingsSchema, type S3Settings } from './report-storage';

export const s3ObjectSchema = z.object({
  key: z.string(),
  size: z.number().int().nonnegative(),
  lastModified: z.number().int().nullable(),
  reportId: z.string().nullable(),
  period: z.string().nullable(),
  author: z.string().nullable(),
  format: z.string().nullable(),
});
export type S3Object = z.infer<typeof s3ObjectSchema>;

const fileSchema = z.object({ filename: z.string(), mimeType: z.string(), base64: z.string() });
const MAX_SHARE_SECONDS = 7 * 24 * 3600;

export const reportsMethods = {
  ...reportStorageMethods,
  'reports.templates': method({
    summary: 'The built-in report templates (the quarterly board pack…).',
    permission: 'reports.view',
    reads: 'local',
    input: z.object({}),
    output: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), definition: z.unknown() })),
  }),
  'reports.preview': method({
    summary: 'Run a definition through the metric layer without keeping it: the builder’s live preview.',
    permission: 'reports.build',
    reads: 'cache-first',
    input: z.object({ definition: reportDefinitionSchema }),
    output: reportResultSchema,
  }),
  'reports.generate': method({
    summary: 'Generate a report from a definition and keep it in the history (and the S3 outbox when storage is set).',
    permission: 'reports.build',
    reads: 'cache-first',
    input: z.object({ definition: reportDefinitionSchema, store: z.boolean().default(false), jobId: z.string().uuid().optional() }),
    output: z.object({ entry: reportEntrySchema, result: reportResultSchema }),
  }),
  'reports.history': method({
    summary: 'Reports generated on this workstation, newest first.',
    permission: 'reports.view',
    reads: 'local',
    input: z.object({}),
    output: z.array(reportEntrySchema),
  }),
  'reports.open': method({
    summary: 'One generated report’s result model.',
    permission: 'reports.view',
    reads: 'local',
    input: z.object({ id: z.string().uuid() }),
    output: z.object({ entry: reportEntrySchema, result: reportResultSchema }),
  }),
  'reports.export': method({
    summary: 'A generated report as PDF, XLSX, CSV (zip of the tables) or JSON.',
    permission: 'reports.view',
    reads: 'local',
    input: z.object({ id: z.string().uuid(), format: reportFormatSchema }),
    output: fileSchema,
  }),
  'reports.storage.get': method({
    summary: 'Where reports are stored in S3 (bucket, prefix, region, encryption); credentials come from the AWS chain, never from here.',
    permission: 'reports.view',
    reads: 'local',
    input: z.object({}),
    output: z.object({ settings: s3SettingsSchema.nullable(), outbox: z.number().int().nonnegative() }),
  }),
  'reports.s3.upload': method({
    summary: 'Store a generated report in S3 (PDF, XLSX, CSV zip and JSON), encrypted, with its id, period and author as metadata; offline it waits in the outbox.',
    permission: 'reports.build',
    reads: 'local',
    input: z.object({ id: z.string().uuid() }),
    output: reportEntrySchema,
  }),
  'reports.s3.list': method({
    summary: 'Reports stored in the S3 bucket under the prefix.',
    permission: 'reports.view',
    reads: 'local',
    input: z.object({}),
    output: z.array(s3ObjectSchema),
  }),
  'reports.s3.open': method({
    summary: 'Download one stored report file from S3.',
    permission: 'reports.view',
    reads: 'local',
    input: z.object({ key: z.string().min(1).max(1024) }),
    output: fileSchema,
  }),
  'reports.s3.delete': method({
    summary: 'Delete one stored report file from S3.',
    permission: 'reports.build',
    reads: 'local',
    input: z.object({ key: z.string().min(1).max(1024) }),
    output: z.object({ deleted: z.boolean() }),
  }),
  'reports.s3.share': method({
    summary: 'A presigned link to one stored report file, valid for the chosen time (at most 7 days).',
    permission: 'reports.build',
    reads: 'local',
    input: z.object({ key: z.string().min(1).max(1024), expiresInSeconds: z.number().int().min(60).max(MAX_SHARE_SECONDS, 'A share link lasts at most 7 days.') }),
    output: z.object({ url: z.string().url(), expiresAt: z.number().int() }),
  }),
  'reports.cloud.request': method({
    summary: 'Ask the Lambda worker to build a report in the cloud: the request is written to S3 and the result picked up from there.',
    permission: 'reports.build',
    reads: 'local',
    input: z.object({ definition: reportDefinitionSchema }),
    output: z.object({ requestId: z.string().uuid(), key: z.string() }),
  }),
  'reports.cloud.status': method({
    summary: 'Whether a cloud build has finished; when it has, it is added to the history.',
    permission: 'reports.view',
    reads: 'local',
    input: z.object({ requestId: z.string().uuid() }),
    output: z.object({ state: z.enum(['waiting', 'done', 'failed']), message: z.string().nullable(), entry: reportEntrySchema.nullable() }),
  }),
} as const;
