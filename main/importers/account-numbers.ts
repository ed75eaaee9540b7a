import { czechIban, isValidCzechAccountPart } from '../../shared/account-number';
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
  if (!Number.isSafeInteger(n) || n < 0 || n >= 100_000_000) throw new Error(`account number seed ${n} out of range`);
  if (!isValidCzechAccountPart(prefix, 6)) throw new Error(`prefix ${prefix} fails the mod-11 check`);
  for (let cc = 0; cc < 100; cc++) {
    const base = String(n * 100 + cc);
    if (isValidCzechAccountPart(base, 10)) return czechIban(OWN_BANK_CODE, prefix, base);
  }
  // 2·a + b ≡ r (mod 11) has a solution with a, b in 0..9 for every r, so this cannot happen.
  throw new Error(`no check digits for ${n}`);
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
