import { z } from 'zod';
import { timestampSchema } from './dashboard';
import { currencyCode, dayText, decimalText } from './compliance-fields';
import { monitorIdSchema } from './compliance-monitors';

/** Bank-level figures entered by compliance leads (maker–checker); money in the reporting currency's minor units as decimal text. */
export const INPUT_KEYS = [
  'reporting_currency',
  'ctr_threshold',
  'tier1_capital',
  'cet1_capital',
  'risk_weighted_assets',
  'liquid_assets',
  'liquid_assets_haircut',
  'deposit_runoff_rate',
  'fx_rate',
] as const;
export const inputKeySchema = z.enum(INPUT_KEYS);
export type InputKey = z.infer<typeof inputKeySchema>;

export const bankInputSchema = z.object({
  key: inputKeySchema,
  currency: z.string(),
  effectiveDay: dayText,
  value: z.string(),
  version: z.number().int(),
  enteredBy: z.string(),
  approvedBy: z.string(),
  at: timestampSchema,
});
export type BankInput = z.infer<typeof bankInputSchema>;

/** What a maker proposes; the checker approves exactly this. */
export const changeProposalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('limit'), monitor: monitorIdSchema, limit: decimalText, warning: decimalText }),
  z.object({ kind: z.literal('input'), key: inputKeySchema.exclude(['fx_rate']), value: z.string().trim().min(1).max(60), effectiveDay: dayText }),
  z.object({ kind: z.literal('rate'), currency: currencyCode, day: dayText, rate: decimalText }),
]);
export type ChangeProposal = z.infer<typeof changeProposalSchema>;

export const pendingChangeSchema = z.object({
  id: z.number().int(),
  proposal: changeProposalSchema,
  summary: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: timestampSchema,
  decidedBy: z.string().nullable(),
  decidedAt: timestampSchema.nullable(),
});
export type PendingChangeView = z.infer<typeof pendingChangeSchema>;
