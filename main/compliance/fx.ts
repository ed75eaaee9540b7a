import { currencyDecimals } from '../../shared/money';

/**
 * Conversion into the reporting currency at an entered rate, exactly: the rate is decimal text
 * (reporting-currency units per one unit of the other currency) read as a fraction, amounts are integer
 * minor units, and the result is rounded half away from zero once, in BigInt, so no float ever
 * touches money.
 */
export interface Rate {
  num: bigint;
  den: bigint;
}

export function parseRate(text: string): Rate | null {
  const m = /^(\d{1,15})(?:\.(\d{1,10}))?$/.exec(text.trim());
  if (!m) return null;
  const frac = m[2] ?? '';
  const num = BigInt(`${m[1]}${frac}`);
  if (num === 0n) return null;
  return { num, den: 10n ** BigInt(frac.length) };
}

function roundDiv(a: bigint, b: bigint): bigint {
  const neg = a < 0n !== b < 0n;
  const q = (a < 0n ? -a : a) * 2n + (b < 0n ? -b : b);
  const r = q / (2n * (b < 0n ? -b : b));
  return neg ? -r : r;
}

/** minor units of `from` → minor units of `to` at `rate`; the same currency needs no rate. */
export function convertMinor(amount: number, from: string, to: string, rate: Rate | null): number | null {
  if (from === to) return amount;
  if (!rate) return null;
  const scaleFrom = 10n ** BigInt(currencyDecimals(from));
  const scaleTo = 10n ** BigInt(currencyDecimals(to));
  const out = roundDiv(BigInt(amount) * rate.num * scaleTo, rate.den * scaleFrom);
  if (out > BigInt(Number.MAX_SAFE_INTEGER) || out < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${amount} ${from} converts beyond the largest amount the bank can hold.`);
  return Number(out);
}

/** Rates by currency, each a list of (first bank day, rate) sorted by day: a rate holds from its day until the next one. */
export type RateTable = Map<string, { day: number; rate: Rate }[]>;

export function rateOn(table: RateTable, currency: string, day: number): Rate | null {
  const list = table.get(currency);
  if (!list) return null;
  let found: Rate | null = null;
  for (const r of list) {
    if (r.day > day) break;
    found = r.rate;
  }
  return found;
}
