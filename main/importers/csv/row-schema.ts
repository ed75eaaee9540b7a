import { z } from 'zod';
import { compactIban, isValidIban } from '../../../shared/account-number';
import { minorUnitsOf, unknownCurrencyReason } from '../../../shared/money';
import { parseMinorUnits } from '../decimal';
import type { Channel } from '../../ledger';
import { parseIsoInstant } from './timestamp';

/** The canonical columns (docs/canonical-transactions-csv.md), in the order exports should use. */
export const CSV_COLUMNS = ['txn_id', 'timestamp', 'account', 'counterparty', 'type', 'channel', 'amount', 'currency', 'balance_after', 'label'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const TRANSACTION_TYPES = ['deposit', 'withdrawal', 'transfer_out', 'transfer_in', 'payment', 'card', 'fee', 'interest'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];
export const CHANNELS = ['branch', 'atm', 'card', 'online', 'wire', 'system'] as const satisfies readonly Channel[];

export interface CsvTxn {
  line: number;
  txnId: string;
  at: number;
  account: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  type: TransactionType;
  channel: Channel | null;
  /** Positive, minor units of `currency`. */
  amount: number;
  currency: string;
  balanceAfter: number | null;
  label: string | null;
}

const optional = (max: number, what: string) =>
  z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s.length <= max, { error: `${what} is longer than ${max} characters` })
    .transform((s) => (s === '' ? null : s));

/** Account numbers: an IBAN (checked, stored compact) or another bank's own account id. */
const account = z.string().transform((s, ctx) => {
  const v = s.replace(/\s+/g, '');
  if (/^[A-Za-z]{2}\d{2}/.test(v) && v.length >= 15) {
    if (isValidIban(v)) return compactIban(v);
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a valid IBAN (check digits)` });
    return z.NEVER;
  }
  if (/^[A-Za-z0-9][A-Za-z0-9/.-]{0,33}$/.test(v)) return v;
  ctx.addIssue({ code: 'custom', message: v === '' ? 'is empty' : `"${s}" is not an account number (an IBAN, or up to 34 letters, digits, "/", "." or "-")` });
  return z.NEVER;
});

const fields = z.object({
  txn_id: z.string().regex(/^[\x21-\x7e]{1,64}$/, { error: 'must be 1–64 printable characters without spaces' }),
  timestamp: z.string().transform((s, ctx) => {
    const r = parseIsoInstant(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.at;
  }),
  account,
  counterparty: optional(160, 'the counterparty'),
  type: z.enum(TRANSACTION_TYPES, { error: `must be one of ${TRANSACTION_TYPES.join(', ')}` }),
  channel: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.union([z.literal(''), z.enum(CHANNELS)], { error: `must be empty or one of ${CHANNELS.join(', ')}` }))
    .transform((s) => (s === '' ? null : s)),
  amount: z.string(),
  currency: z.string().superRefine((c, ctx) => {
    if (minorUnitsOf(c) === null) ctx.addIssue({ code: 'custom', message: unknownCurrencyReason(c) });
  }),
  balance_after: z.string(),
  label: optional(40, 'the label'),
});

/**
 * One canonical CSV row. Amounts are positive (the type says which way money moved) with at
 * most the currency's decimals; balance_after, when given, may be negative.
 */
export const csvRowSchema = fields.transform((r, ctx): Omit<CsvTxn, 'line'> => {
  // The refine above has already refused unknown codes: zod runs this only on rows that passed.
  const decimals = minorUnitsOf(r.currency) ?? 0;
  const amount = parseMinorUnits(r.amount, decimals);
  if (!amount.ok) ctx.addIssue({ code: 'custom', path: ['amount'], message: amount.reason });
  else if (amount.value === 0) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must be more than zero' });
  let balanceAfter: number | null = null;
  if (r.balance_after.trim() !== '') {
    const b = parseMinorUnits(r.balance_after, decimals, { signed: true });
    if (!b.ok) ctx.addIssue({ code: 'custom', path: ['balance_after'], message: b.reason });
    else balanceAfter = b.value;
  }
  const cp = r.counterparty;
  const cpIban = cp !== null && isValidIban(cp) ? compactIban(cp) : null;
  return {
    txnId: r.txn_id,
    at: r.timestamp,
    account: r.account,
    counterpartyName: cpIban ? null : cp,
    counterpartyAccount: cpIban,
    type: r.type,
    channel: r.channel,
    amount: amount.ok ? amount.value : 0,
    currency: r.currency,
    balanceAfter,
    label: r.label,
  };
});
