import type { Money } from '../../../shared/contract';
import { currencyDecimals } from '../../../shared/money';

/**
 * Decimal places of a currency's minor unit (CZK 2, JPY 0, BHD 3, HUF 2) from the ISO 4217 table in
 * shared/money.ts — never from Intl, whose display digits differ from ISO (HUF 0) and between browsers.
 */
export function currencyDigits(currency: string): number {
  return currencyDecimals(currency);
}

/**
 * Integer minor units to an exact decimal string ("-1234.05"), with no float arithmetic:
 * Intl formats decimal strings exactly, so large balances never pick up rounding noise.
 */
export function minorToDecimal(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Money must be an integer number of minor units, got ${minor}`);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

type Decimal = `${number}`;

function asDecimal(minor: number, digits: number): Decimal {
  return minorToDecimal(minor, digits) as Decimal;
}

/** "CZK 1,234.50" style, in the user's locale. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const digits = currencyDigits(currency);
  // Intl groups and places the code for the locale; the digits are ISO's, stated explicitly so Intl's own idea (HUF 0) never rounds.
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    asDecimal(minor, digits),
  );
}

/** The amount alone ("1,234.50"), for grids that show the currency in its own column. */
export function formatMinor(minor: number, currency: string, locale?: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(asDecimal(minor, digits));
}

/** Short form for headline figures ("CZK 1.2M"); the exact value belongs in a tooltip. */
export function formatMoneyCompact(minor: number, currency: string, locale?: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code', notation: 'compact', maximumFractionDigits: 1 }).format(asDecimal(minor, digits));
}

export function formatMoneyValue(money: Money, locale?: string): string {
  return formatMoney(money.amount, money.currency, locale);
}

/** Major units as a plain number, for chart axes only (never for arithmetic on money). */
export function minorToMajorForChart(minor: number, currency: string): number {
  return Number(minorToDecimal(minor, currencyDigits(currency)));
}
