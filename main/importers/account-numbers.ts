import { ACCOUNT_PREFIXES, issuedAccountNumber } from '../ledger';
import type { Row } from '../source';

/** One of the bank's own ledger accounts (clearing, cash, income…) opened by an import, numbered in the imports' internal prefix. */
export function internalAccountRow(id: number, name: string, currency: string, branchId: number, openedAt: number, now: number, balance = 0): Row<'accounts'> {
  return {
    id,
    account_no: issuedAccountNumber(ACCOUNT_PREFIXES.imports.internal, id),
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
