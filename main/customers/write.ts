import type { Kysely, Transaction } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { Customer, CustomerFields, DuplicateCustomer } from '../../shared/contract/customers';
import { AppError, type FieldIssue } from '../../shared/errors';
import { appendAudit } from '../audit';
import { inTransaction, isDuplicateKey } from '../ledger';
import type { Bank, BankDatabase } from '../source';
import { nameSkeleton, nationalIdKey } from './identity-keys';
import { maskNationalId, readCustomer, toColumns, toCustomer, type CustomerColumns } from './records';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

const MIN_AGE = 15;

/** A real calendar date ("2023-02-30" is not), as days since 1970 for comparisons. */
function realDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso ? d : null;
}

const todayIso = (now: number): string => new Date(now).toISOString().slice(0, 10);

/** Rules beyond field shapes, all reported at once so the form can mark every field. */
export async function validateCustomer(db: Db, f: CustomerFields, now: number): Promise<void> {
  const issues: FieldIssue[] = [];
  const today = todayIso(now);
  const born = realDate(f.dateOfBirth);
  if (!born) issues.push({ path: 'dateOfBirth', message: 'Not a real date' });
  else if (f.dateOfBirth > today) issues.push({ path: 'dateOfBirth', message: 'The date of birth is in the future' });
  else {
    const birthday = `${String(born.getUTCFullYear() + MIN_AGE).padStart(4, '0')}-${f.dateOfBirth.slice(5)}`;
    if (birthday > today) issues.push({ path: 'dateOfBirth', message: `A customer must be at least ${MIN_AGE} years old` });
  }
  if (!realDate(f.kycNextReview)) issues.push({ path: 'kycNextReview', message: 'Not a real date' });
  else if (f.kycStatus === 'verified' && f.kycNextReview <= today) issues.push({ path: 'kycNextReview', message: 'A verified customer needs a next KYC review after today' });
  const branch = await db.selectFrom('branches').select('id').where('id', '=', f.branchId).executeTakeFirst();
  if (!branch) issues.push({ path: 'branchId', message: 'Choose an existing branch' });
  if (issues.length > 0) throw new AppError('VALIDATION', issues.map((i) => i.message).join('; '), issues);
}

/**
 * Customers with the same national id (separators ignored), or the same legal name and birth date —
 * the name compared by its skeleton, so invisible characters, compatibility forms and look-alike
 * letters from other scripts do not make a second customer (identity-keys.ts).
 */
export async function findDuplicates(db: Db, q: { nationalId: string; legalName: string; dateOfBirth: string; excludeId?: number | undefined }): Promise<DuplicateCustomer[]> {
  const out = new Map<number, DuplicateCustomer>();
  const idKey = nationalIdKey(q.nationalId);
  if (idKey !== '') {
    let byId = db.selectFrom('customers').select(['id', 'customer_no', 'legal_name', 'date_of_birth']).where('national_id_key', '=', idKey);
    if (q.excludeId !== undefined) byId = byId.where('id', '!=', q.excludeId);
    for (const r of await byId.execute())
      out.set(Number(r.id), { id: Number(r.id), customerNo: r.customer_no, legalName: r.legal_name, dateOfBirth: r.date_of_birth, reason: 'national_id' });
  }
  const key = nameSkeleton(q.legalName);
  // No index can fold look-alikes, so read the people born that day (an index seek; a few dozen
  // even in a bank of millions) and compare skeletons here.
  if (key !== '' && realDate(q.dateOfBirth)) {
    let byBirth = db.selectFrom('customers').select(['id', 'customer_no', 'legal_name', 'date_of_birth']).where('date_of_birth', '=', q.dateOfBirth);
    if (q.excludeId !== undefined) byBirth = byBirth.where('id', '!=', q.excludeId);
    for (const r of await byBirth.execute()) {
      if (out.has(Number(r.id)) || nameSkeleton(r.legal_name) !== key) continue;
      out.set(Number(r.id), { id: Number(r.id), customerNo: r.customer_no, legalName: r.legal_name, dateOfBirth: r.date_of_birth, reason: 'name_and_birth_date' });
    }
  }
  return [...out.values()].sort((a, b) => (a.reason === b.reason ? a.id - b.id : a.reason === 'national_id' ? -1 : 1));
}

const who = (d: DuplicateCustomer): string => `${d.customerNo} ${d.legalName}`;

/** DUPLICATE naming the existing customers, so the teller knows whom to look up. */
function refuseDuplicates(dups: DuplicateCustomer[], confirmed: boolean): void {
  const byId = dups.filter((d) => d.reason === 'national_id');
  if (byId.length > 0) {
    throw new AppError('DUPLICATE', `Customer ${byId.map(who).join(', ')} already has this national id`, [
      { path: 'nationalId', message: `Already registered to ${byId.map(who).join(', ')}` },
    ]);
  }
  const byName = dups.filter((d) => d.reason === 'name_and_birth_date');
  if (byName.length > 0 && !confirmed) {
    const list = byName.map(who).join(', ');
    throw new AppError('DUPLICATE', `Customer ${list} has the same name and date of birth — check it is not the same person, then confirm to register anyway`, [
      { path: 'legalName', message: `Same name and date of birth as ${list}` },
    ]);
  }
}

/** The unique index caught what the check could not see yet (a registration committing at the same time). */
async function duplicateFromIndex(bank: Bank, e: unknown, nationalId: string, excludeId?: number): Promise<never> {
  if (!isDuplicateKey(e)) throw e;
  const existing = await findDuplicates(bank.db, { nationalId, legalName: '', dateOfBirth: '', excludeId });
  const list = existing.map(who).join(', ') || 'another customer';
  throw new AppError('DUPLICATE', `Customer ${list} already has this national id`, [{ path: 'nationalId', message: `Already registered to ${list}` }]);
}

const customerNo = (id: number): string => `CB${String(id).padStart(7, '0')}`;

export async function registerCustomer(bank: Bank, f: CustomerFields & { confirmDuplicate: boolean }, actor: string, now: number): Promise<{ id: number; customerNo: string }> {
  const cols = toColumns(f);
  try {
    return await inTransaction(bank, async (trx) => {
      await validateCustomer(trx, f, now);
      refuseDuplicates(await findDuplicates(trx, { nationalId: cols.national_id, legalName: cols.legal_name, dateOfBirth: cols.date_of_birth }), f.confirmDuplicate);
      // The number comes from the id: insert with a unique placeholder, then set it in the same transaction.
      const placeholder = `tmp-${randomBytes(8).toString('hex')}`;
      const ins = await trx
        .insertInto('customers')
        .values({ ...cols, customer_no: placeholder, created_at: now, updated_at: now })
        .executeTakeFirstOrThrow();
      const id = Number(ins.insertId ?? (await trx.selectFrom('customers').select('id').where('customer_no', '=', placeholder).executeTakeFirstOrThrow()).id);
      const no = customerNo(id);
      await trx.updateTable('customers').set({ customer_no: no }).where('id', '=', id).execute();
      await appendAudit(
        trx,
        bank.dialect,
        {
          actor,
          action: 'customer.register',
          entity: 'customer',
          entityId: no,
          details: {
            id,
            customerNo: no,
            legalName: cols.legal_name,
            dateOfBirth: cols.date_of_birth,
            nationalId: maskNationalId(cols.national_id),
            branchId: cols.branch_id,
            kycStatus: cols.kyc_status,
            riskRating: cols.risk_rating,
            confirmedDuplicate: f.confirmDuplicate,
          },
        },
        now,
      );
      return { id, customerNo: no };
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    return duplicateFromIndex(bank, e, cols.national_id);
  }
}

const FIELD_NAMES: Record<keyof CustomerColumns, keyof CustomerFields> = {
  legal_name: 'legalName',
  date_of_birth: 'dateOfBirth',
  gender: 'gender',
  national_id: 'nationalId',
  address: 'address',
  city: 'city',
  phone: 'phone',
  email: 'email',
  occupation: 'occupation',
  risk_rating: 'riskRating',
  kyc_status: 'kycStatus',
  kyc_next_review: 'kycNextReview',
  preferred_channel: 'preferredChannel',
  branch_id: 'branchId',
};

export async function updateCustomer(
  bank: Bank,
  input: CustomerFields & { id: number; expectedUpdatedAt: number; confirmDuplicate?: boolean | undefined },
  actor: string,
  now: number,
): Promise<Customer> {
  const cols = toColumns(input);
  try {
    return await inTransaction(bank, async (trx) => {
      const before = await readCustomer(trx, input.id, bank.dialect === 'mysql');
      if (!before) throw new AppError('NOT_FOUND', `There is no customer with id ${input.id}.`);
      if (Number(before.updated_at) !== input.expectedUpdatedAt) {
        throw new AppError('CONFLICT', `Customer ${before.customer_no} was changed by someone else since you opened it — reload to see the changes, then edit again.`);
      }
      await validateCustomer(trx, input, now);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const set: Partial<CustomerColumns> = {};
      for (const [col, field] of Object.entries(FIELD_NAMES) as Array<[keyof CustomerColumns, keyof CustomerFields]>) {
        const old = col === 'branch_id' ? Number(before[col]) : before[col];
        if (old === cols[col]) continue;
        (set as Record<string, unknown>)[col] = cols[col];
        changes[field] = col === 'national_id' ? { from: maskNationalId(String(old)), to: maskNationalId(cols.national_id) } : { from: old, to: cols[col] };
      }
      if (Object.keys(changes).length === 0) return toCustomer(before);
      // A namesake already confirmed at registration is not asked about again on every edit.
      const nameChanged = nameSkeleton(before.legal_name) !== nameSkeleton(cols.legal_name) || before.date_of_birth !== cols.date_of_birth;
      if ('national_id' in set || nameChanged) {
        const dups = await findDuplicates(trx, { nationalId: cols.national_id, legalName: cols.legal_name, dateOfBirth: cols.date_of_birth, excludeId: input.id });
        refuseDuplicates(
          dups.filter((d) => d.reason === 'national_id' || nameChanged),
          input.confirmDuplicate ?? false,
        );
      }
      // Strictly later than what the editor read, even within the same millisecond: the check above must see every change.
      const updatedAt = Math.max(now, Number(before.updated_at) + 1);
      const res = await trx
        .updateTable('customers')
        .set({ ...set, updated_at: updatedAt })
        .where('id', '=', input.id)
        .where('updated_at', '=', input.expectedUpdatedAt)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1)
        throw new AppError('CONFLICT', `Customer ${before.customer_no} was changed by someone else since you opened it — reload to see the changes, then edit again.`);
      await appendAudit(trx, bank.dialect, { actor, action: 'customer.update', entity: 'customer', entityId: before.customer_no, details: { id: input.id, changes } }, now);
      const after = await readCustomer(trx, input.id);
      if (!after) throw new AppError('NOT_FOUND', `There is no customer with id ${input.id}.`);
      return toCustomer(after);
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    return duplicateFromIndex(bank, e, cols.national_id, input.id);
  }
}
