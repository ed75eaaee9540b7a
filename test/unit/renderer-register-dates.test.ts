import { describe, expect, it } from 'vitest';
import { customerFieldsSchema, notInFuture } from '../../shared/contract';
import { customerFormSchema, datePattern, dayKey, newCustomerDefaults } from '../../renderer/src/screens/customers/customer-values';

const valid = {
  ...newCustomerDefaults('2026-12-04', 1),
  legalName: 'Hana Vávrová',
  dateOfBirth: '1990-04-02',
  gender: 'F' as const,
  nationalId: '900402/1234',
  address: 'Dlouhá 5',
  city: 'Praha',
  phone: '+420 601 234 567',
  email: 'hana@example.com',
  occupation: 'Teacher',
};

function messageFor(schema: ReturnType<typeof customerFormSchema>, values: Record<string, unknown>, field: string): string | undefined {
  const r = schema.safeParse(values);
  return r.success ? undefined : r.error.issues.find((i) => i.path[0] === field)?.message;
}

/** Issue 16: a birth date in the future reached the confirmation; the date message said YYYY-MM-DD while the field shows the locale's format. */
describe('register customer: dates', () => {
  it('refuses a birth date in the future, in the form and on the server', () => {
    const tomorrow = dayKey(new Date(Date.now() + 2 * 86_400_000));
    expect(messageFor(customerFormSchema('en-US'), { ...valid, dateOfBirth: tomorrow }, 'dateOfBirth')).toBe('The date of birth cannot be in the future');
    expect(customerFieldsSchema.safeParse({ ...valid, dateOfBirth: '2999-01-01' }).success).toBe(false);
    expect(customerFormSchema('en-US').safeParse(valid).success).toBe(true);
    expect(notInFuture('2026-12-05', Date.UTC(2026, 11, 4, 12))).toBe(true); // already the 5th east of UTC+12
    expect(notInFuture('2026-12-06', Date.UTC(2026, 11, 4, 12))).toBe(false);
  });

  it('says the date format the field shows in the user’s locale', () => {
    expect(datePattern('en-US')).toBe('MM/DD/YYYY');
    expect(datePattern('de-DE')).toBe('DD.MM.YYYY');
    expect(messageFor(customerFormSchema('en-US'), { ...valid, dateOfBirth: '' }, 'dateOfBirth')).toBe('Enter the date of birth as MM/DD/YYYY');
    expect(messageFor(customerFormSchema('de-DE'), { ...valid, dateOfBirth: '' }, 'dateOfBirth')).toBe('Enter the date of birth as DD.MM.YYYY');
    expect(messageFor(customerFormSchema('de-DE'), { ...valid, kycNextReview: '' }, 'kycNextReview')).toBe('Enter the next KYC review as DD.MM.YYYY');
  });
});
