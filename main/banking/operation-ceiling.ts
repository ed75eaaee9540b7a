import type { Kysely, Transaction } from 'kysely';
import { MAX_MINOR, parseAmount } from '../../shared/money';
import type { BankDatabase } from '../source';

/**
 * The largest single operation a teller may post, a bank setting in `bank_meta` so every
 * workstation and the CLI apply the same one: `max_operation_amount:<CUR>` for one currency, else
 * `max_operation_amount` for all, in major units of the operation's currency ("1000000000").
 * Without either, one billion major units. It never exceeds 2^53 − 1 minor units, the most the
 * ledger adds up exactly.
 */
export const MAX_OPERATION_KEY = 'max_operation_amount';
export const DEFAULT_MAX_OPERATION = '1000000000';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

export async function maxOperationMinor(db: Db, currency: string): Promise<number> {
  const own = `${MAX_OPERATION_KEY}:${currency}`;
  const rows = await db.selectFrom('bank_meta').select(['key', 'value']).where('key', 'in', [MAX_OPERATION_KEY, own]).execute();
  const configured = rows.find((r) => r.key === own)?.value ?? rows.find((r) => r.key === MAX_OPERATION_KEY)?.value;
  // A setting that does not read as an amount of this currency (e.g. decimals for JPY) falls back to the default
  // rather than stopping every operation in that currency.
  const parsed = parseAmount(configured ?? DEFAULT_MAX_OPERATION, currency);
  const fallback = parseAmount(DEFAULT_MAX_OPERATION, currency);
  const minor = parsed.ok ? parsed.minor : fallback.ok ? fallback.minor : MAX_MINOR;
  return Math.min(minor, MAX_MINOR);
}
