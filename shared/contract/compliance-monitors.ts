import { z } from 'zod';
import { timestampSchema } from './dashboard';
import { dayText, metricFilterSchema } from './compliance-fields';
import { metricIdSchema } from './metrics';

/** The monitors and what an evaluation returns: status, value against limit, trend, projection, drivers. */

export const MONITOR_IDS = [
  'ctr_large_cash',
  'structuring',
  'sar_deadlines',
  'large_exposures',
  'loan_to_deposit',
  'liquidity_coverage',
  'capital_ratio',
  'kyc_overdue_all',
  'kyc_overdue_high_risk',
  'dormant_reactivated',
  'fraud_alert_backlog',
  'npl_ratio',
] as const;
export const monitorIdSchema = z.enum(MONITOR_IDS);
export type MonitorId = z.infer<typeof monitorIdSchema>;

export const MONITOR_UNITS = ['count', 'money', 'ratio', 'days'] as const;
export type MonitorUnit = (typeof MONITOR_UNITS)[number];
export const MONITOR_STATUSES = ['ok', 'warning', 'breach', 'unknown'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];
/** max: the value must stay at or below the limit; min: at or above it. */
export const monitorDirectionSchema = z.enum(['max', 'min']);
export type MonitorDirection = z.infer<typeof monitorDirectionSchema>;

export const monitorDefinitionSchema = z.object({
  id: monitorIdSchema,
  name: z.string(),
  /** The rule it serves, e.g. "31 CFR 1010.311 / 1010.313". */
  citation: z.string(),
  definition: z.string(),
  unit: z.enum(MONITOR_UNITS),
  direction: monitorDirectionSchema,
  ownerRole: z.string(),
  cadence: z.string(),
  /** The catalog metric it stands on (drill-down opens it), or null when it is a deadline or bank-input monitor. */
  metric: metricIdSchema.nullable(),
  /** Filters applied to that metric (e.g. risk_rating = high). */
  metricFilters: z.array(metricFilterSchema),
});
export type MonitorDefinition = z.infer<typeof monitorDefinitionSchema>;

export const trendPointSchema = z.object({ day: dayText, value: z.number().nullable() });

export const monitorResultSchema = monitorDefinitionSchema.extend({
  status: z.enum(MONITOR_STATUSES),
  /** count: integer; money: minor units of `currency`; ratio: 0..1 (0.25 = 25 %); days: days. Null when it cannot be computed (missing bank input). */
  value: z.number().nullable(),
  limit: z.number(),
  /** The edge of the warning band: past it (towards the limit) the monitor warns. */
  warning: z.number(),
  /** Version of the limit/band in force. */
  limitVersion: z.number().int(),
  currency: z.string().nullable(),
  /** Words: what drives the figure now, or what is missing to compute it. */
  note: z.string(),
  /** 90 bank days up to the evaluation day. */
  trend: z.array(trendPointSchema),
  /** The bank day the limit will be crossed at the current trend (linear fit of the last 30 days), or null. */
  projectedCrossing: dayText.nullable(),
  /** 0 (fine) … higher is more urgent: breach, then warning by distance to the limit. */
  urgency: z.number(),
  /** Figures that could not be summed (money in a currency with no rate that day), listed apart. */
  unconverted: z.array(z.object({ currency: z.string(), amount: z.number().int(), day: dayText.nullable() })),
});
export type MonitorResult = z.infer<typeof monitorResultSchema>;

export const evaluationSchema = z.object({
  at: dayText,
  evaluatedAt: timestampSchema,
  source: z.enum(['bank', 'cache']),
  asOf: timestampSchema,
  timeZone: z.string(),
  reportingCurrency: z.string(),
  monitors: z.array(monitorResultSchema),
  deadlines: z.array(z.object({ kind: z.enum(['ctr', 'sar']), id: z.number().int(), title: z.string(), dueDay: dayText, status: z.enum(['due', 'overdue', 'filed']) })),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const driverSchema = z.object({
  dimension: z.string(),
  value: z.string(),
  label: z.string(),
  currency: z.string().nullable(),
  current: z.number(),
  previous: z.number().nullable(),
  /** Share of the total change this value accounts for (−1…1), null when there was no change. */
  contribution: z.number().nullable(),
});

export const monitorDetailSchema = z.object({
  monitor: monitorResultSchema,
  /** The metric question the drill-down opens in Explore (last 30 bank days against the 30 before). */
  query: z.object({ metric: metricIdSchema, from: dayText, to: dayText, filters: z.array(metricFilterSchema) }).nullable(),
  drivers: z.array(driverSchema),
  history: z.array(
    z.object({ version: z.number().int(), limit: z.number(), warning: z.number(), approvedBy: z.string().nullable(), proposedBy: z.string().nullable(), at: timestampSchema }),
  ),
  source: z.enum(['bank', 'cache']),
  asOf: timestampSchema,
});
export type MonitorDetail = z.infer<typeof monitorDetailSchema>;
