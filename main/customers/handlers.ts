import { AppError } from '../../shared/errors';
import type { CallContext, PartialHandlers } from '../dispatch';
import { roleHas } from '../../shared/roles';
import type { Bank } from '../source';
import { customerView } from './customer360';
import { searchCustomers } from './search';
import { findDuplicates, registerCustomer, updateCustomer } from './write';

export type CustomerMethod = 'customers.search' | 'customers.get' | 'customers.findDuplicates' | 'customers.register' | 'customers.update';

export interface CustomerDeps {
  /** The authoritative bank: every write (and the duplicate checks that guard them). */
  bank: Bank;
  /** Where reads go: the bank while it answers, the local cache while it does not. */
  reader: () => Bank;
  /** How fresh `reader()` is: null when it is the bank itself, the cache's "as of" otherwise. */
  asOf: () => number | null;
  clock?: () => number;
}

function mayVerifyKyc(ctx: CallContext): boolean {
  return roleHas(ctx.session.role, 'kyc.verify');
}

export function customerHandlers(deps: CustomerDeps): PartialHandlers<CustomerMethod> {
  const clock = deps.clock ?? Date.now;
  return {
    'customers.search': (input) => searchCustomers(deps.reader(), input.query, input.limit),
    'customers.get': (input, ctx) => {
      // Read both together so "as of" describes the very source that answered.
      const asOf = deps.asOf();
      // Alerts only for those who may see fraud work: a teller must not tip a customer off.
      return customerView(deps.reader(), input.id, asOf, roleHas(ctx.session.role, 'fraud.view'));
    },
    'customers.findDuplicates': (input) => findDuplicates(deps.bank.db, input),
    'customers.register': async (input, ctx) => {
      // Tellers capture and submit; compliance verifies (compliance.kyc.verify). A new customer starts pending.
      if (!mayVerifyKyc(ctx) && input.kycStatus === 'verified')
        throw new AppError('FORBIDDEN', 'KYC is verified by compliance: register the customer with KYC pending and it goes to their review queue.');
      return registerCustomer(deps.bank, input, ctx.session.username, clock());
    },
    'customers.update': async (input, ctx) => {
      if (!mayVerifyKyc(ctx)) {
        const now = await deps.bank.db.selectFrom('customers').select(['kyc_status', 'risk_rating']).where('id', '=', input.id).executeTakeFirst();
        if (now && input.kycStatus === 'verified' && now.kyc_status !== 'verified')
          throw new AppError('FORBIDDEN', 'KYC is verified by compliance: submit the customer as pending and it goes to their review queue.');
        if (now && input.riskRating !== now.risk_rating) throw new AppError('FORBIDDEN', `The risk rating is set by compliance when they review KYC; it stays ${now.risk_rating}.`);
      }
      return updateCustomer(deps.bank, input, ctx.session.username, clock());
    },
  };
}
