import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProducts } from '../../main/catalog';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';

const END = Date.UTC(2026, 10, 20, 12, 0, 0);

/** Issue 16: loan products showed 0 accounts on the Services screen although loans exist on them. */
describe('products list: how many hold each product (embedded bank)', () => {
  const dir = tempDir('cb-holdings-');
  let bank: Bank;

  beforeAll(async () => {
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, { customers: 120, months: 6, seed: 7, end: END });
  }, 180_000);

  afterAll(async () => {
    await bank?.close();
    dir.remove();
  });

  it('counts a lending product’s loans and a deposit product’s accounts', async () => {
    const loans = await bank.db.selectFrom('loans').select(['product_id']).execute();
    expect(loans.length).toBeGreaterThan(0);
    const loansPer = new Map<number, number>();
    for (const l of loans) loansPer.set(Number(l.product_id), (loansPer.get(Number(l.product_id)) ?? 0) + 1);
    const accounts = await bank.db.selectFrom('accounts').select(['product_id']).where('product_id', 'is not', null).execute();
    const accountsPer = new Map<number, number>();
    for (const a of accounts) accountsPer.set(Number(a.product_id), (accountsPer.get(Number(a.product_id)) ?? 0) + 1);

    const products = await listProducts(bank, true);
    for (const p of products) expect(p.accounts, p.code).toBe((accountsPer.get(p.id) ?? 0) + (loansPer.get(p.id) ?? 0));
    const lending = products.filter((p) => p.kind === 'loan' || p.kind === 'mortgage');
    expect(lending.some((p) => p.accounts > 0)).toBe(true);
  });
});
