import { z } from 'zod';
import { method } from './define';
import { timestampSchema } from './dashboard';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD');
/** A calendar day not after today anywhere on Earth (UTC+14): the server does not know the teller's zone. */
export function notInFuture(day: string, now: number = Date.now()): boolean {
  return day <= new Date(now + 14 * 3_600_000).toISOString().slice(0, 10);
}
const text = (label: string, max: number) => z.string().trim().min(1, `Enter the ${label}`).max(max, `Use at most ${max} characters for the ${label}`);

export const RISK_RATINGS = ['low', 'medium', 'high'] as const;
export const KYC_STATUSES = ['pending', 'verified', 'expired', 'rejected'] as const;
export const CONTACT_CHANNELS = ['email', 'phone', 'sms', 'post', 'branch'] as const;
export const GENDERS = ['F', 'M', 'X'] as const;

/** What a teller enters for a customer; the same schema validates the form and the API. */
export const customerFieldsSchema = z.object({
  legalName: text('legal name', 160).refine((s) => /\p{L}/u.test(s) && s.split(/\s+/).length >= 2, 'Enter the full legal name (given and family name)'),
  dateOfBirth: isoDate.refine((d) => !Number.isNaN(Date.parse(d)), 'Not a real date').refine(notInFuture, 'The date of birth cannot be in the future'),
  gender: z.enum(GENDERS),
  nationalId: z
    .string()
    .trim()
    .min(6, 'A national id has at least 6 characters')
    .max(40, 'Use at most 40 characters')
    .regex(/^[A-Za-z0-9/-]+$/, 'Use letters, digits, "/" or "-" only'),
  address: text('street address', 200),
  city: text('city', 80),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, 'Enter a phone number such as +420 601 234 567'),
  email: z.string().trim().max(160).email('Enter an e-mail address such as name@example.com'),
  occupation: text('occupation', 80),
  riskRating: z.enum(RISK_RATINGS),
  kycStatus: z.enum(KYC_STATUSES),
  kycNextReview: isoDate,
  preferredChannel: z.enum(CONTACT_CHANNELS),
  branchId: z.number().int().positive('Choose the home branch'),
});
export type CustomerFields = z.infer<typeof customerFieldsSchema>;

export const customerSchema = customerFieldsSchema.extend({
  id: z.number().int(),
  customerNo: z.string(),
  branchName: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Customer = z.infer<typeof customerSchema>;

export const customerHitSchema = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  legalName: z.string(),
  dateOfBirth: z.string(),
  city: z.string(),
  phone: z.string(),
  kycStatus: z.enum(KYC_STATUSES),
  riskRating: z.enum(RISK_RATINGS),
  /** What the query matched, so the list can say why a row is there. */
  matched: z.enum(['name', 'customer_no', 'account_no', 'phone', 'national_id']),
  matchedAccountNo: z.string().nullable(),
});
export type CustomerHit = z.infer<typeof customerHitSchema>;

export const duplicateSchema = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  legalName: z.string(),
  dateOfBirth: z.string(),
  reason: z.enum(['national_id', 'name_and_birth_date']),
});
export type DuplicateCustomer = z.infer<typeof duplicateSchema>;

export const accountSummarySchema = z.object({
  id: z.number().int(),
  accountNo: z.string(),
  name: z.string(),
  productName: z.string().nullable(),
  currency: z.string().length(3),
  balance: z.number().int(),
  status: z.enum(['open', 'frozen', 'closed']),
  statusReason: z.string().nullable(),
  openedAt: timestampSchema,
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const customer360Schema = z.object({
  customer: customerSchema,
  accounts: z.array(accountSummarySchema),
  recentActivity: z.array(
    z.object({
      journalId: z.number().int(),
      reference: z.string(),
      bookedAt: timestampSchema,
      accountNo: z.string(),
      type: z.string(),
      channel: z.string(),
      description: z.string(),
      amount: z.number().int(),
      currency: z.string().length(3),
      balanceAfter: z.number().int(),
    }),
  ),
  loans: z.array(
    z.object({
      id: z.number().int(),
      productName: z.string(),
      principal: z.number().int(),
      currency: z.string().length(3),
      monthlyPayment: z.number().int(),
      termMonths: z.number().int(),
      startDate: z.string(),
      status: z.string(),
      paidInstallments: z.number().int(),
      lateInstallments: z.number().int(),
    }),
  ),
  alerts: z.array(z.object({ id: z.number().int(), ruleId: z.string(), riskScore: z.number().int(), status: z.string(), detectedAt: timestampSchema, accountNo: z.string() })),
  /** When the answer came from the local cache: how fresh it is. Null when read from the bank. */
  asOf: timestampSchema.nullable(),
});
export type Customer360 = z.infer<typeof customer360Schema>;

/**
 * What customers.get answers: the 360, with `alerts` null for roles without fraud.view — a teller must
 * not learn that a customer is under suspicion (tipping-off), nor read "no alerts" as a clean record.
 */
export const customerViewSchema = customer360Schema.extend({ alerts: customer360Schema.shape.alerts.nullable() });
export type CustomerView = z.infer<typeof customerViewSchema>;

export const customerMethods = {
  'customers.search': method({
    summary: 'Find customers by name, customer number, account number, phone or national id; answers as the teller types.',
    permission: 'banking.view',
    reads: 'cache-offline',
    input: z.object({ query: z.string().trim().min(2, 'Type at least 2 characters').max(80), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.array(customerHitSchema),
  }),
  'customers.get': method({
    summary: 'Customer 360: profile and contact details, accounts, recent activity, loans; fraud alerts only for roles with fraud.view.',
    permission: 'banking.view',
    reads: 'cache-offline',
    input: z.object({ id: z.number().int().positive() }),
    output: customerViewSchema,
  }),
  'customers.findDuplicates': method({
    summary: 'Existing customers with the same national id, or the same name and birth date.',
    permission: 'banking.view',
    reads: 'cache-offline',
    input: z.object({ nationalId: z.string().trim().max(40), legalName: z.string().trim().max(160), dateOfBirth: z.string().max(10), excludeId: z.number().int().optional() }),
    output: z.array(duplicateSchema),
  }),
  'customers.register': method({
    summary: 'Register a new customer after KYC. Refused as DUPLICATE when the national id exists; a same name + birth date match needs confirmDuplicate.',
    permission: 'banking.operate',
    requiresBank: true,
    input: customerFieldsSchema.extend({ confirmDuplicate: z.boolean().default(false) }),
    output: z.object({ id: z.number().int(), customerNo: z.string() }),
  }),
  'customers.update': method({
    summary: 'Edit a customer; refused with CONFLICT when someone else changed the record since it was read (expectedUpdatedAt).',
    permission: 'banking.operate',
    requiresBank: true,
    input: customerFieldsSchema.extend({ id: z.number().int().positive(), expectedUpdatedAt: timestampSchema, confirmDuplicate: z.boolean().default(false) }),
    output: customerSchema,
  }),
} as const;
