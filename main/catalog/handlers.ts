import type { PartialHandlers } from '../dispatch';
import type { Bank } from '../source';
import { listBranches } from './branches';
import { listProducts, saveProduct } from './products';

export type CatalogMethod = 'products.list' | 'products.save' | 'branches.list';

export interface CatalogDeps {
  /** The authoritative bank: product changes. */
  bank: Bank;
  /** Where reads go: the bank while it answers, the local cache while it does not. */
  reader: () => Bank;
  clock?: () => number;
}

export function catalogHandlers(deps: CatalogDeps): PartialHandlers<CatalogMethod> {
  const clock = deps.clock ?? Date.now;
  return {
    'products.list': (input) => listProducts(deps.reader(), input.includeInactive),
    'products.save': (input, ctx) => saveProduct(deps.bank, input, ctx.session.username, clock()),
    'branches.list': () => listBranches(deps.reader()),
  };
}
