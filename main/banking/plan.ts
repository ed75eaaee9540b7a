import type { Kysely, Transaction } from 'kysely';
import { compactIban, isValidIban } from '../../shared/account-number';
import type { Operation } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { readAccounts, type LockedAccount, type Posting } from '../ledger';
import type { Bank, BankDatabase } from '../source';
import { cashDayStart } from './bank-zone';
import type { InternalRoutes } from './internal-routes';
import { maxOperationMinor } from './operation-ceiling';
import { amountOf, assertBalancesStayExact, assertCanCredit, assertCanDebit, assertCurrency, assertCustomerAccount, debitNotes, type Limits } from './rules';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

/** Which accounts an operation touches, found before its transaction (route accounts may need creating). */
export interface Targets {
  op: Operation;
  amount: number;
  /** The customer account money leaves (null for a deposit). */
  debit: number | null;
  /** The customer account money reaches (null for withdrawals and external transfers). */
  credit: number | null;
  /** The bank's own account on the other side (till or clearing), null for internal transfers. */
  counter: number | null;
  /** The debited account's product limits (read up front: they change only by an admin's edit). */
  limits: Limits;
  /** Internal transfers: who receives the money, for the journal and the receipt. */
  beneficiary: string | null;
}

/** Everything the confirmation step shows and the posting writes. */
export interface Plan {
  kind: Operation['kind'];
  posting: Omit<Posting, 'idempotencyKey' | 'createdBy'>;
  accounts: Map<number, LockedAccount>;
  notes: string[];
}

async function accountById(db: Db, id: number, field: string): Promise<{ id: number; currency: string; branch_id: number; kind: string; account_no: string }> {
  const row = await db.selectFrom('accounts').select(['id', 'currency', 'branch_id', 'kind', 'account_no']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `There is no account with id ${id}.`, [{ path: field, message: 'No such account' }]);
  return { ...row, id: Number(row.id), branch_id: Number(row.branch_id) };
}

export async function accountIdByNumber(db: Db, accountNo: string, field: string): Promise<number> {
  const no = compactIban(accountNo);
  const row = await db.selectFrom('accounts').select('id').where('account_no', '=', no).executeTakeFirst();
  if (!row) {
    const hint = isValidIban(no) ? 'No account at this bank has that number.' : 'That is not a valid account number (check digits do not match).';
    throw new AppError('NOT_FOUND', hint, [{ path: field, message: hint }]);
  }
  return Number(row.id);
}

/** Step 1, outside the transaction: validate the request's shape and find every account involved. */
export async function resolveTargets(bank: Bank, routes: InternalRoutes, op: Operation): Promise<Targets> {
  const amount = amountOf(op.amount, op.currency, 'amount', await maxOperationMinor(bank.db, op.currency));
  switch (op.kind) {
    case 'deposit':
    case 'withdrawal': {
      const a = await accountById(bank.db, op.accountId, 'accountId');
      await assertKycAllowsCash(bank.db, a.id, op.kind);
      // Currency never changes on an account: checked here so no till is opened in a wrong currency.
      assertCurrency(a, op.currency);
      const till = await routes.resolve('cash', op.currency, a.branch_id);
      return op.kind === 'deposit'
        ? { op, amount, debit: null, credit: a.id, counter: till, limits: NO_LIMITS, beneficiary: null }
        : { op, amount, debit: a.id, credit: null, counter: till, limits: await limitsOf(bank.db, a.id), beneficiary: null };
    }
    case 'transfer': {
      await accountById(bank.db, op.fromAccountId, 'fromAccountId');
      const to = await accountIdByNumber(bank.db, op.toAccountNo, 'toAccountNo');
      if (to === op.fromAccountId)
        throw new AppError('VALIDATION', 'The destination is the same account as the source.', [{ path: 'toAccountNo', message: 'Choose another account' }]);
      return { op, amount, debit: op.fromAccountId, credit: to, counter: null, limits: await limitsOf(bank.db, op.fromAccountId), beneficiary: await ownerName(bank.db, to) };
    }
    case 'external_transfer': {
      const from = await accountById(bank.db, op.fromAccountId, 'fromAccountId');
      const iban = compactIban(op.beneficiaryIban);
      if (!isValidIban(iban))
        throw new AppError('VALIDATION', 'The beneficiary IBAN is not valid: check it digit by digit.', [{ path: 'beneficiaryIban', message: 'Not a valid IBAN' }]);
      const ours = await bank.db.selectFrom('accounts').select('id').where('account_no', '=', iban).executeTakeFirst();
      if (ours)
        throw new AppError('VALIDATION', 'That account is held at this bank: use an internal transfer, which settles at once.', [
          { path: 'beneficiaryIban', message: 'Use an internal transfer' },
        ]);
      assertCurrency(from, op.currency);
      const clearing = await routes.resolve('clearing', op.currency, 0);
      return { op, amount, debit: from.id, credit: null, counter: clearing, limits: await limitsOf(bank.db, from.id), beneficiary: op.beneficiaryName };
    }
  }
}

/**
 * Segregation of duties: a teller takes or pays out cash only for a customer whose KYC compliance
 * has verified (or that is due for review — the account is established); pending or rejected KYC
 * is refused, with the reason on the form.
 */
async function assertKycAllowsCash(db: Db, accountId: number, kind: 'deposit' | 'withdrawal'): Promise<void> {
  const c = await db
    .selectFrom('accounts')
    .innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .select(['customers.legal_name', 'customers.kyc_status'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  if (!c) return; // not a customer account: assertCustomerAccount refuses it with its own reason
  const what = kind === 'deposit' ? 'take a cash deposit' : 'pay out cash';
  if (c.kyc_status === 'pending')
    throw new AppError('VALIDATION', `${c.legal_name}'s KYC is pending: compliance must verify the customer before the branch can ${what}.`, [
      { path: 'accountId', message: 'KYC pending' },
    ]);
  if (c.kyc_status === 'rejected')
    throw new AppError('VALIDATION', `${c.legal_name}'s KYC check was rejected: the branch cannot ${what} for this customer.`, [{ path: 'accountId', message: 'KYC rejected' }]);
}

const NO_LIMITS: Limits = { overdraftLimit: 0, dailyWithdrawalLimit: 0 };

async function limitsOf(db: Db, accountId: number): Promise<Limits> {
  const p = await db
    .selectFrom('accounts')
    .innerJoin('products', 'products.id', 'accounts.product_id')
    .select(['products.overdraft_limit', 'products.daily_withdrawal_limit'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  return p ? { overdraftLimit: Number(p.overdraft_limit), dailyWithdrawalLimit: Number(p.daily_withdrawal_limit) } : NO_LIMITS;
}

/** Cash taken out of the account since `since` (the start of the bank day, see cashDayStart). */
export async function withdrawnSince(db: Db, accountId: number, since: number): Promise<number> {
  const row = await db
    .selectFrom('entries')
    .innerJoin('journal', 'journal.id', 'entries.journal_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('entries.amount'), eb.lit(0)).as('total'))
    .where('entries.account_id', '=', accountId)
    .where('entries.booked_at', '>=', since)
    .where('journal.type', '=', 'withdrawal')
    .executeTakeFirstOrThrow();
  return -Number(row.total);
}

/**
 * Step 2, inside the transaction: lock (MySQL) the accounts in id order, apply every rule to the
 * locked rows and build the balanced posting. Preview runs the same code without locks.
 */
export async function planOperation(db: Db, dialect: Bank['dialect'], t: Targets, lock: boolean, now: number): Promise<Plan> {
  const ids = [t.debit, t.credit, t.counter].filter((x): x is number => x !== null);
  // MySQL locks the rows until commit; SQLite's single writer transaction already excludes others.
  const accounts = await readAccounts(db, ids, lock && dialect === 'mysql');
  const get = (id: number): LockedAccount => {
    const a = accounts.get(id);
    if (!a) throw new AppError('NOT_FOUND', `Account ${id} no longer exists.`);
    return a;
  };
  const { op, amount } = t;
  const notes: string[] = [];
  const legs: { account: number; amount: number }[] = [];

  if (t.debit !== null) {
    const from = get(t.debit);
    assertCustomerAccount(from, op.kind === 'deposit' || op.kind === 'withdrawal' ? 'accountId' : 'fromAccountId');
    assertCurrency(from, op.currency);
    const limits = t.limits;
    const cash = op.kind === 'withdrawal' ? { withdrawnToday: await withdrawnSince(db, from.id, await cashDayStart(db, now)) } : null;
    assertCanDebit(from, amount, limits, cash);
    notes.push(...debitNotes(from, amount, limits, cash));
    legs.push({ account: from.id, amount: -amount });
  }
  if (t.credit !== null) {
    const to = get(t.credit);
    assertCustomerAccount(to, op.kind === 'transfer' ? 'toAccountNo' : 'accountId');
    if (to.currency !== op.currency) {
      throw new AppError('CURRENCY_MISMATCH', `The destination account ${to.account_no} is held in ${to.currency}; transfers between currencies are not offered here.`, [
        { path: op.kind === 'transfer' ? 'toAccountNo' : 'currency', message: `The account is in ${to.currency}` },
      ]);
    }
    assertCanCredit(to);
    if (to.status === 'frozen') notes.push(`Account ${to.account_no} is frozen: it can receive this money, but nothing can leave it until unfrozen.`);
    legs.push({ account: to.id, amount });
  }
  if (t.counter !== null) legs.push({ account: t.counter, amount: t.debit !== null ? amount : -amount });
  assertBalancesStayExact(accounts, legs, op.currency);

  const base = { amount, currency: op.currency, legs, status: 'posted' as const };
  let posting: Plan['posting'];
  switch (op.kind) {
    case 'deposit':
      posting = { ...base, type: 'deposit', channel: 'branch', description: op.description || 'Cash deposit at branch', counterpartyName: null, counterpartyAccount: null };
      break;
    case 'withdrawal':
      posting = { ...base, type: 'withdrawal', channel: 'branch', description: op.description || 'Cash withdrawal at branch', counterpartyName: null, counterpartyAccount: null };
      break;
    case 'transfer': {
      const from = get(t.debit ?? 0);
      const to = get(t.credit ?? 0);
      const toOwner = t.beneficiary ?? to.name;
      posting = {
        ...base,
        type: 'transfer',
        channel: 'branch',
        description: op.description || `Transfer to ${toOwner}`,
        counterpartyName: toOwner,
        counterpartyAccount: to.account_no,
      };
      if (from.customer_id !== to.customer_id) notes.push(`Goes to ${toOwner}, another customer.`);
      break;
    }
    case 'external_transfer':
      posting = {
        ...base,
        status: 'pending',
        type: 'transfer',
        channel: 'wire',
        description: op.description || `Transfer to ${op.beneficiaryName}`,
        counterpartyName: op.beneficiaryName,
        counterpartyAccount: compactIban(op.beneficiaryIban),
      };
      notes.push('Leaves the account now and is sent to the other bank at the next settlement run (status: pending).');
      break;
  }
  return { kind: op.kind, posting, accounts, notes };
}

async function ownerName(db: Db, accountId: number): Promise<string> {
  const c = await db
    .selectFrom('accounts')
    .leftJoin('customers', 'customers.id', 'accounts.customer_id')
    .select(['customers.legal_name', 'accounts.name'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  return c?.legal_name ?? c?.name ?? 'customer';
}
