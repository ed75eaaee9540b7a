import { z } from 'zod';
import { customerFieldsSchema, type Customer, type CustomerFields, type CustomerHit, type DuplicateCustomer } from '../../../../shared/contract';

/** The order of day, month and year as the user's locale shows a date field ("MM/DD/YYYY", "DD.MM.YYYY"). */
export function datePattern(locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(2001, 10, 23));
  return parts.map((p) => (p.type === 'year' ? 'YYYY' : p.type === 'month' ? 'MM' : p.type === 'day' ? 'DD' : p.value)).join('');
}

/**
 * A date field as the form checks it: the browser's date input hands over YYYY-MM-DD or nothing, but
 * the teller sees the locale's format, so the message says that one.
 */
function dateField(label: string, pattern: string, notFuture: boolean) {
  return z.string().superRefine((d, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) ctx.addIssue({ code: 'custom', message: `Enter the ${label} as ${pattern}` });
    else if (notFuture && d > dayKey()) ctx.addIssue({ code: 'custom', message: `The ${label} cannot be in the future` });
  });
}

/** The shared customer schema with date messages in the user's locale format and birth dates not after the local today. */
export function customerFormSchema(locale?: string) {
  const pattern = datePattern(locale);
  return customerFieldsSchema.extend({ dateOfBirth: dateField('date of birth', pattern, true), kycNextReview: dateField('next KYC review', pattern, false) });
}

/** The register and edit forms validate with the schema the server checks customers.register / update with (dates said in the user's format). */
export const formSchema = customerFormSchema();
export type FormInput = z.input<typeof formSchema>;
export type FormField = keyof CustomerFields;

export const FORM_FIELDS: readonly FormField[] = [
  'legalName',
  'dateOfBirth',
  'gender',
  'nationalId',
  'address',
  'city',
  'phone',
  'email',
  'occupation',
  'riskRating',
  'kycStatus',
  'kycNextReview',
  'preferredChannel',
  'branchId',
];

export const FIELD_LABELS: Record<FormField, string> = {
  legalName: 'Legal name',
  dateOfBirth: 'Date of birth',
  gender: 'Gender',
  nationalId: 'National id',
  address: 'Street address',
  city: 'City',
  phone: 'Phone',
  email: 'E-mail',
  occupation: 'Occupation',
  riskRating: 'Risk rating',
  kycStatus: 'KYC status',
  kycNextReview: 'Next KYC review',
  preferredChannel: 'Preferred channel',
  branchId: 'Home branch',
};

export const GENDER_LABELS: Record<CustomerFields['gender'], string> = { F: 'Female', M: 'Male', X: 'Not stated / other' };
export const CHANNEL_LABELS: Record<CustomerFields['preferredChannel'], string> = { email: 'E-mail', phone: 'Phone', sms: 'SMS', post: 'Post', branch: 'At the branch' };
export const KYC_LABELS: Record<CustomerFields['kycStatus'], string> = { pending: 'KYC pending', verified: 'KYC verified', expired: 'KYC expired', rejected: 'KYC rejected' };
export const RISK_LABELS: Record<CustomerFields['riskRating'], string> = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' };

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day ("2025-11-25") of an instant, in the user's zone. */
export function dayKey(at: Date = new Date()): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The same calendar day `years` later; 29 Feb falls back to 28 Feb in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  const target = y + years;
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${target}-${pad(m)}-${pad(Math.min(d, last))}`;
}

/**
 * A new customer: low risk, KYC pending, next review a year from today, contacted by e-mail.
 * Gender and branch start unchosen (undefined) so the teller has to pick them.
 */
export function newCustomerDefaults(today: string = dayKey(), branchId?: number): Partial<FormInput> {
  return {
    legalName: '',
    dateOfBirth: '',
    gender: undefined,
    nationalId: '',
    address: '',
    city: '',
    phone: '',
    email: '',
    occupation: '',
    riskRating: 'low',
    kycStatus: 'pending',
    kycNextReview: addYears(today, 1),
    preferredChannel: 'email',
    branchId,
  };
}

/** A loaded customer as form values. */
export function valuesOf(c: Customer): FormInput {
  const values = {} as Record<FormField, unknown>;
  for (const f of FORM_FIELDS) values[f] = c[f];
  return values as FormInput;
}

/** The fields whose value differs between the loaded customer and the edited values, for the confirmation step. */
export function changedFields(before: CustomerFields, after: CustomerFields): FormField[] {
  return FORM_FIELDS.filter((f) => String(before[f]).trim() !== String(after[f]).trim());
}

/**
 * Which duplicate check the current values allow: by national id once it looks like one, by name + birth date
 * once both are complete. Null when there is nothing worth asking about yet.
 */
export function duplicateQuery(values: { nationalId?: string; legalName?: string; dateOfBirth?: string }): { nationalId: string; legalName: string; dateOfBirth: string } | null {
  const nationalId = (values.nationalId ?? '').trim();
  const legalName = (values.legalName ?? '').trim().replace(/\s+/g, ' ');
  const dateOfBirth = (values.dateOfBirth ?? '').trim();
  const idUsable = nationalId.length >= 6;
  const nameUsable = legalName.split(' ').length >= 2 && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth);
  if (!idUsable && !nameUsable) return null;
  return { nationalId: idUsable ? nationalId : '', legalName: nameUsable ? legalName : '', dateOfBirth: nameUsable ? dateOfBirth : '' };
}

/** A national id match is a hard stop; a name + birth date match only needs confirming. */
export function hasHardDuplicate(dups: readonly DuplicateCustomer[]): boolean {
  return dups.some((d) => d.reason === 'national_id');
}

/** "CZ65 … 1234": enough of an account number to recognise it in a search hit. */
export function abbreviatedAccountNo(accountNo: string): string {
  const compact = accountNo.replace(/\s+/g, '');
  if (compact.length <= 10) return compact;
  return `${compact.slice(0, 4)} … ${compact.slice(-4)}`;
}

/** Why a search hit is in the list, in words. */
export function matchLabel(hit: Pick<CustomerHit, 'matched' | 'matchedAccountNo'>): string {
  switch (hit.matched) {
    case 'name':
      return 'name';
    case 'customer_no':
      return 'customer no.';
    case 'phone':
      return 'phone';
    case 'national_id':
      return 'national id';
    case 'account_no':
      return hit.matchedAccountNo ? `account ${abbreviatedAccountNo(hit.matchedAccountNo)}` : 'account';
  }
}

/** Customer ids in the address are positive integers; anything else is not a customer page. */
export function parseCustomerId(segment: string | undefined): number | null {
  if (!segment || !/^\d{1,15}$/.test(segment)) return null;
  const id = Number(segment);
  return id > 0 ? id : null;
}

/** A calendar day key as a readable date without zone shifts ("25 Nov 1984"). */
export function formatBirthDate(day: string, locale?: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: '2-digit', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** Whole years between a birth date and today (the local day). */
export function ageOn(dateOfBirth: string, today: string = dayKey()): number | null {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (!y || !m || !d || !ty || !tm || !td) return null;
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
