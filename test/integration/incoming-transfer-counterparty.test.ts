import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalRoutes, openAccount, statementFor, submitOperation } from '../../main/banking';
import { customer360 } from '../../main/customers';
import { generateDemoBank } from '../../main/demo';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';

const END = Date.UTC(2026, 10, 20, 12, 0, 0);

/** Issue 16: a payee's statement named the payee themself ("Transfer to Hana / Hana") for an incoming transfer. */
describe('an incoming transfer, seen from the payee (embedded bank)', () => {
  const dir = tempDir('cb-incoming-');
  let bank: Bank;
  let payer: { id: number; name: string; accountId: number; accountNo: string };
  let payee: { id: number; name: string; accountId: number; accountNo: string };

  beforeAll(async () => {
    bank = await emptySqliteBank(dir.path);
    await generateDemoBank(bank, { customers: 60, months: 3, seed: 7, end: END });
    const routes = new InternalRoutes(bank);
    const product = Number((await bank.db.selectFrom('products').select('id').where('code', '=', 'CUR-CLASSIC').executeTakeFirstOrThrow()).id);
    const people = await bank.db.selectFrom('customers').select(['id', 'legal_name']).where('kyc_status', '!=', 'rejected').orderBy('id').limit(2).execute();
    const open = async (i: number, deposit: string) => {
      const p = people[i];
      if (!p) throw new Error('the demo bank has too few customers');
      const a = await openAccount(bank, routes, { customerId: Number(p.id), productId: product, initialDeposit: deposit, idempotencyKey: randomUUID() }, 'teller');
      return { id: Number(p.id), name: p.legal_name, accountId: a.account.id, accountNo: a.account.accountNo };
    };
    payer = await open(0, '500');
    payee = await open(1, '');
    expect(payer.name).not.toBe(payee.name);
    await submitOperation(
      bank,
      routes,
      { kind: 'transfer', fromAccountId: payer.accountId, toAccountNo: payee.accountNo, amount: '200', currency: 'EUR', description: '' },
      randomUUID(),
      'teller',
    );
    await submitOperation(
      bank,
      routes,
      { kind: 'transfer', fromAccountId: payer.accountId, toAccountNo: payee.accountNo, amount: '10', currency: 'EUR', description: 'Rent share' },
      randomUUID(),
      'teller',
    );
  }, 180_000);

  afterAll(async () => {
    await bank?.close();
    dir.remove();
  });

  it("names the payer on the payee's statement and the payee on the payer's", async () => {
    const incoming = await statementFor(bank.db, { accountId: payee.accountId, from: 0, to: Date.now() + 60_000 }, null);
    expect(incoming.lines.map((l) => [l.description, l.counterparty, l.amount])).toEqual([
      [`Transfer from ${payer.name}`, payer.name, 20_000],
      ['Rent share', payer.name, 1_000], // the payer's own words stay
    ]);
    const outgoing = await statementFor(bank.db, { accountId: payer.accountId, from: 0, to: Date.now() + 60_000 }, null);
    const sent = outgoing.lines.filter((l) => l.type === 'transfer');
    expect(sent.map((l) => [l.description, l.counterparty, l.amount])).toEqual([
      [`Transfer to ${payee.name}`, payee.name, -20_000],
      ['Rent share', payee.name, -1_000],
    ]);
  });

  it("says 'Transfer from' the payer in the payee's customer 360", async () => {
    const view = await customer360(bank, payee.id, null);
    const line = view.recentActivity.find((m) => m.accountNo === payee.accountNo && m.amount === 20_000);
    expect(line?.description).toBe(`Transfer from ${payer.name}`);
  });
});
