import { CZK_PER_EUR, type Quantiles } from './calibration';
import type { Rng } from './random';

/**
 * Money helpers. Amounts are born as integer cents (a random draw is rounded once); from then on
 * only integer arithmetic touches them.
 */

/** Inverse-CDF draw from a quantile table, interpolating in log space between knots. */
export function sampleQuantiles(q: Quantiles, u: number): number {
  for (let i = 1; i < q.length; i++) {
    const hi = q[i];
    const lo = q[i - 1];
    if (!hi || !lo) break;
    if (u <= hi[0] || i === q.length - 1) {
      const span = hi[0] - lo[0];
      const t = span > 0 ? Math.min(1, Math.max(0, (u - lo[0]) / span)) : 0;
      return Math.exp(Math.log(lo[1]) + t * (Math.log(hi[1]) - Math.log(lo[1])));
    }
  }
  return q[q.length - 1]?.[1] ?? 0;
}

/** A Berka CZK distribution, drawn and converted to EUR cents (scaled by `factor`). */
export function berkaCents(rng: Rng, q: Quantiles, factor = 1): number {
  return Math.max(1, Math.round((sampleQuantiles(q, rng.next()) * factor * 100) / CZK_PER_EUR));
}

/** A Berka CZK distribution drawn in CZK cents (for the bank's CZK accounts). */
export function berkaCzkCents(rng: Rng, q: Quantiles, factor = 1): number {
  return Math.max(1, Math.round(sampleQuantiles(q, rng.next()) * factor * 100));
}

/** Whole-euro amount (cents) from a log-normal: median and sigma in euros. */
export function logNormalCents(rng: Rng, medianEuros: number, sigma: number, minCents = 1): number {
  return Math.max(minCents, Math.round(rng.logNormal(medianEuros, sigma) * 100));
}

/** Round cents down to a multiple of `step` cents (ATMs pay out in notes). */
export function floorTo(cents: number, step: number): number {
  return cents - (((cents % step) + step) % step);
}

/** Round cents to the nearest multiple of `step` cents. */
export function roundTo(cents: number, step: number): number {
  return Math.round(cents / step) * step;
}

/** ⌊a / b⌋ for integers, exact for |a| < 2^53 (the float quotient is corrected by one step if needed). */
export function divFloor(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q -= 1;
  else if ((q + 1) * b <= a) q += 1;
  return q;
}

/** One month's simple interest on `balance` cents at `bp` basis points a year, truncated toward zero. */
export function monthlyInterest(balance: number, bp: number): number {
  const raw = balance * bp;
  if (!Number.isSafeInteger(raw)) throw new Error('interest input out of exact integer range');
  return raw >= 0 ? divFloor(raw, 120_000) : -divFloor(-raw, 120_000);
}

/** `cents` × `num` / `den`, rounded half up, in exact integer arithmetic. */
export function mulDiv(cents: number, num: number, den: number): number {
  const raw = cents * num;
  if (!Number.isSafeInteger(raw)) throw new Error('mulDiv input out of exact integer range');
  return divFloor(2 * raw + den, 2 * den);
}

/**
 * Level monthly payment (cents) of an annuity loan. The rate formula needs powers, so the contract
 * figure is computed once in floating point and rounded up to whole cents; schedules then split it
 * with integer arithmetic only.
 */
export function annuityPayment(principal: number, bp: number, months: number): number {
  if (bp === 0) return Math.ceil(principal / months);
  const r = bp / 120_000;
  return Math.ceil((principal * r) / (1 - Math.pow(1 + r, -months)));
}
