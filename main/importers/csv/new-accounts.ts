import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { WriteRow } from '../../ledger';
import { placeholderCustomer } from '../new-rows';
import type { BankDatabase, Row } from '../../source';
import type { IdAllocator } from '../next-ids';

export interface NewAccountPlan {
  account: string;
  currency: string;
  openedAt: number;
}

export interface NewAccountRows {
  branches: Row<'branches'>[];
  products: Row<'products'>[];
  customers: WriteRow<'customers'>[];
  accounts: Row<'accounts'>[];
  /** Lower-cased account number → new account id. */
  idOf: Map<string, number>;
}

const digest = (s: string): string => createHash('sha256').update(s).digest('hex').toUpperCase();

/**
 * --create-missing-accounts: each account the bank has not seen is opened for a customer of its
 * own, since the file says nothing about holders. Nothing about that customer is invented: the
 * name is a placeholder naming the account, identity and contact fields stay empty ('' where the
 * schema allows no null, gender 'X'), KYC is pending. customer_no and national_id derive from the
 * account number, so the same account always maps to the same customer. Accounts go to the
 * bank's first branch (or a new "Imported accounts" branch in an empty bank) under an inactive
 * "Imported account" product per currency.
 */
export async function newAccountRows(trx: Transaction<BankDatabase>, plans: readonly NewAccountPlan[], ids: IdAllocator, now: number): Promise<NewAccountRows> {
  const out: NewAccountRows = { branches: [], products: [], customers: [], accounts: [], idOf: new Map() };
  if (plans.length === 0) return out;
  const first = await trx.selectFrom('branches').select('id').orderBy('id').limit(1).executeTakeFirst();
  let branchId = first ? Number(first.id) : 0;
  if (!first) {
    branchId = ids.take('branches');
    out.branches.push({ id: branchId, code: 'IMPORT', name: 'Imported accounts', region: '', address: '', city: '', phone: '', hours: '', created_at: now, updated_at: now });
  }
  const currencies = [...new Set(plans.map((p) => p.currency))].sort();
  const codes = currencies.map((c) => `IMPORTED-${c}`);
  const existing = await trx.selectFrom('products').select(['id', 'code']).where('code', 'in', codes).execute();
  const productOf = new Map(existing.map((p) => [p.code, Number(p.id)]));
  for (const c of currencies) {
    const code = `IMPORTED-${c}`;
    if (productOf.has(code)) continue;
    const id = ids.take('products');
    productOf.set(code, id);
    out.products.push({
      id,
      code,
      name: `Imported account (${c})`,
      kind: 'current',
      currency: c,
      interest_rate_bp: 0,
      monthly_fee: 0,
      overdraft_limit: 0,
      daily_withdrawal_limit: 0,
      active: 0,
      description: 'Opened by a transaction import for an account the bank had not seen; terms unknown.',
      created_at: now,
      updated_at: now,
    });
  }
  for (const p of plans) {
    const h = digest(p.account);
    const customerId = ids.take('customers');
    out.customers.push(
      placeholderCustomer({
        id: customerId,
        customerNo: `IMP${h.slice(0, 12)}`,
        legalName: `Imported holder of ${p.account}`,
        dateOfBirth: '',
        gender: 'X',
        nationalId: `import-${h.slice(0, 32)}`,
        city: '',
        branchId,
        createdAt: p.openedAt,
        now,
      }),
    );
    const id = ids.take('accounts');
    out.idOf.set(p.account.toLowerCase(), id);
    out.accounts.push({
      id,
      account_no: p.account,
      kind: 'customer',
      name: `Imported account ${p.account}`,
      customer_id: customerId,
      product_id: productOf.get(`IMPORTED-${p.currency}`) ?? null,
      branch_id: branchId,
      currency: p.currency,
      balance: 0,
      status: 'open',
      status_reason: null,
      opened_at: p.openedAt,
      closed_at: null,
      updated_at: now,
    });
  }
  return out;
}
