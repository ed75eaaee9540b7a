import { ACCOUNT_PREFIXES, internalAccountRow, spreadAccountNumber, type WriteRow } from '../ledger';
import { BANK_FOUNDED, type Branch } from './branches';

/**
 * Account numbers and the bank's own (internal) ledger accounts.
 *
 * Sign convention of the whole ledger: an entry is signed from its account's point of view and
 * every journal sums to zero, so a cash deposit is +X on the customer and −X on the branch
 * vault. Internal accounts therefore read "customer-side positive": vaults, card settlement and
 * loan principal run negative (money the bank holds or lent out), income accounts positive.
 */

export type Currency = 'EUR' | 'USD' | 'CZK';
export const CURRENCIES: readonly Currency[] = ['EUR', 'USD', 'CZK'];

export interface InternalAccounts {
  /** Cash vault per branch, indexed by branch id. */
  vault: number[];
  clearing: Record<Currency, number>;
  feeIncome: Record<Currency, number>;
  interestExpense: Record<Currency, number>;
  interestIncome: Record<Currency, number>;
  /** Counter-account for balances carried over from the previous core system at the window start. */
  opening: Record<Currency, number>;
  cardSettlement: number;
  consumerLoans: number;
  mortgages: number;
}

export interface InternalBuild {
  accounts: InternalAccounts;
  rows: WriteRow<'accounts'>[];
}

/** Internal accounts take ids 1..n, before any customer account. */
export function buildInternalAccounts(branches: readonly Branch[]): InternalBuild {
  const rows: WriteRow<'accounts'>[] = [];
  const add = (name: string, currency: Currency, branchId = 1): number => {
    const id = rows.length + 1;
    rows.push(
      internalAccountRow({ id, accountNo: spreadAccountNumber(ACCOUNT_PREFIXES.demo.internal, id), name, currency, branchId, openedAt: BANK_FOUNDED, updatedAt: BANK_FOUNDED }),
    );
    return id;
  };
  const perCurrency = (label: string): Record<Currency, number> => ({ EUR: add(`${label} EUR`, 'EUR'), USD: add(`${label} USD`, 'USD'), CZK: add(`${label} CZK`, 'CZK') });
  const vault: number[] = [0];
  for (const b of branches) vault[b.id] = add(`Cash vault – ${b.district.town}`, 'EUR', b.id);
  const accounts: InternalAccounts = {
    vault,
    clearing: perCurrency('External clearing'),
    feeIncome: perCurrency('Fee income'),
    interestExpense: perCurrency('Interest expense'),
    interestIncome: perCurrency('Interest income'),
    opening: perCurrency('Opening balances (core migration)'),
    cardSettlement: add('Card settlement', 'EUR'),
    consumerLoans: add('Loan principal – consumer loans', 'EUR'),
    mortgages: add('Loan principal – mortgages', 'EUR'),
  };
  return { accounts, rows };
}
