/**
 * IBAN check digits (ISO 13616) computed with ISO 7064 MOD 97-10.
 * Pure functions: banking (account opening), the demo generator and input validation share them.
 */

const CODE_A = 'A'.charCodeAt(0);

/** Letters become two digits (A = 10 … Z = 35) as ISO 13616 requires; digits stay. */
function toDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c >= CODE_A && c <= CODE_A + 25 ? String(c - CODE_A + 10) : ch;
  }
  return out;
}

/** ISO 7064 MOD 97-10 remainder of a long numeric string: the remainder (≤ 2 digits) plus 7 new digits per step stays far below 2^53. */
export function mod97(numeric: string): number {
  if (!/^\d+$/.test(numeric)) throw new Error('mod97 needs a string of digits');
  let rest = 0;
  for (let i = 0; i < numeric.length; i += 7) {
    rest = Number(String(rest) + numeric.slice(i, i + 7)) % 97;
  }
  return rest;
}

/** Uppercase, spaces removed: the electronic form stored in the database. */
export function compactIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

/** The two check digits for a country code and BBAN (letters and digits). */
export function ibanCheckDigits(country: string, bban: string): string {
  const cc = country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(cc)) throw new Error(`Country code must be two letters, got "${country}"`);
  const b = compactIban(bban);
  if (!/^[A-Z0-9]{1,30}$/.test(b)) throw new Error('BBAN must be 1–30 letters or digits');
  const check = 98 - mod97(toDigits(b + cc + '00'));
  return String(check).padStart(2, '0');
}

/** A complete electronic IBAN: country + check digits + BBAN. */
export function makeIban(country: string, bban: string): string {
  const cc = country.toUpperCase();
  const b = compactIban(bban);
  return cc + ibanCheckDigits(cc, b) + b;
}

/** True when the IBAN is well-formed and its check digits are right (any spacing or case). */
export function isValidIban(iban: string): boolean {
  const s = compactIban(iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(s)) return false;
  return mod97(toDigits(s.slice(4) + s.slice(0, 4))) === 1;
}

/** Paper form for people: groups of four ("CZ65 0800 0000 …"). */
export function formatIban(iban: string): string {
  return compactIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Czech domestic account numbers (prefix-base/bank) carry their own check: digits weighted
 * 6,3,7,9,10,5,8,4,2,1 from the left of the zero-padded 10-digit base sum to a multiple of 11.
 * The same weights apply to the 6-digit prefix (its last six weights).
 */
const CZ_WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];

export function isValidCzechAccountPart(part: string, width: 6 | 10): boolean {
  if (!/^\d+$/.test(part) || part.length > width) return false;
  const padded = part.padStart(width, '0');
  const weights = CZ_WEIGHTS.slice(10 - width);
  let sum = 0;
  for (let i = 0; i < width; i++) sum += Number(padded[i]) * (weights[i] ?? 0);
  return sum % 11 === 0;
}

/** CZ IBAN from the domestic parts: bank code (4), prefix (≤ 6) and base number (≤ 10). */
export function czechIban(bankCode: string, prefix: string, base: string): string {
  if (!/^\d{4}$/.test(bankCode)) throw new Error('Czech bank code must be 4 digits');
  return makeIban('CZ', bankCode + prefix.padStart(6, '0') + base.padStart(10, '0'));
}

/**
 * A Czech domestic account number (as a CZ IBAN) made from a sequence number: the readable
 * number followed by two digits that complete the base's mod-11 check. Distinct prefixes per
 * issuer (imports, the workstation) keep numbers from ever colliding with the demo generator's.
 */
export function accountNumberFromSeed(bankCode: string, prefix: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 100_000_000) throw new Error(`account number seed ${n} out of range`);
  if (!isValidCzechAccountPart(prefix, 6)) throw new Error(`prefix ${prefix} fails the mod-11 check`);
  for (let cc = 0; cc < 100; cc++) {
    const base = String(n * 100 + cc);
    if (isValidCzechAccountPart(base, 10)) return czechIban(bankCode, prefix, base);
  }
  // 2·a + b ≡ r (mod 11) has a solution with a, b in 0..9 for every r, so this cannot happen.
  throw new Error(`no check digits for ${n}`);
}
