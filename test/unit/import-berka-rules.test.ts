import { describe, expect, it } from 'vitest';
import { isValidCzechAccountPart, isValidIban } from '../../shared/account-number';
import { ACCOUNT_PREFIXES, issuedAccountNumber } from '../../main/ledger';
import { orderAccountDays } from '../../main/importers/berka/day-order';
import { berkaDate, decodeBirthNumber } from '../../main/importers/berka/fields';
import { classify, counterpartyAccount } from '../../main/importers/berka/operations';
import { TRANS, type Trans } from '../../main/importers/berka/schemas';

const trans = (over: Partial<Record<(typeof TRANS.columns)[number], string>>): Trans =>
  TRANS.schema.parse({
    trans_id: '1',
    account_id: '576',
    date: '930101',
    type: 'PRIJEM',
    operation: 'VKLAD',
    amount: '700.00',
    balance: '700.00',
    k_symbol: '',
    bank: '',
    account: '',
    ...over,
  });

describe('Berka fields', () => {
  it('reads yymmdd dates as UTC midnight and refuses impossible ones', () => {
    expect(berkaDate('930101')).toEqual({ iso: '1993-01-01', at: Date.UTC(1993, 0, 1) });
    expect(berkaDate('940229')).toBeNull();
    expect(berkaDate('9301')).toBeNull();
  });

  it('decodes birth numbers: women have 50 added to the month', () => {
    expect(decodeBirthNumber('706213')).toEqual({ dateOfBirth: '1970-12-13', gender: 'F' });
    expect(decodeBirthNumber('450204')).toEqual({ dateOfBirth: '1945-02-04', gender: 'M' });
    expect(decodeBirthNumber('451304')).toBeNull();
  });

  it('keeps amounts exact in haléř', () => {
    expect(trans({ amount: '14.60', balance: '-2994.60' })).toMatchObject({ amount: 1460, balance: -299460 });
    expect(TRANS.schema.safeParse({ ...trans({}), amount: '1.005' }).success).toBe(false);
  });
});

describe('Berka operations', () => {
  const op = (over: Parameters<typeof trans>[0]) => {
    const c = classify(trans(over));
    return c.ok ? `${c.op.credit ? '+' : '-'} ${c.op.type}/${c.op.channel}/${c.op.counter}` : `${c.column}: ${c.reason}`;
  };

  it('maps type, operation and k_symbol to journal type, channel and counter-account', () => {
    expect(op({})).toBe('+ deposit/branch/cash');
    expect(op({ operation: '', k_symbol: 'UROK' })).toBe('+ interest/system/interestExpense');
    expect(op({ operation: 'PREVOD Z UCTU', k_symbol: 'DUCHOD' })).toBe('+ transfer/wire/clearing');
    expect(op({ type: 'VYDAJ', operation: 'VYBER', k_symbol: 'SLUZBY' })).toBe('- fee/system/feeIncome');
    expect(op({ type: 'VYDAJ', operation: 'VYBER', k_symbol: 'SANKC. UROK' })).toBe('- interest/system/interestIncome');
    expect(op({ type: 'VYDAJ', operation: 'PREVOD NA UCET', k_symbol: 'UVER' })).toBe('- loan_repayment/wire/clearing');
    expect(op({ type: 'VYDAJ', operation: 'VYBER', k_symbol: 'SIPO' })).toBe('- payment/branch/clearing');
    expect(op({ type: 'VYDAJ', operation: 'PREVOD NA UCET', k_symbol: ' ' })).toBe('- transfer/wire/clearing');
    expect(op({ type: 'VYBER', operation: 'VYBER' })).toBe('- withdrawal/branch/cash');
    expect(op({ type: 'VYDAJ', operation: 'VYBER KARTOU' })).toBe('- withdrawal/atm/cash');
  });

  it('refuses combinations the guide does not describe', () => {
    expect(op({ operation: 'PREVOD NA UCET' })).toMatch(/^operation: /);
    expect(op({ type: 'VYDAJ', operation: 'VYBER', k_symbol: 'DUCHOD' })).toMatch(/^k_symbol: /);
    expect(op({ type: 'VYDAJ', operation: '' })).toMatch(/^operation: /);
  });

  it('writes the counterparty as account/bank, none for "0"', () => {
    expect(counterpartyAccount(trans({ bank: 'AB', account: '54522466' }))).toBe('54522466/AB');
    expect(counterpartyAccount(trans({ bank: '', account: '0' }))).toBeNull();
  });
});

describe('order within a Berka day', () => {
  it('follows the balances, not the file, and numbers the slots', () => {
    // The file lists the month-end fee before the interest it was charged after (account 2378, 1993-02-28).
    const day = [
      { line: 10, row: trans({ trans_id: '1', date: '930227', amount: '100.00', balance: '71107.70' }) },
      { line: 11, row: trans({ trans_id: '2', date: '930228', type: 'VYDAJ', operation: 'VYBER', k_symbol: 'SLUZBY', amount: '14.60', balance: '71437.80' }) },
      { line: 12, row: trans({ trans_id: '3', date: '930228', operation: '', k_symbol: 'UROK', amount: '344.80', balance: '71452.40' }) },
    ];
    const signed = (t: Trans) => (t.type === 'PRIJEM' ? t.amount : -t.amount);
    const opened = [{ line: 9, row: trans({ trans_id: '0', date: '930227', amount: '71007.70', balance: '71007.70' }) }];
    const order = orderAccountDays([...opened, ...day], signed).map((x) => [x.t.row.trans_id, x.slot]);
    expect(order).toEqual([
      [0, 0],
      [1, 1],
      [3, 0],
      [2, 1],
    ]);
  });
});

describe('imported account numbers', () => {
  it('are valid CZ IBANs that show the source id', () => {
    for (const id of [1, 576, 11382, 99_999_999]) {
      const iban = issuedAccountNumber(ACCOUNT_PREFIXES.imports.berka, id);
      expect(isValidIban(iban)).toBe(true);
      expect(isValidCzechAccountPart(iban.slice(14), 10)).toBe(true);
      expect(iban.slice(4, 8)).toBe('2026');
      expect(iban.slice(8, 14)).toBe('000027');
      expect(Math.floor(Number(iban.slice(14)) / 100)).toBe(id);
    }
    expect(issuedAccountNumber(ACCOUNT_PREFIXES.imports.internal, 7).slice(8, 14)).toBe('670127');
    expect(() => issuedAccountNumber(ACCOUNT_PREFIXES.imports.berka, 100_000_000)).toThrow(/out of range/);
  });
});
