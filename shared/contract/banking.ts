import { z } from 'zod';
import { isCurrencyCode, unknownCurrencyReason } from '../money';
import { method } from './define';
import { accountSummarySchema } from './customers';
import { timestampSchema } from './dashboard';

const id = z.number().int().positive();
/** Typed as people write it ("1250.50"); main/ converts with the currency's decimals and refuses extra ones. */
const amountText = z.string().trim().min(1, 'Enter an amount').max(24, 'That amount is too long');
/** Where a currency enters (operations, products): an active ISO 4217 code from shared/money.ts, never guessed. */
export const currencyCodeSchema = z.string().refine(isCurrencyCode, { error: (i) => unknownCurrencyReason(String(i.input)) });
const currency = currencyCodeSchema;
const memo = z.string().trim().max(140, 'Use at most 140 characters').default('');
/**
 * Why an account is frozen. A customer's own request is lifted by any teller; a fraud or compliance
 * freeze only through fraud review, requested by one person and approved by another.
 */
export const FREEZE_KINDS = ['customer_request', 'fraud', 'compliance'] as const;
export type FreezeKind = (typeof FREEZE_KINDS)[number];

/** One per submitted form: a retried or double-clicked submit with the same key posts once and returns the first receipt. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9:_-]{16,80}$/, 'An idempotency key is 16–80 letters, digits, ":", "_" or "-"');

export const operationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deposit'), accountId: id, amount: amountText, currency, description: memo }),
  z.object({ kind: z.literal('withdrawal'), accountId: id, amount: amountText, currency, description: memo }),
  z.object({
    kind: z.literal('transfer'),
    fromAccountId: id,
    toAccountNo: z.string().trim().min(8, 'Enter the destination account number').max(42),
    amount: amountText,
    currency,
    description: memo,
  }),
  z.object({
    kind: z.literal('external_transfer'),
    fromAccountId: id,
    beneficiaryIban: z.string().trim().min(15, 'Enter the beneficiary’s IBAN').max(42),
    beneficiaryName: z.string().trim().min(2, 'Enter the beneficiary’s name').max(160),
    amount: amountText,
    currency,
    description: memo,
  }),
]);
export type Operation = z.infer<typeof operationSchema>;
export type OperationKind = Operation['kind'];

export const legSchema = z.object({
  accountId: z.number().int(),
  accountNo: z.string(),
  name: z.string(),
  kind: z.enum(['customer', 'internal']),
  /** Signed from the account's point of view; the legs of one posting sum to zero. */
  amount: z.number().int(),
  /** Customer accounts only: the bank's own accounts are not shown to tellers with a balance. */
  balanceBefore: z.number().int().nullable(),
  balanceAfter: z.number().int().nullable(),
});
export type Leg = z.infer<typeof legSchema>;

export const previewSchema = z.object({
  kind: z.enum(['deposit', 'withdrawal', 'transfer', 'external_transfer']),
  amount: z.number().int(),
  currency: z.string().length(3),
  description: z.string(),
  status: z.enum(['posted', 'pending']),
  legs: z.array(legSchema),
  /** Things the teller should say to the customer, e.g. "uses 120.00 EUR of the overdraft". */
  notes: z.array(z.string()),
});
export type OperationPreview = z.infer<typeof previewSchema>;

export const receiptSchema = previewSchema.extend({
  reference: z.string(),
  journalId: z.number().int(),
  postedAt: timestampSchema,
  postedBy: z.string(),
  /** True when this submit repeated an earlier one: nothing new was posted. */
  replayed: z.boolean(),
});
export type Receipt = z.infer<typeof receiptSchema>;

/** A transaction found by its bank or external reference (command palette). */
export const transactionHitSchema = z.object({
  journalId: z.number().int(),
  reference: z.string(),
  externalRef: z.string().nullable(),
  bookedAt: timestampSchema,
  amount: z.number().int(),
  currency: z.string().length(3),
  description: z.string(),
  status: z.enum(['posted', 'pending']),
  /** The customer account it moved money on (the payer's when there are two); null for internal-only postings. */
  accountId: z.number().int().nullable(),
  accountNo: z.string().nullable(),
});
export type TransactionHit = z.infer<typeof transactionHitSchema>;

export const accountDetailSchema = accountSummarySchema.extend({
  kind: z.enum(['customer', 'internal']),
  customer: z.object({ id: z.number().int(), customerNo: z.string(), legalName: z.string() }).nullable(),
  product: z.object({ id: z.number().int(), code: z.string(), name: z.string(), overdraftLimit: z.number().int(), dailyWithdrawalLimit: z.number().int() }).nullable(),
  branchName: z.string(),
  /** Balance plus the arranged overdraft. */
  available: z.number().int(),
  /** Cash withdrawn since the start of the bank's day (UTC), counted against the daily limit. */
  withdrawnToday: z.number().int(),
  closedAt: timestampSchema.nullable(),
  /** Null when read from the bank; the cache's time when the bank is unreachable. */
  asOf: timestampSchema.nullable(),
  /** Present while frozen (read from the bank): what kind of freeze, by whom — it decides who may lift it. */
  freeze: z
    .object({
      kind: z.enum(FREEZE_KINDS),
      frozenBy: z.string(),
      frozenAt: timestampSchema,
      /** A request to lift it, waiting for a second person's approval. */
      pendingUnfreeze: z.object({ requestId: z.number().int(), requestedBy: z.string(), requestedAt: timestampSchema, reason: z.string() }).nullable(),
    })
    .optional(),
});
export type AccountDetail = z.infer<typeof accountDetailSchema>;

export const unfreezeRequestSchema = z.object({
  requestId: z.number().int(),
  accountId: z.number().int(),
  status: z.enum(['pending', 'approved']),
  requestedBy: z.string(),
  requestedAt: timestampSchema,
});

export const statementLineSchema = z.object({
  journalId: z.number().int(),
  reference: z.string(),
  bookedAt: timestampSchema,
  type: z.string(),
  channel: z.string(),
  description: z.string(),
  counterparty: z.string().nullable(),
  amount: z.number().int(),
  balanceAfter: z.number().int(),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const statementInput = z
  .object({
    accountId: id,
    /** Inclusive start and exclusive end, UTC ms (the client cuts days in the user’s zone). */
    from: timestampSchema,
    to: timestampSchema,
    /** IANA zone used to print dates on the statement. */
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'Unknown time zone: use an IANA name such as Europe/Prague').default('UTC'),
  })
  .refine((v) => v.to > v.from, { message: 'The end date must be after the start date', path: ['to'] })
  .refine((v) => v.to - v.from <= 5 * 366 * 86_400_000, { message: 'A statement covers at most five years', path: ['from'] });

export const statementSchema = z.object({
  account: accountDetailSchema,
  from: timestampSchema,
  to: timestampSchema,
  opening: z.number().int(),
  closing: z.number().int(),
  credits: z.number().int(),
  debits: z.number().int(),
  lines: z.array(statementLineSchema),
});
export type Statement = z.infer<typeof statementSchema>;

export const bankingMethods = {
  'accounts.get': method({
    summary: 'Balance inquiry: one account by id or account number, with its limits and today’s withdrawals.',
    permission: 'banking.view',
    reads: 'cache-offline',
    input: z.union([z.object({ id }), z.object({ accountNo: z.string().trim().min(8).max(42) })]),
    output: accountDetailSchema,
  }),
  'accounts.open': method({
    summary: 'Open an account for a customer on a product, with an optional initial cash deposit posted in the same transaction.',
    permission: 'banking.operate',
    requiresBank: true,
    input: z.object({ customerId: id, productId: id, initialDeposit: z.string().trim().max(24).default(''), idempotencyKey: idempotencyKeySchema }),
    output: z.object({ account: accountDetailSchema, receipt: receiptSchema.nullable() }),
  }),
  'accounts.setStatus': method({
    summary: 'Freeze (debits refused) or unfreeze an account, with the reason; audited.',
    permission: 'accounts.freeze',
    requiresBank: true,
    input: z.object({
      accountId: id,
      status: z.enum(['frozen', 'open']),
      reason: z.string().trim().min(5, 'Give the reason (at least 5 characters)').max(400),
      /** When freezing: why (default the customer's request); fraud and compliance freezes need fraud.review. */
      kind: z.enum(FREEZE_KINDS).optional(),
    }),
    output: accountDetailSchema,
  }),
  'accounts.requestUnfreeze': method({
    summary: 'Ask to lift a fraud or compliance freeze; another person with fraud review must approve it (maker–checker, audited).',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ accountId: id, reason: z.string().trim().min(5, 'Give the reason (at least 5 characters)').max(400) }),
    output: unfreezeRequestSchema,
  }),
  'accounts.approveUnfreeze': method({
    summary: 'Approve another person’s request to lift a fraud or compliance freeze: the account opens again (audited).',
    permission: 'fraud.review',
    requiresBank: true,
    input: z.object({ requestId: id }),
    output: accountDetailSchema,
  }),
  'accounts.close': method({
    summary: 'Close an account; only at a zero balance and with no pending transfers.',
    permission: 'banking.operate',
    requiresBank: true,
    input: z.object({ accountId: id, reason: z.string().trim().min(5, 'Give the reason (at least 5 characters)').max(400) }),
    output: accountDetailSchema,
  }),
  'ops.preview': method({
    summary: 'What an operation would post, checked against every rule, without posting: the confirmation step.',
    permission: 'banking.operate',
    reads: 'bank',
    requiresBank: true,
    input: operationSchema,
    output: previewSchema,
  }),
  'ops.submit': method({
    summary: 'Post an operation as one balanced journal in one database transaction; the idempotency key makes a repeat return the first receipt.',
    permission: 'banking.operate',
    requiresBank: true,
    input: z.object({ operation: operationSchema, idempotencyKey: idempotencyKeySchema }),
    output: receiptSchema,
  }),
  'ops.receipt': method({
    summary: 'A posted operation’s receipt by its reference.',
    permission: 'banking.view',
    reads: 'cache-offline',
    input: z.object({ reference: z.string().trim().min(4).max(40) }),
    output: receiptSchema,
  }),
  'transactions.find': method({
    summary: 'Transactions whose bank reference or external reference is exactly the text given (command palette).',
    permission: 'banking.view',
    reads: 'cache-offline',
    input: z.object({ reference: z.string().trim().min(4).max(64), limit: z.number().int().min(1).max(20).default(5) }),
    output: z.array(transactionHitSchema),
  }),
  'statements.get': method({
    summary: 'Statement for a period: opening and closing balance, every movement with its running balance.',
    permission: 'banking.view',
    reads: 'cache-offline',
    input: statementInput,
    output: statementSchema,
  }),
  'statements.export': method({
    summary: 'The statement as a PDF or CSV file (base64), named after the account and period.',
    permission: 'banking.view',
    reads: 'cache-offline',
    input: statementInput.and(z.object({ format: z.enum(['pdf', 'csv']) })),
    output: z.object({ filename: z.string(), mimeType: z.string(), base64: z.string() }),
  }),
} as const;
