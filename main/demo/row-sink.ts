import type { Row } from '../source';

/**
 * Where generated rows go. The generator is written once against this interface; the SQLite
 * sink writes each row through a prepared statement inside a long transaction, the MySQL sink
 * buffers rows and sends multi-row INSERTs. Rows always carry explicit ids, so parents and
 * children can be written without reading anything back.
 */
export type SinkTable = 'branches' | 'products' | 'customers' | 'accounts' | 'journal' | 'entries' | 'cards' | 'loans' | 'loan_repayments' | 'fraud_labels' | 'bank_meta';

/** Parent tables before children, the order buffered rows are flushed in. */
export const SINK_TABLES: readonly SinkTable[] = ['branches', 'products', 'customers', 'accounts', 'journal', 'entries', 'cards', 'loans', 'loan_repayments', 'fraud_labels', 'bank_meta'];

type Columns = { readonly [T in SinkTable]: ReadonlyArray<keyof Row<T> & string> };

/** Column order per table: positional parameters for prepared statements and VALUES lists. */
export const COLUMNS: Columns = {
  branches: ['id', 'code', 'name', 'region', 'address', 'city', 'phone', 'hours', 'created_at', 'updated_at'],
  products: ['id', 'code', 'name', 'kind', 'currency', 'interest_rate_bp', 'monthly_fee', 'overdraft_limit', 'daily_withdrawal_limit', 'active', 'description', 'created_at', 'updated_at'],
  customers: ['id', 'customer_no', 'legal_name', 'date_of_birth', 'gender', 'national_id', 'address', 'city', 'phone', 'email', 'occupation', 'risk_rating', 'kyc_status', 'kyc_next_review', 'preferred_channel', 'branch_id', 'created_at', 'updated_at'],
  accounts: ['id', 'account_no', 'kind', 'name', 'customer_id', 'product_id', 'branch_id', 'currency', 'balance', 'status', 'status_reason', 'opened_at', 'closed_at', 'updated_at'],
  journal: ['id', 'reference', 'booked_at', 'type', 'channel', 'amount', 'currency', 'description', 'counterparty_name', 'counterparty_account', 'idempotency_key', 'external_ref', 'status', 'created_by'],
  entries: ['id', 'journal_id', 'account_id', 'amount', 'balance_after', 'booked_at'],
  cards: ['id', 'account_id', 'customer_id', 'type', 'pan_last4', 'issued_at', 'status', 'updated_at'],
  loans: ['id', 'account_id', 'customer_id', 'product_id', 'principal', 'currency', 'interest_rate_bp', 'term_months', 'monthly_payment', 'start_date', 'status', 'created_at', 'updated_at'],
  loan_repayments: ['id', 'loan_id', 'installment', 'due_date', 'amount_due', 'amount_paid', 'paid_at', 'status', 'journal_id', 'updated_at'],
  fraud_labels: ['journal_id', 'pattern', 'scenario'],
  bank_meta: ['key', 'value'],
};

/** A scalar value as both drivers accept it. */
export type SqlValue = string | number | null;

/** The row's values in COLUMNS order, written into `into` from `offset` (a new array by default). */
export function valuesOf<T extends SinkTable>(table: T, row: Row<T>, into?: SqlValue[], offset = 0): SqlValue[] {
  const cols = COLUMNS[table];
  const out: SqlValue[] = into ?? new Array<SqlValue>(cols.length);
  for (let i = 0; i < cols.length; i++) {
    const col = cols[i] as keyof Row<T> & string;
    out[offset + i] = row[col] as SqlValue;
  }
  return out;
}

export interface BalanceUpdate {
  id: number;
  balance: number;
  updated_at: number;
}

export interface RowSink {
  /** Copies the row's values before returning: callers may reuse the row object. */
  insert<T extends SinkTable>(table: T, row: Row<T>): void;
  /** Rows held in memory and not yet sent; the generator awaits flush() when this grows. */
  readonly buffered: number;
  /** Send buffered rows (inside the current transaction). */
  flush(): Promise<void>;
  /** Flush, then commit the current transaction; the next insert opens a new one. */
  commit(): Promise<void>;
  /** Abandon the open transaction (after a failure). */
  rollback(): Promise<void>;
  /** Final account balances, written once the ledger is complete. */
  updateBalances(rows: readonly BalanceUpdate[]): Promise<void>;
  /** Give the connection back as it was (an open transaction is rolled back). */
  release(): Promise<void>;
  /** Rows written per table so far. */
  readonly counts: Readonly<Record<string, number>>;
}

/** Shared bookkeeping of both sinks. */
export abstract class CountingSink {
  protected readonly tally: Record<string, number> = {};

  get counts(): Readonly<Record<string, number>> {
    return this.tally;
  }

  protected count(table: SinkTable, n = 1): void {
    this.tally[table] = (this.tally[table] ?? 0) + n;
  }
}
