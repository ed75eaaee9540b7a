import { accountNumberFromSeed } from '../../shared/account-number';
import { OWN_BANK_CODE } from '../demo';
import type { Row } from '../source';

/**
 * Account numbers for imported accounts: Czech domestic numbers (prefix-base/bank) as CZ IBANs,
 * in prefixes the demo generator does not use, so both can live in one bank without collisions.
 * The base number is a readable id followed by two digits that complete its mod-11 check:
 * Berka account 576 gets base 576xx under prefix 27 (CZkk 2026 0000 2700 0005 76xx).
 */
export const BERKA_PREFIX = '27';
/** The bank's own ledger accounts created by imports (the demo's internal prefix is 670100). */
export const IMPORT_INTERNAL_PREFIX = '670127';

export function importAccountNumber(prefix: string, n: number): string {
  return accountNumberFromSeed(OWN_BANK_CODE, prefix, n);
}

/** One of the bank's own ledger accounts (clearing, cash, income…) opened by an import. */
export function internalAccountRow(id: number, name: string, currency: string, branchId: number, openedAt: number, now: number, balance = 0): Row<'accounts'> {
  return {
    id,
    account_no: importAccountNumber(IMPORT_INTERNAL_PREFIX, id),
    kind: 'internal',
    name,
    customer_id: null,
    product_id: null,
    branch_id: branchId,
    currency,
    balance,
    status: 'open',
    status_reason: null,
    opened_at: openedAt,
    closed_at: null,
    updated_at: now,
  };
}
