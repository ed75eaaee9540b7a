/**
 * Money from text, exactly, with the strict syntax of files (no grouping, "." only). How many decimals
 * a currency has comes from the ISO 4217 table in shared/money.ts (`minorUnitsOf`), as everywhere else.
 * "700.00" CZK becomes 70000 minor units by joining the digit strings,
 * never by multiplying a float (0.29 × 100 is 28.999999999999996 in binary floating point).
 */
export type Parsed = { ok: true; value: number } | { ok: false; reason: string };

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

export function parseMinorUnits(text: string, decimals: number, opts: { signed?: boolean } = {}): Parsed {
  const m = DECIMAL.exec(text.trim());
  if (!m) return { ok: false, reason: `"${text}" is not a decimal number (digits with an optional "." and decimals, no thousands separators)` };
  const [, sign = '', whole = '', frac = ''] = m;
  if (sign === '-' && !opts.signed) return { ok: false, reason: `"${text}" must not be negative` };
  if (frac.length > decimals) return { ok: false, reason: `"${text}" has more than ${decimals} decimal${decimals === 1 ? '' : 's'}` };
  const digits = (whole + frac.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  // Beyond 2^53 − 1 a JS number no longer holds every integer exactly.
  if (digits.length > 16 || !Number.isSafeInteger(value)) return { ok: false, reason: `"${text}" is too large` };
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

/** Minor units back to a plain decimal string, for messages ("-2994.60"). */
export function formatMinorUnits(value: number, decimals: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(decimals + 1, '0');
  return decimals === 0 ? sign + digits : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
