/**
 * Decimal amounts as people type them ⇄ integer minor units as the ledger stores them.
 * Pure: the forms validate with it as you type and main/ re-checks with the same rules.
 */

/** ISO 4217 minor-unit exponents for the currencies whose exponent is not 2. */
const EXPONENT: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, HUF: 2, BHD: 3, KWD: 3, OMR: 3, TND: 3 };

export function currencyDecimals(currency: string): number {
  return EXPONENT[currency.toUpperCase()] ?? 2;
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * Reads an amount as people type it. One separator is always the decimal one ("1250.5", "1250,50");
 * thousands grouping is recognised when it cannot be mistaken for decimals: spaces ("1 250,50"),
 * two or more groups ("1,250,000") or a different decimal separator after them ("1.250,50").
 * "10.005" is therefore 10.005 — refused for EUR's two decimals rather than guessed as 10,005.
 * Zero and negatives are refused: money moves by the sign of the operation.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const decimals = currencyDecimals(currency);
  const t = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (t === '') return { ok: false, reason: 'Enter an amount.' };
  if (t.startsWith('-')) return { ok: false, reason: 'Enter the amount without a sign; the operation decides the direction.' };
  let whole: string;
  let frac = '';
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)(?:[.,](\d+))?$/.exec(t))) {
    whole = m[1] ?? '';
    frac = m[2] ?? '';
  } else if ((m = /^(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})+)$/.exec(t))) {
    whole = (m[1] ?? '').replace(/[.,]/g, '');
  } else if ((m = /^(\d{1,3}(?:([.,])\d{3})(?:\2\d{3})*)([.,])(\d+)$/.exec(t)) && m[2] !== m[3]) {
    whole = (m[1] ?? '').replace(/[.,]/g, '');
    frac = m[4] ?? '';
  } else {
    return { ok: false, reason: 'Enter a number such as 1250.50.' };
  }
  if (frac.length > decimals) {
    return { ok: false, reason: decimals === 0 ? `${currency} has no decimals.` : `${currency} has at most ${decimals} decimals.` };
  }
  const minor = Number(whole) * 10 ** decimals + Number(frac.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'That amount is too large.' };
  if (minor <= 0) return { ok: false, reason: 'The amount must be more than zero.' };
  return { ok: true, minor };
}

/** Minor units back to a plain decimal string ("1250.50"), for forms and CSV. */
export function formatMinorPlain(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (decimals === 0) return sign + String(abs);
  const s = String(abs).padStart(decimals + 1, '0');
  return `${sign}${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}
