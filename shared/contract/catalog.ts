import { z } from 'zod';
import { method } from './define';
import { currencyCodeSchema } from './banking';
import { timestampSchema } from './dashboard';

export const PRODUCT_KINDS = ['current', 'savings', 'term_deposit', 'loan', 'mortgage'] as const;

export const productFieldsSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{2,32}$/, 'Use 2–32 capital letters, digits or "-"'),
  name: z.string().trim().min(3, 'Enter the product name').max(120),
  kind: z.enum(PRODUCT_KINDS),
  currency: currencyCodeSchema,
  /** Yearly rate in basis points (1.25% = 125). */
  interestRateBp: z.number().int().min(0, 'A rate cannot be negative').max(5000, 'Rates above 50% are not allowed'),
  /** Minor units of the product's currency. */
  monthlyFee: z.number().int().min(0),
  overdraftLimit: z.number().int().min(0),
  /** 0 = no daily cash limit. */
  dailyWithdrawalLimit: z.number().int().min(0),
  active: z.boolean(),
  description: z.string().trim().max(400),
});
export type ProductFields = z.infer<typeof productFieldsSchema>;

export const productSchema = productFieldsSchema.extend({ id: z.number().int(), accounts: z.number().int(), updatedAt: timestampSchema });
export type Product = z.infer<typeof productSchema>;

export const branchSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  region: z.string(),
  address: z.string(),
  city: z.string(),
  phone: z.string(),
  hours: z.string(),
  customers: z.number().int(),
});
export type Branch = z.infer<typeof branchSchema>;

export const catalogMethods = {
  'products.list': method({
    summary: 'The product catalog (deposit and loan products with rates, fees and limits).',
    permission: 'banking.view',
    reads: 'cache-first',
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(productSchema),
  }),
  'products.save': method({
    summary: 'Create a product (no id) or change one (id + expectedUpdatedAt). Existing accounts keep the product; its currency cannot change once accounts use it.',
    permission: 'products.manage',
    requiresBank: true,
    input: productFieldsSchema.extend({ id: z.number().int().positive().optional(), expectedUpdatedAt: timestampSchema.optional() }),
    output: productSchema,
  }),
  'branches.list': method({
    summary: 'Branch directory: address, opening hours, phone.',
    permission: 'banking.view',
    reads: 'cache-first',
    input: z.object({}),
    output: z.array(branchSchema),
  }),
} as const;
