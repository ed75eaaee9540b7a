import { compactIban, isValidIban } from '../../../../shared/account-number';

/** Spaces, dashes and case as people paste them ("cz65 0800-0000 …") → the stored electronic form. */
export function normaliseAccountNo(text: string): string {
  return compactIban(text.replace(/[-\u00a0\u202f]/g, ''));
}

/** Checks the form locally (length, IBAN check digits) so a typo is caught before any round trip. */
export function checkAccountNo(text: string): { ok: true; accountNo: string } | { ok: false; message: string } | null {
  const accountNo = normaliseAccountNo(text);
  if (accountNo === '') return null;
  if (accountNo.length < 8) return { ok: false, message: 'An account number has at least 8 characters.' };
  if (accountNo.length > 42) return { ok: false, message: 'That is too long for an account number.' };
  if (/^[A-Z]{2}\d{2}/.test(accountNo) && !isValidIban(accountNo)) return { ok: false, message: 'The check digits do not match: a character is probably mistyped.' };
  return { ok: true, accountNo };
}
