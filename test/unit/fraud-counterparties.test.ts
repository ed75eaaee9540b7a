import { describe, expect, it } from 'vitest';
import { accountDirectory, Detector, type Txn } from '../../main/fraud';
import { CounterpartyIndex } from '../../main/fraud/counterparties';

const T0 = Date.UTC(2025, 0, 6, 10, 0, 0);

describe('counterparty index', () => {
  const dir = accountDirectory([
    { id: 1, customerId: 10, accountNo: 'DE01ABC', openedAt: 0, currency: 'EUR' },
    { id: 2, customerId: 10, accountNo: 'de02own', openedAt: 0, currency: 'EUR' },
    { id: 3, customerId: null, accountNo: 'X3', openedAt: 0, currency: 'EUR' },
  ]);

  it('resolves a number once: the same object (and key string) for every later row naming it', () => {
    const idx = new CounterpartyIndex(dir);
    const a = idx.of('DE01ABC');
    expect(a.account?.id).toBe(1);
    expect(a.owner).toBe(10);
    expect(idx.of('DE01ABC')).toBe(a);
    expect(idx.size).toBe(1);
  });

  it('finds accounts case-insensitively, but owns only the exact number; names and unknown numbers resolve to nothing', () => {
    const idx = new CounterpartyIndex(dir);
    expect(idx.of('de01abc').account?.id).toBe(1);
    expect(idx.of('de01abc').owner).toBeUndefined();
    expect(idx.of('DE02OWN').account?.id).toBe(2);
    expect(idx.of('de02own').owner).toBe(10);
    expect(idx.of('X3').owner).toBeUndefined();
    expect(idx.of('ACME Ltd')).toMatchObject({ account: undefined, owner: undefined });
  });

  it('stays bounded: past its cap it starts afresh and still answers the same', () => {
    const idx = new CounterpartyIndex(dir, 3);
    for (const t of ['a', 'b', 'c', 'd']) idx.of(t);
    expect(idx.size).toBeLessThanOrEqual(3);
    expect(idx.of('DE01ABC').account?.id).toBe(1);
  });

  it('a detector sees an account added after it resolved the number (live monitor)', () => {
    const live = accountDirectory([{ id: 1, customerId: 10, accountNo: 'A1', openedAt: 0, currency: 'EUR' }]);
    const d = new Detector(live, { rules: { network_fan: { fanMin: 2 } } });
    const txn = (id: number, cp: string, amount: number): Txn => ({
      id,
      journalId: id,
      accountId: 1,
      customerId: 10,
      at: T0 + id * 60_000,
      amount,
      balanceAfter: 1_000_000,
      type: 'transfer',
      channel: 'online',
      counterpartyName: null,
      counterpartyAccount: cp,
    });
    d.process(txn(1, 'B2', -5_000));
    expect(d.network?.edges).toBe(0); // B2 is not the bank's yet
    live.add({ id: 2, customerId: 20, accountNo: 'B2', openedAt: 0, currency: 'EUR' });
    d.accountsAdded();
    d.process(txn(2, 'B2', -5_000));
    expect(d.network?.edges).toBe(2); // one movement, kept on both ends
  });
});
