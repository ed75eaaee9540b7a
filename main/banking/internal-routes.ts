import type { Bank, Row } from '../source';
import { isDuplicateKey } from '../ledger';
import { freshAccountColumns, workstationAccountNumber } from './account-numbers';

export type RoutePurpose = Row<'internal_routes'>['purpose'];

/**
 * The bank's own account on the other side of a customer operation: the branch till per currency
 * for cash, the external clearing account per currency for outgoing transfers. Created on first use
 * in its own short transaction (never inside an operation, so it holds no customer's locks); the
 * route's primary key lets exactly one of two racing workstations create it.
 */
export class InternalRoutes {
  private readonly known = new Map<string, number>();

  constructor(private readonly bank: Bank) {}

  async resolve(purpose: RoutePurpose, currency: string, branchId: number): Promise<number> {
    const branch = purpose === 'cash' ? branchId : 0;
    const key = `${purpose}:${currency}:${branch}`;
    const hit = this.known.get(key);
    if (hit !== undefined) return hit;
    const id = (await this.find(purpose, currency, branch)) ?? (await this.create(purpose, currency, branch));
    this.known.set(key, id);
    return id;
  }

  private async find(purpose: RoutePurpose, currency: string, branch: number): Promise<number | null> {
    const row = await this.bank.db
      .selectFrom('internal_routes')
      .select('account_id')
      .where('purpose', '=', purpose)
      .where('currency', '=', currency)
      .where('branch_id', '=', branch)
      .executeTakeFirst();
    return row ? Number(row.account_id) : null;
  }

  private async create(purpose: RoutePurpose, currency: string, branch: number): Promise<number> {
    const now = Date.now();
    try {
      return await this.bank.db.transaction().execute(async (trx) => {
        const branchRow = branch === 0 ? null : await trx.selectFrom('branches').select(['id', 'name']).where('id', '=', branch).executeTakeFirst();
        if (branch !== 0 && !branchRow) throw new Error(`Branch ${branch} does not exist`);
        const homeBranch = branchRow ? Number(branchRow.id) : Number((await trx.selectFrom('branches').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id);
        const name = purpose === 'cash' ? `Teller cash – ${branchRow?.name ?? 'bank'} ${currency}` : `Outgoing transfers clearing ${currency}`;
        const inserted = await trx
          .insertInto('accounts')
          .values({ ...freshAccountColumns(now), kind: 'internal', name, customer_id: null, product_id: null, branch_id: homeBranch, currency })
          .executeTakeFirstOrThrow();
        const id = Number(inserted.insertId);
        await trx
          .updateTable('accounts')
          .set({ account_no: workstationAccountNumber(id, true) })
          .where('id', '=', id)
          .execute();
        await trx.insertInto('internal_routes').values({ purpose, currency, branch_id: branch, account_id: id }).execute();
        return id;
      });
    } catch (e) {
      // Another workstation created it first: use theirs (our account insert rolled back with the route).
      if (isDuplicateKey(e)) {
        const id = await this.find(purpose, currency, branch);
        if (id !== null) return id;
      }
      throw e;
    }
  }
}
