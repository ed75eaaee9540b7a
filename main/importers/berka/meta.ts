import type { Row } from '../../source';
import type { BerkaAccounts } from './accounts';
import type { BerkaFiles } from './load';
import type { BerkaIndex } from './references';

export const BERKA_IMPORT_KEY = 'berka_import';

/**
 * What the bank schema has no table for, kept findable in bank_meta, one row per Berka account
 * that has any (key "berka:account:<Berka account id>", JSON):
 * - standing orders (order.asc) — the schema lacks a standing_orders table;
 * - DISPONENT dispositions (clients allowed to use an account they do not own) — the schema has
 *   one owner per account and no mandates table. The OWNER is accounts.customer_id.
 */
export function berkaMetaRows(f: BerkaFiles, ix: BerkaIndex, accounts: BerkaAccounts): Row<'bank_meta'>[] {
  const extras = new Map<number, { orders: object[]; disponents: object[] }>();
  const of = (account: number) => {
    let e = extras.get(account);
    if (!e) {
      e = { orders: [], disponents: [] };
      extras.set(account, e);
    }
    return e;
  };
  for (const { row: o } of f.orders) {
    of(o.account_id).orders.push({ order_id: o.order_id, bank_to: o.bank_to, account_to: o.account_to, amount: o.amount, currency: 'CZK', k_symbol: o.k_symbol || null });
  }
  for (const [account, list] of ix.disponents) {
    for (const d of list) of(account).disponents.push({ disp_id: d.disp_id, client_id: d.client_id, customer_no: `BK${d.client_id}` });
  }
  return [...extras]
    .sort((a, b) => a[0] - b[0])
    .map(([account, e]) => ({
      key: `berka:account:${account}`,
      value: JSON.stringify({ berka_account_id: account, account_id: accounts.accountOf.get(account) ?? null, standing_orders: e.orders, disponents: e.disponents }),
    }));
}
