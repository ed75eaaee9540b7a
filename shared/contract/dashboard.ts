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
    summary: 'Headline figures: customers, deposits held, transactions since the start of the user’s day.',
    permission: 'dashboard.view',
    mutates: false,
    input: z.object({ dayStart: timestampSchema.describe('Start of "today" in the user’s zone, as UTC ms') }),
    output: z.object({
      customers: z.number().int(),
      accounts: z.number().int(),
      deposits: z.array(moneySchema),
      today: z.object({ count: z.number().int(), volume: z.array(moneySchema) }),
      asOf: timestampSchema,
    }),
  }),
  'dashboard.volume': method({
    summary: 'Daily transaction count and volume over the last N days, days cut in the user’s zone.',
    permission: 'dashboard.view',
    mutates: false,
    input: z.object({
      days: z.number().int().min(7).max(366).default(90),
      utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60),
      until: timestampSchema,
    }),
    output: z.object({
      currency: z.string().length(3),
      days: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), count: z.number().int(), credits: z.number().int(), debits: z.number().int() })),
    }),
  }),
  'dashboard.activity': method({
    summary: 'The latest customer transactions.',
    permission: 'dashboard.view',
    mutates: false,
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.array(activityItemSchema),
  }),
} as const;
