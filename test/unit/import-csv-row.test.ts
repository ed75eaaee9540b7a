import { describe, expect, it } from 'vitest';
import { csvRowSchema, CSV_COLUMNS } from '../../main/importers/csv/row-schema';

const base: Record<(typeof CSV_COLUMNS)[number], string> = {
  txn_id: 'kb:1',
  timestamp: '2024-03-01T10:00:00Z',
  account: 'cz65 0800 0000 1920 0014 5399',
  counterparty: '',
  type: 'card',
  channel: '',
  amount: '120.50',
  currency: 'CZK',
  balance_after: '',
  label: '',
};

const problems = (over: Partial<typeof base>): string[] => {
  const r = csvRowSchema.safeParse({ ...base, ...over });
  return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
};

describe('canonical CSV row schema', () => {
  it('normalises a good row', () => {
    const r = csvRowSchema.parse({ ...base, counterparty: 'CZ85 2700 0000 0012 3456 7899', balance_after: '-10.5', label: 'card_testing' });
    expect(r).toEqual({
      txnId: 'kb:1',
      at: Date.UTC(2024, 2, 1, 10),
      account: 'CZ6508000000192000145399',
      counterpartyName: null,
      counterpartyAccount: 'CZ8527000000001234567899',
      type: 'card',
      channel: null,
      amount: 12050,
      currency: 'CZK',
      balanceAfter: -1050,
      label: 'card_testing',
    });
    expect(csvRowSchema.parse({ ...base, counterparty: ' Shop, Inc. ', account: 'ACC-0001' })).toMatchObject({
      counterpartyName: 'Shop, Inc.',
      counterpartyAccount: null,
      account: 'ACC-0001',
    });
  });

  it('names the column of each problem', () => {
    expect(problems({ txn_id: 'has space' })).toEqual(['txn_id: must be 1–64 printable characters without spaces']);
    expect(problems({ timestamp: '2024-03-01 10:00' })[0]).toMatch(/^timestamp: .*no time zone/);
    expect(problems({ account: 'CZ6508000000192000145398' })[0]).toMatch(/^account: .*check digits/);
    expect(problems({ type: 'refund' })[0]).toMatch(/^type: must be one of deposit, withdrawal/);
    expect(problems({ channel: 'fax' })[0]).toMatch(/^channel: must be empty or one of branch/);
    expect(problems({ amount: '1.234' })).toEqual(['amount: "1.234" has more than 2 decimals']);
    expect(problems({ amount: '12', currency: 'JPY' })).toEqual([]);
    expect(problems({ amount: '12.5', currency: 'JPY' })).toEqual(['amount: "12.5" has more than 0 decimals']);
    expect(problems({ amount: '-5' })[0]).toMatch(/^amount: .*negative/);
    expect(problems({ amount: '0.00' })).toEqual(['amount: must be more than zero']);
    expect(problems({ currency: 'czk' })[0]).toMatch(/^currency: "czk" is not an ISO 4217 currency code/);
    expect(problems({ balance_after: '1,5' })[0]).toMatch(/^balance_after: /);
    expect(problems({ label: 'x'.repeat(41) })[0]).toMatch(/^label: .*longer than 40/);
  });
});
