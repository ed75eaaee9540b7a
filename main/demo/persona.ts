import type { WriteRow } from '../ledger';
import type { Row } from '../source';
import type { District } from './districts';
import type { Finances } from './finances';
import type { Currency } from './ledger-accounts';
import type { Product } from './products';

/**
 * Everything the generator knows about one customer: identity and KYC (the customers row), the
 * accounts and cards they hold, and the habits that drive their monthly activity.
 */

export interface OwnAccount {
  id: number;
  accountNo: string;
  product: Product;
  currency: Currency;
  openedAt: number;
  /** Balance brought forward at the window start (accounts opened before it), minor units. */
  carried: number;
  /** New accounts are funded with this amount when they open inside the window. */
  openingFunds: number;
}

export interface CardLife {
  id: number;
  type: Row<'cards'>['type'];
  last4: string;
  issuedAt: number;
  /** The instant the card stops working (expiry or block); Infinity while active. */
  until: number;
  status: Row<'cards'>['status'];
}

/** A generated customer: identity, money habits (Finances, less the occupation kept in KYC) and holdings. */
export interface Persona extends Omit<Finances, 'occupation'> {
  /** Generation index: the seed of this customer's random streams, independent of id order. */
  key: number;
  /** customers.id, assigned after sorting by join date. */
  id: number;
  female: boolean;
  birthIso: string;
  age: number;
  district: District;
  branchId: number;
  givenName: string;
  surname: string;
  joinedAt: number;
  /** Joined before the generated window: balances are carried over from the previous core system. */
  preexisting: boolean;

  current: OwnAccount;
  savings: OwnAccount | null;
  term: OwnAccount | null;
  fx: OwnAccount | null;
  /** Monthly transfer into savings, cents; 0 for none. */
  savingsPlan: number;
  /** Customer ids this customer sends money to now and then. */
  contacts: number[];
  cards: CardLife[];
  /** No customer-initiated activity in the window (the dormant-reactivation typology). */
  dormant: boolean;
  /** Customer row (KYC), ready to insert once the id is known. */
  kyc: Omit<WriteRow<'customers'>, 'id' | 'customer_no' | 'branch_id'>;
}

export const fullName = (p: Pick<Persona, 'givenName' | 'surname'>): string => `${p.givenName} ${p.surname}`;
