import type { Branch } from '../../shared/contract/catalog';
import type { Bank } from '../source';

const BY_NAME = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The branch directory, by name, with how many customers each serves. */
export async function listBranches(bank: Bank): Promise<Branch[]> {
  const rows = await bank.db
    .selectFrom('branches as b')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('customers')
          .select(['branch_id', (e2) => e2.fn.countAll<number>().as('n')])
          .groupBy('branch_id')
          .as('c'),
      (j) => j.onRef('c.branch_id', '=', 'b.id'),
    )
    .select(['b.id', 'b.code', 'b.name', 'b.region', 'b.address', 'b.city', 'b.phone', 'b.hours', 'c.n'])
    .execute();
  // Sorted here, not by the engines' collations (SQLite's would put "Č" after "Z").
  rows.sort((a, b) => BY_NAME.compare(a.name, b.name) || Number(a.id) - Number(b.id));
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    region: r.region,
    address: r.address,
    city: r.city,
    phone: r.phone,
    hours: r.hours,
    customers: Number(r.n ?? 0),
  }));
}
