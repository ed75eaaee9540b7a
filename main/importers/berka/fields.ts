import { z } from 'zod';
import { currencyDecimals } from '../../../shared/money';
import { parseMinorUnits } from '../decimal';

/**
 * Field types of the Berka files. Dates are yymmdd in the 1900s; CZK amounts carry up to two
 * decimals and become minor units (haléř) exactly; birth numbers add 50 to the month for women.
 */
export const DAY_MS = 86_400_000;

export interface BerkaDate {
  iso: string;
  /** UTC midnight, epoch ms. */
  at: number;
}

function dateOf(year: number, month: number, day: number): BerkaDate | null {
  const at = Date.UTC(year, month - 1, day);
  const d = new Date(at);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { iso: d.toISOString().slice(0, 10), at };
}

export function berkaDate(yymmdd: string): BerkaDate | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  return dateOf(1900 + Number(yymmdd.slice(0, 2)), Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)));
}

/** Czech birth number (rodné číslo), 6-digit form: yymmdd, women's month + 50. */
export function decodeBirthNumber(bn: string): { dateOfBirth: string; gender: 'F' | 'M' } | null {
  if (!/^\d{6}$/.test(bn)) return null;
  const mm = Number(bn.slice(2, 4));
  const female = mm > 50;
  const d = dateOf(1900 + Number(bn.slice(0, 2)), female ? mm - 50 : mm, Number(bn.slice(4, 6)));
  return d ? { dateOfBirth: d.iso, gender: female ? 'F' : 'M' } : null;
}

export const id = z
  .string()
  .regex(/^\d{1,9}$/, { error: 'must be a whole number' })
  .transform(Number);

export const date = z.string().transform((s, ctx) => {
  const d = berkaDate(s);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a date in the form yymmdd` });
    return z.NEVER;
  }
  return d;
});

/** card.asc writes "931107 00:00:00". */
export const dateTime = z.string().transform((s, ctx) => {
  const d = /^\d{6} 00:00:00$/.test(s) ? berkaDate(s.slice(0, 6)) : null;
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a date in the form "yymmdd 00:00:00"` });
    return z.NEVER;
  }
  return d;
});

/** Every Berka amount is in CZK. */
const CZK_DECIMALS = currencyDecimals('CZK');

function money(signed: boolean) {
  return z.string().transform((s, ctx) => {
    const r = parseMinorUnits(s, CZK_DECIMALS, { signed });
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.value;
  });
}

/** A non-negative CZK amount in minor units. */
export const amount = money(false);
/** A balance, which may be negative (Berka accounts ran unarranged overdrafts). */
export const balance = money(true);

/** Text codes where Berka writes "" and " " alike for "none". */
export const code = z.string().transform((s) => s.trim());
