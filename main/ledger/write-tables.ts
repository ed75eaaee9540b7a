import type { NewRow } from '../source';

/**
 * The tables bulk writers fill, parents before children: the order buffered rows are sent in, so
 * foreign keys hold at every statement on MySQL.
 */
export const WRITE_TABLES = ['branches', 'products', 'customers', 'accounts', 'journal', 'entries', 'cards', 'loans', 'loan_repayments', 'fraud_labels', 'bank_meta'] as const;
export type WriteTable = (typeof WRITE_TABLES)[number];

/** A row as bulk writers write it: every column, ids included, but the generated ones (the database computes those). */
export type WriteRow<T extends WriteTable> = Required<NewRow<T>>;

type Columns = { readonly [T in WriteTable]: ReadonlyArray<keyof WriteRow<T> & string> };

/**
 * Column order per table: positional parameters and VALUES lists. Explicit (not the row's keys), so
 * generated columns and columns added by later migrations are never written by accident.
 */
export const COLUMNS: Columns = {
  branches: ['id', 'code', 'name', 'region', 'address', 'city', 'phone', 'hours', 'created_at', 'updated_at'],
  products: [
    'id',
    'code',
    'name',
    'kind',
    'currency',
    'interest_rate_bp',
    'monthly_fee',
    'overdraft_limit',
    'daily_withdrawal_limit',
    'active',
    'description',
    'created_at',
    'updated_at',
  ],
  customers: [
    'id',
    'customer_no',
    'legal_name',
    'date_of_birth',
    'gender',
    'national_id',
    'address',
    'city',
    'phone',
    'email',
    'occupation',
    'risk_rating',
    'kyc_status',
    'kyc_next_review',
    'preferred_channel',
    'branch_id',
    'created_at',
    'updated_at',
  ],
  accounts: [
    'id',
    'account_no',
    'kind',
    'name',
    'customer_id',
    'product_id',
    'branch_id',
    'currency',
    'balance',
    'status',
    'status_reason',
    'opened_at',
    'closed_at',
    'updated_at',
  ],
  journal: [
    'id',
    'reference',
    'booked_at',
    'type',
    'channel',
    'amount',
    'currency',
    'description',
    'counterparty_name',
    'counterparty_account',
    'idempotency_key',
    'external_ref',
    'status',
    'created_by',
  ],
  entries: ['id', 'journal_id', 'account_id', 'amount', 'balance_after', 'booked_at'],
  cards: ['id', 'account_id', 'customer_id', 'type', 'pan_last4', 'issued_at', 'status', 'updated_at'],
  loans: [
    'id',
    'account_id',
    'customer_id',
    'product_id',
    'principal',
    'currency',
    'interest_rate_bp',
    'term_months',
    'monthly_payment',
    'start_date',
    'status',
    'created_at',
    'updated_at',
  ],
  loan_repayments: ['id', 'loan_id', 'installment', 'due_date', 'amount_due', 'amount_paid', 'paid_at', 'status', 'journal_id', 'updated_at'],
  fraud_labels: ['journal_id', 'pattern', 'scenario'],
  bank_meta: ['key', 'value'],
};

/** A scalar value as both drivers accept it. */
export type SqlValue = string | number | null;

/** The row's values in COLUMNS order, written into `into` from `offset`. */
export function valuesOf<T extends WriteTable>(table: T, row: WriteRow<T>, into: SqlValue[], offset = 0): SqlValue[] {
  const cols = COLUMNS[table];
  const r = row as Record<string, unknown>;
  for (let i = 0; i < cols.length; i++) {
    const col = cols[i] as string;
    const v = r[col];
    if (v !== null && typeof v !== 'string' && typeof v !== 'number') throw new Error(`${table}.${col} holds a ${typeof v}, not a SQL scalar`);
    into[offset + i] = v;
  }
  return into;
}
