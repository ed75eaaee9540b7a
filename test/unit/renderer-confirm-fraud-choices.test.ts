import { describe, expect, it } from 'vitest';
import type { AlertDetail } from '../../shared/contract';
import { freezeChoices } from '../../renderer/src/screens/fraud/freeze-choices';

/** Issue 16: the confirm-fraud modal named the product twice ("Young Account · Young Account · …"). */
describe('confirm fraud: the accounts to freeze', () => {
  it('names the product once, and beside a custom account name', () => {
    const account = (id: number, name: string, productName: string | null) => ({
      id,
      accountNo: `CZ00${id}`,
      name,
      productName,
      balance: 120_000,
      currency: 'EUR',
      status: 'open',
    });
    const detail = {
      alert: { accountId: 1, accountNo: 'CZ001' },
      customer: { accounts: [account(1, 'Young Account', 'Young Account'), account(2, 'Holiday savings', 'Savings Plus'), account(3, 'Current account', null)] },
    } as unknown as AlertDetail;
    const labels = freezeChoices(detail).map((c) => c.label.replace(/\s/g, ' '));
    expect(labels[0]).toMatch(/^Young Account · .*1,200\.00/);
    expect(labels[0]?.match(/Young Account/g)).toHaveLength(1);
    expect(labels[1]).toMatch(/^Holiday savings · Savings Plus · /);
    expect(labels[2]).toMatch(/^Current account · /);
  });
});
