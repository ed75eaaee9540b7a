import { z } from 'zod';
import { method } from './define';

/** Money crosses the contract as integer minor units plus its ISO currency. */
export const moneySchema = z.object({ amount: z.number().int(), currency: z.string().length(3) });
export type Money = z.infer<typeof moneySchema>;

/** UTC epoch milliseconds. */
export const timestampSchema = z.number().int().nonnegative();

export const activityItemSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  bookedAt: timestampSchema,
  type: z.string(),
  channel: z.string(),
  description: z.string(),
  accountNo: z.string(),
  customerName: z.string().nullable(),
  amount: z.number().int(),
  currency: z.string().length(3),
});
export type ActivityItem = z.infer<typeof activityItemSchema>;

export const dashboardMethods = {
  'dashboard.summary': method({
    summary: 'Headline figures from the metric layer: customers, open accounts, deposits held, and today’s transactions (today is the bank’s business day).',
    permission: 'dashboard.view',
    reads: 'cache-first',
    input: z.object({}),
    output: z.object({
      customers: z.number().int(),
      accounts: z.number().int(),
      deposits: z.array(moneySchema),
      today: z.object({ count: z.number().int(), volume: z.array(moneySchema) }),
      /** The bank day "today" refers to, and the zone that cuts it. */
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      timeZone: z.string(),
      source: z.enum(['bank', 'cache']),
      asOf: timestampSchema,
    }),
  }),
  'dashboard.volume': method({
    summary: 'Daily transaction count and volume (money in, money out) over the last N bank days, in the currency most accounts hold.',
    permission: 'dashboard.view',
    reads: 'cache-first',
    input: z.object({ days: z.number().int().min(7).max(366).default(90) }),
    output: z.object({
      currency: z.string().length(3),
      timeZone: z.string(),
      source: z.enum(['bank', 'cache']),
      asOf: timestampSchema,
      days: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), count: z.number().int(), credits: z.number().int(), debits: z.number().int() })),
    }),
  }),
  'dashboard.activity': method({
    summary: 'The latest customer transactions.',
    permission: 'dashboard.view',
    reads: 'cache-first',
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.array(activityItemSchema),
  }),
} as const;
