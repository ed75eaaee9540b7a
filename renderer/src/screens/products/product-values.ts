import { z } from 'zod';
import { PRODUCT_KINDS, productFieldsSchema, type Product, type ProductFields } from '../../../../shared/contract';
import { formatMinorPlain, isCurrencyCode, parseAmount, unknownCurrencyReason } from '../../../../shared/money';

export const KIND_LABELS: Record<ProductFields['kind'], string> = {
  current: 'Current account',
  savings: 'Savings',
  term_deposit: 'Term deposit',
  loan: 'Loan',
  mortgage: 'Mortgage',
};

/** For badges in the catalog grid. */
export const KIND_SHORT: Record<ProductFields['kind'], string> = { current: 'Current', savings: 'Savings', term_deposit: 'Term deposit', loan: 'Loan', mortgage: 'Mortgage' };

export const KIND_COLORS: Record<ProductFields['kind'], string> = { current: 'blue', savings: 'teal', term_deposit: 'cyan', loan: 'orange', mortgage: 'grape' };

/** Currencies offered in the picker; a product's own currency is always added. */
export const COMMON_CURRENCIES = ['CZK', 'EUR', 'USD', 'GBP', 'CHF', 'PLN', 'HUF', 'JPY'] as const;

export type Parsed = { ok: true; value: number } | { ok: false; reason: string };

/** "1.25", "1,25" or "1.25 %" → 125 basis points; at most two decimals, never negative. */
export function parseRatePercent(text: string): Parsed {
  const t = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (t === '') return { ok: false, reason: 'Enter the yearly rate, e.g. 1.25' };
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return /^-/.test(t) ? { ok: false, reason: 'A rate cannot be negative' } : { ok: false, reason: 'Enter a percentage with at most 2 decimals, e.g. 1.25' };
  return { ok: true, value: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
}

/** 125 → "1.25" (for the form). */
export function formatRatePercent(bp: number): string {
  return (bp / 100).toFixed(2);
}

/** 125 → "1.25 %" in the user's locale (for the table). */
export function formatRate(bp: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(bp / 10_000);
}

/** A money field that may be zero ("0", "0.00" or empty mean none): decimal text → minor units with the currency's decimals. */
export function parseMinorOrZero(text: string, currency: string): Parsed {
  const t = text.trim();
  if (t === '' || /^0+(?:[.,]0*)?$/.test(t)) return { ok: true, value: 0 };
  const parsed = parseAmount(t, currency);
  return parsed.ok ? { ok: true, value: parsed.minor } : { ok: false, reason: parsed.reason.replace(/\.$/, '') };
}

/** What the product form holds: rates as percent text, money as decimal text of the product's currency. */
export const productFormSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(PRODUCT_KINDS),
    currency: z.string(),
    rate: z.string(),
    monthlyFee: z.string(),
    overdraftLimit: z.string(),
    dailyWithdrawalLimit: z.string(),
    active: z.boolean(),
    description: z.string(),
  })
  .superRefine((v, ctx) => {
    const converted = toProductFields(v);
    for (const [field, problem] of Object.entries(converted.problems)) ctx.addIssue({ code: 'custom', path: [field], message: problem });
    // Then the contract's own rules (code format, rate ceiling…), reported on the form's fields.
    const checked = productFieldsSchema.safeParse(converted.fields);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = formFieldOf(String(issue.path[0] ?? ''));
        if (field && !(field in converted.problems)) ctx.addIssue({ code: 'custom', path: [field], message: issue.message });
      }
    }
  });
export type ProductFormValues = z.infer<typeof productFormSchema>;
export type ProductFormField = keyof ProductFormValues;

/** The contract's field name → the form's (rate is entered as %, not basis points). */
export function formFieldOf(contractField: string): ProductFormField | undefined {
  if (contractField === 'interestRateBp') return 'rate';
  const fields: readonly ProductFormField[] = ['code', 'name', 'kind', 'currency', 'monthlyFee', 'overdraftLimit', 'dailyWithdrawalLimit', 'active', 'description'];
  return fields.find((f) => f === contractField);
}

/** Form text → the contract's integers; unparsable fields are listed in `problems` (and count as 0). */
export function toProductFields(v: ProductFormValues): { fields: ProductFields; problems: Partial<Record<ProductFormField, string>> } {
  const problems: Partial<Record<ProductFormField, string>> = {};
  const currency = v.currency.trim().toUpperCase();
  // Money fields count in the currency's ISO 4217 decimals: without a known currency there is nothing to count them in.
  const known = isCurrencyCode(currency);
  if (!known) problems.currency = unknownCurrencyReason(currency).replace(/\.$/, '');
  const take = (field: ProductFormField, parsed: Parsed): number => {
    if (parsed.ok) return parsed.value;
    if (known) problems[field] = parsed.reason;
    return 0;
  };
  const fields: ProductFields = {
    code: v.code.trim().toUpperCase(),
    name: v.name.trim(),
    kind: v.kind,
    currency,
    interestRateBp: take('rate', parseRatePercent(v.rate)),
    monthlyFee: take('monthlyFee', parseMinorOrZero(v.monthlyFee, currency)),
    overdraftLimit: take('overdraftLimit', parseMinorOrZero(v.overdraftLimit, currency)),
    dailyWithdrawalLimit: take('dailyWithdrawalLimit', parseMinorOrZero(v.dailyWithdrawalLimit, currency)),
    active: v.active,
    description: v.description.trim(),
  };
  return { fields, problems };
}

export const NEW_PRODUCT: ProductFormValues = {
  code: '',
  name: '',
  kind: 'current',
  currency: 'CZK',
  rate: '0.00',
  monthlyFee: '0',
  overdraftLimit: '0',
  dailyWithdrawalLimit: '0',
  active: true,
  description: '',
};

export function productFormValues(p: Product): ProductFormValues {
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    currency: p.currency,
    rate: formatRatePercent(p.interestRateBp),
    monthlyFee: formatMinorPlain(p.monthlyFee, p.currency),
    overdraftLimit: formatMinorPlain(p.overdraftLimit, p.currency),
    dailyWithdrawalLimit: formatMinorPlain(p.dailyWithdrawalLimit, p.currency),
    active: p.active,
    description: p.description,
  };
}
