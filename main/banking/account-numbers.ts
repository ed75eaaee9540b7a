import { accountNumberFromSeed } from '../../shared/account-number';
import { OWN_BANK_CODE } from '../demo';

/** Customer accounts opened at the workstation: prefix 43, numbered by account id (unique, so the number is). */
export const WORKSTATION_PREFIX = '43';
/** The bank's own tills and clearing accounts the workstation opens for its routes. */
export const WORKSTATION_INTERNAL_PREFIX = '670143';

export function workstationAccountNumber(accountId: number, internal = false): string {
  return accountNumberFromSeed(OWN_BANK_CODE, internal ? WORKSTATION_INTERNAL_PREFIX : WORKSTATION_PREFIX, accountId);
}

/** Unique stand-in while the row's id (and so its real number) is not known yet; replaced in the same transaction. */
export function provisionalAccountNumber(): string {
  return `tmp-${Math.random().toString(36).slice(2, 12)}-${Date.now().toString(36)}`;
}
