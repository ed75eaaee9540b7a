import { describe, expect, it } from 'vitest';
import { makeIban } from '../../shared/account-number';
import type { AccountDetail } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { presetOf, presetRange, rangeToUtc } from '../../renderer/src/screens/accounts/statement-range';
import { checkAccountNo, normaliseAccountNo } from '../../renderer/src/screens/operations/account-number-input';
import { EMPTY_VALUES, fieldOfIssue, operationFormSchema, toOperation } from '../../renderer/src/screens/operations/operation-values';
import { explainRefusal } from '../../renderer/src/screens/operations/refusal';

const IBAN = makeIban('CZ', '20260000001552197432');

const account: AccountDetail = {
  id: 7,
  accountNo: IBAN,
  name: 'Current Account Classic',
  productName: 'Current Account Classic',
  currency: 'EUR',
  balance: 10_000,
  status: 'open',
  statusReason: null,
  openedAt: 0,
  kind: 'customer',
  customer: { id: 1, customerNo: 'CB1', legalName: 'Petra Testová' },
  product: { id: 1, code: 'CUR', name: 'Current', overdraftLimit: 50_000, dailyWithdrawalLimit: 100_000 },
  branchName: 'Praha',
  available: 60_000,
  withdrawnToday: 30_000,
  closedAt: null,
  asOf: null,
};

describe('account numbers as tellers type them', () => {
  it('accepts spaces, dashes and lower case, and checks IBAN check digits before any call', () => {
    const spaced = IBAN.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(normaliseAccountNo(spaced)).toBe(IBAN);
    expect(checkAccountNo(spaced)).toEqual({ ok: true, accountNo: IBAN });
    const typo = IBAN.slice(0, -1) + (IBAN.endsWith('1') ? '2' : '1');
    expect(checkAccountNo(typo)).toMatchObject({ ok: false });
    expect(checkAccountNo('')).toBeNull();
    expect(checkAccountNo('CZ12')).toMatchObject({ ok: false });
  });
});

describe('operation form values', () => {
  it('validates amounts with the account currency’s decimals and needs a real IBAN for external transfers', () => {
    const eur = operationFormSchema('deposit', 'EUR');
    expect(eur.safeParse({ ...EMPTY_VALUES, amount: '1 250,50' }).success).toBe(true);
    expect(eur.safeParse({ ...EMPTY_VALUES, amount: '10.555' }).success).toBe(false);
    expect(operationFormSchema('deposit', 'JPY').safeParse({ ...EMPTY_VALUES, amount: '10.5' }).success).toBe(false);
    expect(eur.safeParse({ ...EMPTY_VALUES, amount: '0' }).success).toBe(false);
    const ext = operationFormSchema('external_transfer', 'EUR');
    expect(ext.safeParse({ ...EMPTY_VALUES, amount: '5', beneficiaryIban: 'DE89 3704 0044 0532 0130 00', beneficiaryName: 'Hans Meier' }).success).toBe(true);
    expect(ext.safeParse({ ...EMPTY_VALUES, amount: '5', beneficiaryIban: 'DE89 3704 0044 0532 0130 01', beneficiaryName: 'Hans Meier' }).success).toBe(false);
  });

  it('builds the contract operation for each kind in the account’s currency', () => {
    const v = {
      ...EMPTY_VALUES,
      amount: ' 12.50 ',
      description: ' Rent ',
      toAccountNo: IBAN.toLowerCase(),
      beneficiaryIban: 'de89 3704 0044 0532 0130 00',
      beneficiaryName: ' Hans ',
    };
    expect(toOperation('deposit', account, v)).toEqual({ kind: 'deposit', accountId: 7, amount: '12.50', currency: 'EUR', description: 'Rent' });
    expect(toOperation('transfer', account, v)).toMatchObject({ kind: 'transfer', fromAccountId: 7, toAccountNo: IBAN });
    expect(toOperation('external_transfer', account, v)).toMatchObject({ beneficiaryIban: 'DE89370400440532013000', beneficiaryName: 'Hans' });
  });

  it('places server issues on their fields', () => {
    expect(fieldOfIssue({ path: 'amount', message: 'x' })).toBe('amount');
    expect(fieldOfIssue({ path: 'operation.toAccountNo', message: 'x' })).toBe('toAccountNo');
    expect(fieldOfIssue({ path: 'fromAccountId', message: 'x' })).toBe('fromText');
    expect(fieldOfIssue({ path: 'idempotencyKey', message: 'x' })).toBeNull();
  });
});

describe('refusals', () => {
  it('explains each typed error in the teller’s words; only retryable ones offer the same confirmation again', () => {
    const funds = explainRefusal(new AppError('INSUFFICIENT_FUNDS', 'no'), { account });
    expect(funds.explanation).toMatch(/Available now: EUR\s600\.00/);
    expect(funds.retryable).toBe(false);
    expect(explainRefusal(new AppError('LIMIT_EXCEEDED', 'no'), { account }).explanation).toMatch(/EUR\s700\.00 more/);
    const offline = explainRefusal(new AppError('OFFLINE', 'The bank is unreachable.'));
    expect(offline.retryable).toBe(true);
    expect(offline.detail).toBe('The bank is unreachable.');
    expect(explainRefusal(new Error('boom')).code).toBe('UNKNOWN');
  });
});

describe('statement periods in the user’s zone', () => {
  it('cuts days at local midnights with an exclusive end', () => {
    expect(rangeToUtc({ first: '2026-03-01', last: '2026-03-31' })).toEqual({ from: new Date(2026, 2, 1).getTime(), to: new Date(2026, 3, 1).getTime() });
    expect(rangeToUtc({ first: '2026-03-05', last: '2026-03-01' })).toEqual({ error: 'The last day is before the first day' });
    expect(rangeToUtc({ first: '2026-02-30', last: '2026-03-01' })).toHaveProperty('error');
  });

  it('has presets for this month so far, last month, the last 90 days and the year to date', () => {
    const now = new Date(2026, 4, 15, 10);
    expect(presetRange('this_month', now)).toEqual({ first: '2026-05-01', last: '2026-05-15' });
    expect(presetRange('last_month', now)).toEqual({ first: '2026-04-01', last: '2026-04-30' });
    expect(presetRange('last_90', now)).toEqual({ first: '2026-02-15', last: '2026-05-15' });
    expect(presetRange('year_to_date', now)).toEqual({ first: '2026-01-01', last: '2026-05-15' });
    expect(presetOf({ first: '2026-04-01', last: '2026-04-30' }, now)).toBe('last_month');
    expect(presetOf({ first: '2026-04-02', last: '2026-04-30' }, now)).toBeNull();
  });
});
