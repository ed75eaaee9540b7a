/**
 * The one money module: the ISO 4217 minor-unit table, and decimal amounts as people type them ⇄
 * integer minor units as the ledger stores them. Pure: the forms validate with it as you type, and
 * main/ (operations, imports, fraud texts) re-checks and formats with the same rules.
 */

/**
 * ISO 4217 List One (the published list of 2024-06-25, plus XCG, added for 2025-03-31): every active
 * code with its minor-unit exponent. Codes whose exponent is "N.A." (gold, SDR, test and "no
 * currency" codes such as XAU, XDR, XTS, XXX) are left out on purpose: no account can be held in them.
 *
 * Why a table and not `Intl`: the exponent decides how many minor units an amount is, so it must be
 * the same in the renderer, in main/ and in every runtime, forever. `Intl` answers with CLDR's
 * *display* digits, which differ from ISO 4217 and between ICU versions — current ICU says HUF 0,
 * ISK 0, IDR 0, while ISO 4217 says 2, 0, 2 — so a teller's "1000 HUF" was stored as 100000 minor units
 * and an imported one as 1000. ISO 4217 is what payment messages (SEPA, SWIFT) and other banks'
 * files use, so it decides; `Intl` may still group digits for display, never count them.
 */
const MINOR_UNITS_BY_EXPONENT: Readonly<Record<0 | 2 | 3 | 4, string>> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2:
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW ' +
    'CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ' +
    'ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR ' +
    'MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN ' +
    'SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};

const EXPONENT: ReadonlyMap<string, number> = new Map(
  Object.entries(MINOR_UNITS_BY_EXPONENT).flatMap(([exponent, codes]) => codes.split(' ').map((code) => [code, Number(exponent)] as const)),
);

/** Every ISO 4217 code an account may be held in, alphabetically. */
export const CURRENCY_CODES: readonly string[] = [...EXPONENT.keys()].sort();

/** Whether `code` is an active ISO 4217 code (exactly as ISO writes it: three capitals). */
export function isCurrencyCode(code: string): boolean {
  return EXPONENT.has(code);
}

/** ISO 4217 minor-unit exponent of `code` (CZK 2, JPY 0, BHD 3, CLF 4), or null when it is not an active code. */
export function minorUnitsOf(code: string): number | null {
  return EXPONENT.get(code) ?? null;
}

/** The sentence for a code that is not in the table, for the field that brought it in. */
export function unknownCurrencyReason(code: string): string {
  return `"${code}" is not an ISO 4217 currency code (three capitals, such as EUR, CZK or JPY).`;
}

/**
 * The exponent of a currency the caller already knows to be valid (an account's, a product's).
 * Throws for anything else: an unknown code is refused where it enters, never guessed as 2 decimals.
 */
export function currencyDecimals(currency: string): number {
  const digits = EXPONENT.get(currency);
  if (digits === undefined) throw new RangeError(unknownCurrencyReason(currency));
  return digits;
}

/** The largest amount (and balance) in minor units that a JS number, and so this ledger, holds exactly: 2^53 − 1. */
export const MAX_MINOR = Number.MAX_SAFE_INTEGER;

export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: string };

/**
 * Reads an amount as people type it. One separator is always the decimal one ("1250.5", "1250,50");
 * thousands grouping is recognised when it cannot be mistaken for decimals: spaces ("1 250,50"),
 * two or more groups ("1,250,000") or a different decimal separator after them ("1.250,50").
 * "10.005" is therefore 10.005 — refused for EUR's two decimals rather than guessed as 10,005.
 * Zero and negatives are refused: money moves by the sign of the operation. Digits are joined as
 * text, never multiplied as floats, and anything beyond 2^53 − 1 minor units is refused.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const decimals = minorUnitsOf(currency);
  if (decimals === null) return { ok: false, reason: unknownCurrencyReason(currency) };
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
  const digits = (whole + frac.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  const minor = Number(digits);
  if (digits.length > 16 || !Number.isSafeInteger(minor)) {
    return { ok: false, reason: `That amount is too large: at most ${formatMinorPlain(MAX_MINOR, currency)} ${currency}.` };
  }
  if (minor <= 0) return { ok: false, reason: 'The amount must be more than zero.' };
  return { ok: true, minor };
}

/** Minor units back to a plain decimal string ("1250.50", "-0.05", "1500" for JPY), for forms and CSV. */
export function formatMinorPlain(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Money must be a whole number of minor units within ±2^53, got ${minor}`);
  const decimals = currencyDecimals(currency);
  const sign = minor < 0 ? '-' : '';
  const s = String(Math.abs(minor)).padStart(decimals + 1, '0');
  return decimals === 0 ? sign + s : `${sign}${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/**
 * For sentences that are stored or printed (fraud explanations, SAR narratives, refusals):
 * "1,234.50 EUR", "150,000 JPY", "1.250 BHD". Grouped by hand rather than by `Intl`, so the text is
 * the same whichever runtime wrote it.
 */
export function formatMoneyText(minor: number, currency: string): string {
  const plain = formatMinorPlain(minor, currency);
  const [whole = '', frac] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${grouped}${frac === undefined ? '' : `.${frac}`} ${currency}`;
}

/**
 * `formatMoneyText` for stored data: a code outside the table (written before codes were checked) is
 * said as minor units ("1250 minor units of ABC") — plainly, never guessed as two decimals, and
 * without stopping a scan or a report over one old row.
 */
export function describeMoney(minor: number, currency: string): string {
  return isCurrencyCode(currency) ? formatMoneyText(Math.round(minor), currency) : `${Math.round(minor)} minor units of ${currency}`;
}
