import { ACCOUNT_PREFIXES, issuedAccountNumber } from '../ledger';

/** Customer accounts opened at the workstation are numbered by account id (unique, so the number is); its tills and clearing accounts likewise. */
export function workstationAccountNumber(accountId: number, internal = false): string {
  return issuedAccountNumber(internal ? ACCOUNT_PREFIXES.workstation.internal : ACCOUNT_PREFIXES.workstation.customer, accountId);
}

/** Unique stand-in while the row's id (and so its real number) is not known yet; replaced in the same transaction. */
export function provisionalAccountNumber(): string {
  return `tmp-${Math.random().toString(36).slice(2, 12)}-${Date.now().toString(36)}`;
}

/** The columns every account opened at the workstation starts with: empty, open, numbered right after (provisional number). */
export function freshAccountColumns(now: number) {
  return { account_no: provisionalAccountNumber(), balance: 0, status: 'open' as const, status_reason: null, opened_at: now, closed_at: null, updated_at: now };
}
