import type { Bank } from '../source';

/** The currency most customer accounts hold, or null for a bank with no customer accounts. */
export async function mostHeldCurrency(bank: Bank): Promise<string | null> {
  const top = await bank.db
    .selectFrom('accounts')
    .select(['currency', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'customer')
    .groupBy('currency')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  return top?.currency ?? null;
}
