import { ACCOUNT_PREFIXES, internalAccountRow, issuedAccountNumber, type WriteRow } from '../ledger';

// Rows an import opens on its own: the ledger accounts it needs, and customers standing in for holders the source does not describe.

/** One of the bank's own ledger accounts (clearing, cash, income…) opened by an import, numbered in the imports' internal prefix. */
export function importInternalAccount(id: number, name: string, currency: string, branchId: number, openedAt: number, now: number, balance = 0): WriteRow<'accounts'> {
  return internalAccountRow({ id, accountNo: issuedAccountNumber(ACCOUNT_PREFIXES.imports.internal, id), name, currency, branchId, openedAt, updatedAt: now, balance });
}

/** A customer record standing in for an account holder the source does not describe (KYC pending until someone completes it). */
export function placeholderCustomer(c: {
  id: number;
  customerNo: string;
  legalName: string;
  dateOfBirth: string;
  gender: WriteRow<'customers'>['gender'];
  nationalId: string;
  city: string;
  branchId: number;
  createdAt: number;
  now: number;
}): WriteRow<'customers'> {
  return {
    id: c.id,
    customer_no: c.customerNo,
    legal_name: c.legalName,
    date_of_birth: c.dateOfBirth,
    gender: c.gender,
    national_id: c.nationalId,
    address: '',
    city: c.city,
    phone: '',
    email: '',
    occupation: '',
    risk_rating: 'low',
    kyc_status: 'pending',
    kyc_next_review: new Date(c.now).toISOString().slice(0, 10),
    preferred_channel: 'branch',
    branch_id: c.branchId,
    created_at: c.createdAt,
    updated_at: c.now,
  };
}
