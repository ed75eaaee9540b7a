import type { Kysely, Transaction } from 'kysely';
import type { Customer, CustomerFields } from '../../shared/contract/customers';
import type { BankDatabase, Row } from '../source';
import { COLUMNS } from '../ledger';
import { cleanLegalName, cleanNationalId } from './identity-keys';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

export type CustomerRow = Row<'customers'> & { branch_name: string };
/** What a customer shows: the row without the key columns the database derives for lookups. */
export type CustomerShownRow = Omit<CustomerRow, 'national_id_key'>;
/**
 * Those columns, for a reader that names them (SQLite computes its generated key columns on every read
 * of `c.*`): the stored ones, as the bulk writers list them.
 */
export const CUSTOMER_SHOWN_COLUMNS: readonly (keyof CustomerShownRow)[] = COLUMNS.customers;

export async function readCustomer(db: Db, id: number, lock = false): Promise<CustomerRow | undefined> {
  const q = db.selectFrom('customers as c').innerJoin('branches as b', 'b.id', 'c.branch_id').selectAll('c').select('b.name as branch_name').where('c.id', '=', id);
  return lock ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
}

export function toCustomer(r: CustomerShownRow): Customer {
  return {
    id: Number(r.id),
    customerNo: r.customer_no,
    legalName: r.legal_name,
    dateOfBirth: r.date_of_birth,
    gender: r.gender,
    nationalId: r.national_id,
    address: r.address,
    city: r.city,
    phone: r.phone,
    email: r.email,
    occupation: r.occupation,
    riskRating: r.risk_rating,
    kycStatus: r.kyc_status,
    kycNextReview: r.kyc_next_review,
    preferredChannel: r.preferred_channel,
    branchId: Number(r.branch_id),
    branchName: r.branch_name,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** The columns a teller's form writes; national ids are kept in capitals so both engines compare them alike. */
export function toColumns(f: CustomerFields) {
  return {
    legal_name: cleanLegalName(f.legalName),
    date_of_birth: f.dateOfBirth,
    gender: f.gender,
    national_id: normalizeNationalId(f.nationalId),
    address: f.address,
    city: f.city,
    phone: f.phone,
    email: f.email,
    occupation: f.occupation,
    risk_rating: f.riskRating,
    kyc_status: f.kycStatus,
    kyc_next_review: f.kycNextReview,
    preferred_channel: f.preferredChannel,
    branch_id: f.branchId,
  };
}
export type CustomerColumns = ReturnType<typeof toColumns>;

/** Capitals, no spaces or invisible characters; separators stay for display (the key column drops them). */
export const normalizeNationalId = (s: string): string => cleanNationalId(s);

/** For the audit log: a national id is never written in clear, only its last four characters. */
export function maskNationalId(s: string): string {
  return s.length <= 4 ? '*'.repeat(s.length) : '*'.repeat(s.length - 4) + s.slice(-4);
}
