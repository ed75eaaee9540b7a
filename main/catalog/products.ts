import type { Kysely, Transaction } from 'kysely';
import type { Product, ProductFields } from '../../shared/contract/catalog';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { inTransaction, isDuplicateKey } from '../ledger';
import type { Bank, BankDatabase, Row } from '../source';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

function toProduct(r: Row<'products'>, accounts: number): Product {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    currency: r.currency,
    interestRateBp: Number(r.interest_rate_bp),
    monthlyFee: Number(r.monthly_fee),
    overdraftLimit: Number(r.overdraft_limit),
    dailyWithdrawalLimit: Number(r.daily_withdrawal_limit),
    active: Number(r.active) === 1,
    description: r.description,
    accounts,
    updatedAt: Number(r.updated_at),
  };
}

/**
 * Holdings of a product: deposit accounts carry their product; a loan is held as a `loans` row (repaid
 * from the customer's current account), so lending products count their loans.
 */
const countAccounts = async (db: Db, productId: number): Promise<number> => {
  const accounts = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  const loans = await db
    .selectFrom('loans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return Number(accounts.n) + Number(loans.n);
};

export async function listProducts(bank: Bank, includeInactive: boolean): Promise<Product[]> {
  let q = bank.db
    .selectFrom('products as p')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('accounts')
          .select(['product_id', (e2) => e2.fn.countAll<number>().as('n')])
          .where('product_id', 'is not', null)
          .groupBy('product_id')
          .as('a'),
      (j) => j.onRef('a.product_id', '=', 'p.id'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('loans')
          .select(['product_id', (e2) => e2.fn.countAll<number>().as('n')])
          .groupBy('product_id')
          .as('l'),
      (j) => j.onRef('l.product_id', '=', 'p.id'),
    )
    .selectAll('p')
    .select(['a.n', 'l.n as loans']);
  if (!includeInactive) q = q.where('p.active', '=', 1);
  const rows = await q.orderBy('p.kind').orderBy('p.name').orderBy('p.id').execute();
  return rows.map((r) => toProduct(r, Number(r.n ?? 0) + Number(r.loans ?? 0)));
}

const COLUMNS = {
  code: 'code',
  name: 'name',
  kind: 'kind',
  currency: 'currency',
  interest_rate_bp: 'interestRateBp',
  monthly_fee: 'monthlyFee',
  overdraft_limit: 'overdraftLimit',
  daily_withdrawal_limit: 'dailyWithdrawalLimit',
  active: 'active',
  description: 'description',
} as const satisfies Record<string, keyof ProductFields>;
type ProductColumns = { [K in keyof typeof COLUMNS]: Row<'products'>[K] };

function toColumns(f: ProductFields): ProductColumns {
  return {
    code: f.code,
    name: f.name,
    kind: f.kind,
    currency: f.currency,
    interest_rate_bp: f.interestRateBp,
    monthly_fee: f.monthlyFee,
    overdraft_limit: f.overdraftLimit,
    daily_withdrawal_limit: f.dailyWithdrawalLimit,
    active: f.active ? 1 : 0,
    description: f.description,
  };
}

const duplicateCode = (code: string): AppError => new AppError('DUPLICATE', `A product with code ${code} already exists`, [{ path: 'code', message: `Code ${code} is taken` }]);

/** Create (no id) or change (id + expectedUpdatedAt) a product, with its audit entry in the same transaction. */
export async function saveProduct(
  bank: Bank,
  input: ProductFields & { id?: number | undefined; expectedUpdatedAt?: number | undefined },
  actor: string,
  now: number,
): Promise<Product> {
  const cols = toColumns(input);
  try {
    return await inTransaction(bank, async (trx) => {
      const clash = async () => {
        const other = await trx.selectFrom('products').select('id').where('code', '=', cols.code).executeTakeFirst();
        if (other && Number(other.id) !== input.id) throw duplicateCode(cols.code);
      };
      if (input.id === undefined) {
        await clash();
        const ins = await trx
          .insertInto('products')
          .values({ ...cols, created_at: now, updated_at: now })
          .executeTakeFirstOrThrow();
        const id = Number(ins.insertId ?? (await trx.selectFrom('products').select('id').where('code', '=', cols.code).executeTakeFirstOrThrow()).id);
        await appendAudit(trx, bank.dialect, { actor, action: 'product.create', entity: 'product', entityId: cols.code, details: { id, ...input } }, now);
        return toProduct(await trx.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), 0);
      }
      if (input.expectedUpdatedAt === undefined) {
        throw new AppError('VALIDATION', 'Changing a product needs the time it was read (expectedUpdatedAt)', [
          { path: 'expectedUpdatedAt', message: 'Required when changing a product' },
        ]);
      }
      const q = trx.selectFrom('products').selectAll().where('id', '=', input.id);
      const before = await (bank.dialect === 'mysql' ? q.forUpdate() : q).executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND', `There is no product with id ${input.id}.`);
      if (Number(before.updated_at) !== input.expectedUpdatedAt) {
        throw new AppError('CONFLICT', `Product ${before.code} was changed by someone else since you opened it — reload to see the changes, then edit again.`);
      }
      if (cols.code !== before.code) await clash();
      const accounts = await countAccounts(trx, input.id);
      if (cols.currency !== before.currency && accounts > 0) {
        throw new AppError('VALIDATION', `${accounts} account(s) hold product ${before.code} in ${before.currency}; its currency cannot change`, [
          { path: 'currency', message: `Accounts use this product in ${before.currency}: the currency cannot change` },
        ]);
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [col, field] of Object.entries(COLUMNS) as Array<[keyof ProductColumns, keyof ProductFields]>) {
        const old = typeof cols[col] === 'number' ? Number(before[col]) : before[col];
        if (old !== cols[col]) changes[field] = { from: old, to: cols[col] };
      }
      if (Object.keys(changes).length === 0) return toProduct(before, accounts);
      const updatedAt = Math.max(now, Number(before.updated_at) + 1);
      await trx
        .updateTable('products')
        .set({ ...cols, updated_at: updatedAt })
        .where('id', '=', input.id)
        .execute();
      await appendAudit(trx, bank.dialect, { actor, action: 'product.update', entity: 'product', entityId: cols.code, details: { id: input.id, changes } }, now);
      return toProduct(await trx.selectFrom('products').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow(), accounts);
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (isDuplicateKey(e)) throw duplicateCode(cols.code);
    throw e;
  }
}
