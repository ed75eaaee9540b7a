import { describe, expect, it } from 'vitest';
import { fullAddress, hoursLines, matchesBranch, telHref } from '../../renderer/src/screens/branches/branch-values';
import {
  abbreviatedAccountNo,
  addYears,
  ageOn,
  changedFields,
  duplicateQuery,
  formSchema,
  hasHardDuplicate,
  matchLabel,
  newCustomerDefaults,
  parseCustomerId,
} from '../../renderer/src/screens/customers/customer-values';
import {
  formatRatePercent,
  parseMinorOrZero,
  parseRatePercent,
  productFormSchema,
  productFormValues,
  toProductFields,
  NEW_PRODUCT,
} from '../../renderer/src/screens/products/product-values';

describe('customer form values', () => {
  it('defaults a new customer to low risk, KYC pending, review in a year, e-mail', () => {
    const d = newCustomerDefaults('2025-11-25');
    expect(d).toMatchObject({ riskRating: 'low', kycStatus: 'pending', kycNextReview: '2026-11-25', preferredChannel: 'email' });
    expect(d.gender).toBeUndefined();
    expect(d.branchId).toBeUndefined();
  });

  it('adds years by calendar day, 29 Feb falling back to 28 Feb', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2025-12-31', 1)).toBe('2026-12-31');
  });

  it('validates with the contract schema', () => {
    const ok = formSchema.safeParse({
      ...newCustomerDefaults('2025-11-25', 3),
      legalName: 'Jana Dvořáková',
      dateOfBirth: '1984-03-12',
      gender: 'F',
      nationalId: '845312/1234',
      address: 'Vinohradská 12',
      city: 'Praha',
      phone: '+420 601 234 567',
      email: 'jana@example.com',
      occupation: 'Architect',
    });
    expect(ok.success).toBe(true);
    const bad = formSchema.safeParse({ ...newCustomerDefaults('2025-11-25'), legalName: 'Jana' });
    expect(bad.success).toBe(false);
    const paths = bad.success ? [] : bad.error.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['legalName', 'gender', 'branchId', 'nationalId']));
  });

  it('asks for duplicates only once a national id or name + birth date is complete', () => {
    expect(duplicateQuery({ nationalId: '123', legalName: 'Jana', dateOfBirth: '' })).toBeNull();
    expect(duplicateQuery({ nationalId: '845312/1234', legalName: 'Jana', dateOfBirth: '' })).toEqual({ nationalId: '845312/1234', legalName: '', dateOfBirth: '' });
    expect(duplicateQuery({ nationalId: '', legalName: ' Jana   Nová ', dateOfBirth: '1984-03-12' })).toEqual({
      nationalId: '',
      legalName: 'Jana Nová',
      dateOfBirth: '1984-03-12',
    });
    expect(duplicateQuery({ nationalId: '', legalName: 'Jana Nová', dateOfBirth: '1984-03' })).toBeNull();
  });

  it('treats a national id match as a hard stop and a name match as confirmable', () => {
    const base = { id: 1, customerNo: 'C1', legalName: 'A B', dateOfBirth: '1980-01-01' };
    expect(hasHardDuplicate([{ ...base, reason: 'name_and_birth_date' }])).toBe(false);
    expect(
      hasHardDuplicate([
        { ...base, reason: 'name_and_birth_date' },
        { ...base, id: 2, reason: 'national_id' },
      ]),
    ).toBe(true);
  });

  it('lists the changed fields for the confirmation step', () => {
    const before = formSchema.parse({
      ...newCustomerDefaults('2025-11-25', 3),
      legalName: 'Jana Nová',
      dateOfBirth: '1984-03-12',
      gender: 'F',
      nationalId: '845312/1234',
      address: 'Vinohradská 12',
      city: 'Praha',
      phone: '+420 601 234 567',
      email: 'jana@example.com',
      occupation: 'Architect',
    });
    expect(changedFields(before, { ...before })).toEqual([]);
    expect(changedFields(before, { ...before, city: 'Brno', preferredChannel: 'sms' })).toEqual(['city', 'preferredChannel']);
  });

  it('says why a search hit matched', () => {
    expect(matchLabel({ matched: 'account_no', matchedAccountNo: 'CZ6520260000001234561234' })).toBe('account CZ65 … 1234');
    expect(matchLabel({ matched: 'name', matchedAccountNo: null })).toBe('name');
    expect(abbreviatedAccountNo('12345')).toBe('12345');
  });

  it('reads customer ids from the address', () => {
    expect(parseCustomerId('42')).toBe(42);
    expect(parseCustomerId('0')).toBeNull();
    expect(parseCustomerId('new')).toBeNull();
    expect(parseCustomerId('4e2')).toBeNull();
    expect(parseCustomerId(undefined)).toBeNull();
  });

  it('computes whole years of age', () => {
    expect(ageOn('1984-03-12', '2025-03-11')).toBe(40);
    expect(ageOn('1984-03-12', '2025-03-12')).toBe(41);
  });
});

describe('product form values', () => {
  it('reads rates as percent with at most two decimals into basis points', () => {
    expect(parseRatePercent('1.25')).toEqual({ ok: true, value: 125 });
    expect(parseRatePercent('1,5 %')).toEqual({ ok: true, value: 150 });
    expect(parseRatePercent('0')).toEqual({ ok: true, value: 0 });
    expect(parseRatePercent('12.')).toEqual({ ok: true, value: 1200 });
    expect(parseRatePercent('1.255').ok).toBe(false);
    expect(parseRatePercent('-1').ok).toBe(false);
    expect(parseRatePercent('').ok).toBe(false);
    expect(formatRatePercent(125)).toBe('1.25');
  });

  it('reads money in the currency’s decimals, zero allowed', () => {
    expect(parseMinorOrZero('', 'CZK')).toEqual({ ok: true, value: 0 });
    expect(parseMinorOrZero('0.00', 'CZK')).toEqual({ ok: true, value: 0 });
    expect(parseMinorOrZero('1 250,50', 'CZK')).toEqual({ ok: true, value: 125050 });
    expect(parseMinorOrZero('500', 'JPY')).toEqual({ ok: true, value: 500 });
    expect(parseMinorOrZero('5.5', 'JPY').ok).toBe(false);
  });

  it('converts the form to the contract’s integers and back', () => {
    const values = {
      ...NEW_PRODUCT,
      code: 'sav-plus',
      name: 'Savings Plus',
      kind: 'savings' as const,
      currency: 'EUR',
      rate: '2.75',
      monthlyFee: '1.50',
      overdraftLimit: '0',
      dailyWithdrawalLimit: '2000',
    };
    const { fields, problems } = toProductFields(values);
    expect(problems).toEqual({});
    expect(fields).toMatchObject({ code: 'SAV-PLUS', interestRateBp: 275, monthlyFee: 150, overdraftLimit: 0, dailyWithdrawalLimit: 200000 });
    const back = productFormValues({ ...fields, id: 1, accounts: 0, updatedAt: 0 });
    expect(back).toMatchObject({ rate: '2.75', monthlyFee: '1.50', dailyWithdrawalLimit: '2000.00' });
  });

  it('reports problems on the form’s own fields, including the contract’s limits', () => {
    const r = productFormSchema.safeParse({ ...NEW_PRODUCT, code: 'X', name: 'Loan', rate: '75', monthlyFee: 'abc' });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['code', 'rate', 'monthlyFee']));
    expect(paths).not.toContain('interestRateBp');
  });
});

describe('branch directory', () => {
  const branch = {
    id: 1,
    code: 'PRG1',
    name: 'Praha Centrum',
    region: 'Praha',
    address: 'Na Příkopě 10',
    city: 'Praha',
    phone: '+420 224 000 111',
    hours: 'Mon–Fri 9–17',
    customers: 1200,
  };
  it('matches every word against name, address, city, region and phone', () => {
    expect(matchesBranch(branch, 'příkopě praha')).toBe(true);
    expect(matchesBranch(branch, '224000')).toBe(true);
    expect(matchesBranch(branch, 'brno')).toBe(false);
    expect(matchesBranch(branch, '  ')).toBe(true);
  });
  it('dials the number without spaces', () => {
    expect(telHref('+420 224 000 111')).toBe('tel:+420224000111');
  });
});

describe('branch addresses', () => {
  it('adds the city only when the address does not name it', () => {
    expect(fullAddress({ address: 'Nádražní 4, 266 01 Beroun', city: 'Beroun' })).toBe('Nádražní 4, 266 01 Beroun');
    expect(fullAddress({ address: 'Na Příkopě 28', city: 'Praha' })).toBe('Na Příkopě 28, Praha');
  });
});

describe('branch opening hours', () => {
  it('puts each block of days on its own line', () => {
    expect(hoursLines('Mon, Wed 08:30–17:00; Tue, Thu 08:30–16:00; Fri 08:30–14:00')).toEqual(['Mon, Wed 08:30–17:00', 'Tue, Thu 08:30–16:00', 'Fri 08:30–14:00']);
    expect(hoursLines('Mon–Fri 08:30–18:00, Sat 09:00–12:00')).toEqual(['Mon–Fri 08:30–18:00', 'Sat 09:00–12:00']);
    expect(hoursLines('Mon–Fri 08:30–17:30')).toEqual(['Mon–Fri 08:30–17:30']);
  });
});
