import { bankToday, dayIso, parseDayIso } from '../../shared/bank-time';
import { AppError } from '../../shared/errors';

/**
 * Age bands of the products sold to an age group, by product code (the product sheet's terms:
 * "Young Account — customers aged 15–26", "Senior Account — customers over 60"). Products have no
 * eligibility columns yet; when they do, this table becomes their seed.
 */
export const AGE_BANDS: Readonly<Record<string, { minAge: number; maxAge: number | null }>> = {
  'CUR-YOUNG': { minAge: 15, maxAge: 26 },
  'CUR-SENIOR': { minAge: 60, maxAge: null },
};

/** Full years between a `YYYY-MM-DD` birth date and `todayIso`, both calendar dates (a 29 February birthday counts on 1 March). */
export function ageOn(birthIso: string, todayIso: string): number {
  const [by, bm, bd] = birthIso.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = todayIso.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function bandText(b: { minAge: number; maxAge: number | null }): string {
  return b.maxAge === null ? `aged ${b.minAge} or over` : `aged ${b.minAge}–${b.maxAge}`;
}

/**
 * Refuses (VALIDATION, on productId) a product the customer's age on today's bank day excludes, saying
 * the band, the customer's age and what to do instead. A missing or unreadable birth date is refused
 * too: eligibility cannot be shown without it.
 */
export function assertEligible(product: { code: string; name: string }, customer: { legal_name: string; date_of_birth: string }, now: number, bankZone: string): void {
  const band = AGE_BANDS[product.code];
  if (!band) return;
  if (parseDayIso(customer.date_of_birth) === null) {
    throw new AppError(
      'VALIDATION',
      `${product.name} is for customers ${bandText(band)}, and ${customer.legal_name} has no valid date of birth on file: correct the customer's record first.`,
      [{ path: 'productId', message: 'Date of birth needed' }],
    );
  }
  const today = dayIso(bankToday(now, bankZone));
  const age = ageOn(customer.date_of_birth, today);
  if (age < band.minAge || (band.maxAge !== null && age > band.maxAge)) {
    throw new AppError(
      'VALIDATION',
      `${product.name} is for customers ${bandText(band)}; ${customer.legal_name} is ${age} (born ${customer.date_of_birth}). Choose another product.`,
      [{ path: 'productId', message: `Customer is ${age}: product is for ${bandText(band)}` }],
    );
  }
}
