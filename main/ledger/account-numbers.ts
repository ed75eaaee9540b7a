import { accountNumberFromSeed, czechIban, isValidCzechAccountPart } from '../../shared/account-number';
import type { WriteRow } from './write-tables';

/** The bank's own (fictitious) Czech bank code: every account it holds is a CZ IBAN at 2026. */
export const OWN_BANK_CODE = '2026';

/**
 * Account-number prefixes by issuer. Every writer of accounts numbers within its own prefixes, so
 * the demo generator, the importers and the workstation share one bank without ever colliding; each
 * prefix passes the Czech mod-11 prefix check (test/unit/account-prefixes.test.ts holds both rules).
 */
export const ACCOUNT_PREFIXES = {
  /** The demo generator, by account family. */
  demo: { current: '0', savings: '19', term: '35', fx: '51', internal: '670100' },
  /** Imports: Berka customer accounts, and the ledger accounts (clearing, cash, income…) any import opens. */
  imports: { berka: '27', internal: '670127' },
  /** Accounts opened at the workstation, and the tills and clearing accounts its routes open. */
  workstation: { customer: '43', internal: '670143' },
} as const;

/**
 * A number issued from a sequence (Berka account id, account id): the readable number followed by
 * two digits completing the base's mod-11 check — Berka account 576 is CZkk 2026 0000 2700 0005 76xx.
 */
export function issuedAccountNumber(prefix: string, n: number): string {
  return accountNumberFromSeed(OWN_BANK_CODE, prefix, n);
}

// The demo's numbers: seq → base is a bijection mod 9,000,000 (multiplier coprime to it) that spreads
// numbers out, and a 97-wide window per slot leaves room to find the next base passing the mod-11 check.
const SLOTS = 9_000_000;
const SPREAD = 7_368_787;

/** The demo generator's numbers: spread over the base range, as a real bank's look, not 1, 2, 3. */
export function spreadAccountNumber(prefix: string, seq: number): string {
  if (seq < 0 || seq >= SLOTS) throw new Error('account sequence out of range');
  let base = 1_000_000_000 + ((seq * SPREAD) % SLOTS) * 97;
  while (!isValidCzechAccountPart(String(base), 10)) base += 1;
  return czechIban(OWN_BANK_CODE, prefix, String(base));
}

/** One of the bank's own ledger accounts (vault, clearing, income…): no customer, no product, open. */
export function internalAccountRow(a: {
  id: number;
  accountNo: string;
  name: string;
  currency: string;
  branchId: number;
  openedAt: number;
  updatedAt: number;
  balance?: number;
}): WriteRow<'accounts'> {
  return {
    id: a.id,
    account_no: a.accountNo,
    kind: 'internal',
    name: a.name,
    customer_id: null,
    product_id: null,
    branch_id: a.branchId,
    currency: a.currency,
    balance: a.balance ?? 0,
    status: 'open',
    status_reason: null,
    opened_at: a.openedAt,
    closed_at: null,
    updated_at: a.updatedAt,
  };
}
