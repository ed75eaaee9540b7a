import { z } from 'zod';
import { GRAINS } from '../bank-time';
import { method } from './define';

/**
 * The metric layer's contract: one catalog of figures (dashboard tiles, explorer charts, compliance
 * monitors, report tables) asked for by id, period, grain, split and filters. Users never type SQL.
 */

export const DIMENSIONS = [
  'branch',
  'product',
  'channel',
  'type',
  'currency',
  'direction',
  'loan_status',
  'dpd_bucket',
  'alert_status',
  'rule',
  'customer',
  'risk_rating',
] as const;
export const dimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof dimensionSchema>;

export const grainSchema = z.enum(GRAINS);
export const METRIC_UNITS = ['count', 'money', 'ratio', 'days'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];
/** What a drill-down from a metric lands on. */
export const ROW_KINDS = ['transactions', 'accounts', 'customers', 'loans', 'alerts'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

export const METRIC_IDS = [
  'transactions_count',
  'transactions_volume',
  'deposits_held',
  'average_balance_per_customer',
  'new_customers',
  'accounts_opened',
  'accounts_closed',
  'loans_granted_count',
  'loans_granted_amount',
  'loan_portfolio_outstanding',
  'delinquency',
  'npl_ratio',
  'npl_ratio_count',
  'default_rate',
  'fraud_alerts_raised',
  'fraud_alerts_confirmed',
  'fraud_alerts_dismissed',
  'fraud_confirmed_amount',
  // Compliance monitors (issue 10) stand on these.
  'cash_volume',
  'kyc_reviews_overdue',
  'dormant_reactivated',
  'fraud_alerts_backlog',
] as const;
export const metricIdSchema = z.enum(METRIC_IDS);
export type MetricId = z.infer<typeof metricIdSchema>;

export const metricInfoSchema = z.object({
  id: metricIdSchema,
  label: z.string(),
  /** Plain-language definition shown beside every chart and printed in reports. */
  definition: z.string(),
  unit: z.enum(METRIC_UNITS),
  /** flow: summed over the period (transactions in Q3); stock: the value at the period's end (deposits on 30 Sep). */
  kind: z.enum(['flow', 'stock']),
  dimensions: z.array(dimensionSchema),
  grains: z.array(grainSchema),
  /** Whether the values of a split add up to the total (counts and sums do; ratios do not). */
  additive: z.boolean(),
  rows: z.enum(ROW_KINDS),
  /** Which way is good, for colouring changes: up (deposits), down (delinquency), or neither. */
  better: z.enum(['up', 'down', 'neutral']),
});
export type MetricInfo = z.infer<typeof metricInfoSchema>;

const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 1997-10-01');
/** Dimension values travel as text (a branch id "3", a channel "atm"); at most 100 characters. */
const filterSchema = z.object({ dimension: dimensionSchema, value: z.string().min(1).max(100) });
export type MetricFilter = z.infer<typeof filterSchema>;

/** What a figure and its rows are asked for alike: which metric, which bank days, which slice. */
const scopeFields = {
  metric: metricIdSchema,
  /** First bank day of the period. */
  from: dayText,
  /** First bank day after the period (exclusive). */
  to: dayText,
  filters: z.array(filterSchema).max(10).default([]),
};
const periodInOrder = (q: { from: string; to: string }): boolean => q.from < q.to;
const periodOrderIssue = { message: 'The period must end after it starts (to is exclusive).', path: ['to'] };

export const metricQuerySchema = z
  .object({
    ...scopeFields,
    /** Split over time by this grain, or null for one figure for the whole period. */
    grain: grainSchema.nullable().default(null),
    by: z.array(dimensionSchema).max(2).default([]),
    compare: z.enum(['none', 'previous', 'year']).default('none'),
  })
  .refine(periodInOrder, periodOrderIssue)
  .refine((q) => new Set(q.by).size === q.by.length, { message: 'Split by a dimension only once.', path: ['by'] });
export type MetricQuery = z.output<typeof metricQuerySchema>;
export type MetricQueryInput = z.input<typeof metricQuerySchema>;

export const metricRowSchema = z.object({
  /** Period key for the grain (1997-10-31, 1997-W44, 1997-10, 1997-Q4, 1997), or null for the whole period. */
  period: z.string().nullable(),
  /** One value per split dimension, as text (the filter value to drill into it). */
  dims: z.record(z.string(), z.string()),
  /** Display names of those values (the branch's name for "3"). */
  labels: z.record(z.string(), z.string()),
  /** Money: the currency of `value` (minor units). Never summed across currencies. */
  currency: z.string().length(3).nullable(),
  /** count: integer; money: integer minor units; ratio: 0..1; days: number of days. */
  value: z.number(),
  /** With a comparison: the same cell in the compared period, its absolute and relative change. */
  previous: z.number().nullable().optional(),
  change: z.number().nullable().optional(),
  changeRatio: z.number().nullable().optional(),
});
export type MetricRow = z.infer<typeof metricRowSchema>;

export const metricResultSchema = z.object({
  metric: metricIdSchema,
  label: z.string(),
  unit: z.enum(METRIC_UNITS),
  kind: z.enum(['flow', 'stock']),
  from: dayText,
  to: dayText,
  grain: grainSchema.nullable(),
  by: z.array(dimensionSchema),
  filters: z.array(filterSchema),
  /** What each filter's value is called (branch 3 → its name), keyed `dimension=value`, for chips and crumbs. */
  filterLabels: z.record(z.string(), z.string()).default({}),
  compare: z.enum(['none', 'previous', 'year']),
  /** The compared period, when there is one. */
  compareFrom: dayText.nullable(),
  compareTo: dayText.nullable(),
  /** Where the figures came from: the bank itself or this workstation's encrypted cache. */
  source: z.enum(['bank', 'cache']),
  /** The data's as-of instant (UTC ms): now for the bank, the last sync for the cache. */
  asOf: z.number().int().nonnegative(),
  /** The bank's zone, which cut the periods. */
  timeZone: z.string(),
  rows: z.array(metricRowSchema),
});
export type MetricResult = z.infer<typeof metricResultSchema>;

export const ROW_COLUMN_KINDS = ['text', 'count', 'money', 'instant', 'date', 'ratio'] as const;
export const rowColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(ROW_COLUMN_KINDS),
  /** Money columns: the key of the column holding the currency. */
  currencyKey: z.string().optional(),
  /** The layer can order the rows by this column (`sort` accepts its key): tables offer sorting on these only. */
  sortable: z.boolean().default(false),
});
export type RowColumn = z.infer<typeof rowColumnSchema>;

export const metricRowsQuerySchema = z
  .object({
    ...scopeFields,
    sort: z.string().max(40).optional(),
    direction: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .refine(periodInOrder, periodOrderIssue);
export type MetricRowsQuery = z.output<typeof metricRowsQuerySchema>;

export const metricRowsResultSchema = z.object({
  kind: z.enum(ROW_KINDS),
  columns: z.array(rowColumnSchema),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  /** Rows matching, across all pages (at most the cap when totalCapped). */
  total: z.number().int().nonnegative(),
  /** True when more rows match than were counted: show "100,000+" rather than a total. */
  totalCapped: z.boolean().default(false),
  source: z.enum(['bank', 'cache']),
  asOf: z.number().int().nonnegative(),
  timeZone: z.string(),
});
export type MetricRowsResult = z.infer<typeof metricRowsResultSchema>;

/** A saved explorer view: a name and the query (and drill path) to reopen. */
export const savedViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string().trim().min(1).max(80),
  /** The explorer's state as it serialises it: metric, period, comparison, filters, split. */
  query: metricQuerySchema,
  createdAt: z.number().int(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const exportFileSchema = z.object({ filename: z.string(), mimeType: z.string(), base64: z.string() });

export const metricsMethods = {
  'metrics.list': method({
    summary: 'The metric catalog: every figure the product shows, with its definition, unit, splits and grains.',
    permission: 'analytics.view',
    reads: 'local',
    input: z.object({}),
    output: z.object({ metrics: z.array(metricInfoSchema), timeZone: z.string(), dimensions: z.array(z.object({ id: dimensionSchema, label: z.string() })) }),
  }),
  'metrics.query': method({
    summary: 'One catalog metric for a bank period, split by time and dimensions, filtered, optionally compared.',
    permission: 'analytics.view',
    reads: 'cache-first',
    input: metricQuerySchema,
    output: metricResultSchema,
  }),
  'metrics.rows': method({
    summary: 'The rows behind a metric (transactions, accounts, customers, loans or alerts), one page, sortable.',
    permission: 'analytics.view',
    reads: 'cache-first',
    input: metricRowsQuerySchema,
    output: metricRowsResultSchema,
  }),
  'metrics.export': method({
    summary: 'The current explorer view as CSV or XLSX: the filters and period above the figures (and the rows, when asked).',
    permission: 'analytics.view',
    reads: 'cache-first',
    input: z.object({ query: metricQuerySchema, format: z.enum(['csv', 'xlsx']), includeRows: z.boolean().default(false) }),
    output: exportFileSchema,
  }),
  'metrics.views.list': method({
    summary: 'The signed-in user’s saved explorer views.',
    permission: 'analytics.view',
    reads: 'local',
    input: z.object({}),
    output: z.array(savedViewSchema),
  }),
  'metrics.views.save': method({
    summary: 'Save (or rename) an explorer view for the signed-in user, on this workstation.',
    permission: 'analytics.view',
    reads: 'local',
    input: z.object({ id: z.string().uuid().optional(), name: z.string().trim().min(1, 'Give the view a name.').max(80), query: metricQuerySchema }),
    output: savedViewSchema,
  }),
  'metrics.views.delete': method({
    summary: 'Delete one of the signed-in user’s saved views.',
    permission: 'analytics.view',
    reads: 'local',
    input: z.object({ id: z.string().uuid() }),
    output: z.object({ deleted: z.boolean() }),
  }),
} as const;
