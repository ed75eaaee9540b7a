import { z } from 'zod';
import { isCurrencyCode, unknownCurrencyReason } from '../money';
import { dimensionSchema } from './metrics';

/** Field types the compliance contract files share (ids, bank days, decimal text). Not re-exported: the names are generic. */
export const id = z.number().int().positive();
export const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-04');
export const idempotencyKey = z.string().min(16).max(80);
export const metricFilterSchema = z.object({ dimension: dimensionSchema, value: z.string().min(1).max(100) });
export const currencyCode = z.string().refine(isCurrencyCode, { error: (i) => unknownCurrencyReason(String(i.input)) });
/** Decimal text as people type it ("10000", "0.25", "25.3"): never a float on the wire. */
export const decimalText = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'Use digits with at most one decimal point, e.g. 10000 or 0.0425');
