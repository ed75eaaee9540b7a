import { sql, type Kysely, type Transaction } from 'kysely';
import { compactIban } from '../../shared/account-number';
import type { AccountDetail, FreezeKind, Receipt } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatMoneyText, isCurrencyCode, MAX_MINOR, unknownCurrencyReason } from '../../shared/money';
import { appendAudit } from '../audit';
import { earlierResult, parseRecord, runOnce, type LegacyRecord } from '../idempotency';
import { inTransaction, lockAccounts, writeJournal } from '../ledger';
import type { Bank, BankDatabase } from '../source';
import { freshAccountColumns, workstationAccountNumber } from './account-numbers';
import { freezeOf, isProtective, lockedFreezeKind, recordFreeze, refuseDirectUnfreeze } from './freezes';
import type { InternalRoutes } from './internal-routes';
import { bankZone, cashDayStart } from './bank-zone';
import { assertEligible } from './eligibility';
import { withdrawnSince } from './plan';
import { receiptFor } from './receipts';
import { maxOperationMinor } from './operation-ceiling';
import { amountOf } from './rules';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

/** Balance inquiry: the account with its owner, product limits and today's cash withdrawals. */
export async function accountDetail(db: Db, where: { id: number } | { accountNo: string }, asOf: number | null, now = Date.now()): Promise<AccountDetail> {
  let q = db
    .selectFrom('accounts as a')
    .innerJoin('branches as b', 'b.id', 'a.branch_id')
    .leftJoin('customers as c', 'c.id', 'a.customer_id')
    .leftJoin('products as p', 'p.id', 'a.product_id')
    .select([
      'a.id',
      'a.account_no',
      'a.kind',
      'a.name',
      'a.currency',
      'a.balance',
      'a.status',
      'a.status_reason',
      'a.opened_at',
      'a.closed_at',
      'b.name as branch_name',
      'c.id as customer_id',
      'c.customer_no',
      'c.legal_name',
      'p.id as product_id',
      'p.code as product_code',
      'p.name as product_name',
      'p.overdraft_limit',
      'p.daily_withdrawal_limit',
    ]);
  q = 'id' in where ? q.where('a.id', '=', where.id) : q.where('a.account_no', '=', compactIban(where.accountNo));
  const r = await q.executeTakeFirst();
  if (!r)
    throw new AppError('NOT_FOUND', 'id' in where ? `There is no account with id ${where.id}.` : 'No account at this bank has that number.', [
      { path: 'id' in where ? 'id' : 'accountNo', message: 'No such account' },
    ]);
  const id = Number(r.id);
  const overdraft = Number(r.overdraft_limit ?? 0);
  const balance = Number(r.balance);
  return {
    id,
    accountNo: r.account_no,
    kind: r.kind,
    name: r.name,
    productName: r.product_name,
    currency: r.currency,
    balance,
    status: r.status,
    statusReason: r.status_reason,
    openedAt: Number(r.opened_at),
    closedAt: r.closed_at === null ? null : Number(r.closed_at),
    customer: r.customer_id === null ? null : { id: Number(r.customer_id), customerNo: r.customer_no ?? '', legalName: r.legal_name ?? '' },
    product:
      r.product_id === null
        ? null
        : {
            id: Number(r.product_id),
            code: r.product_code ?? '',
            name: r.product_name ?? '',
            overdraftLimit: overdraft,
            dailyWithdrawalLimit: Number(r.daily_withdrawal_limit ?? 0),
          },
    branchName: r.branch_name,
    // Capped at 2^53 − 1: no single operation can take more, and a sum past it is no longer an exact number.
    available: r.status === 'open' ? Math.min(balance + overdraft, MAX_MINOR) : 0,
    withdrawnToday: await withdrawnSince(db, id, await cashDayStart(db, now)),
    asOf,
    ...(r.status === 'frozen' ? { freeze: await freezeOf(db, id) } : {}),
  };
}

const DEPOSIT_KINDS = new Set(['current', 'savings', 'term_deposit']);

/** What the store remembers of an opening (bank_meta's JSON, copied by migration 010, has the same shape). */
function openedOf(stored: string | { accountId: number; journalId: number | null } | LegacyRecord): { accountId: number; journalId: number | null } {
  const r = typeof stored === 'string' ? parseRecord<{ accountId: number; journalId: number | null }>(stored) : stored;
  if ('legacyText' in r) throw new AppError('CONFLICT', 'This request’s idempotency key was recorded in an unreadable form; start the action again.');
  return { accountId: Number(r.accountId), journalId: r.journalId === null ? null : Number(r.journalId) };
}

/** Why an account cannot be opened for a customer in this KYC state (verified, or due for review: it can). */
const KYC_BLOCKS_OPENING: Partial<Record<string, string>> = {
  pending: 'KYC is pending: compliance must verify the customer before an account can be opened.',
  rejected: 'the KYC check was rejected: no new accounts can be opened.',
};

/**
 * Opens an account on a product, with an optional initial cash deposit posted in the same
 * transaction. The key is claimed in the idempotency store in that transaction (bound to the user,
 * the method and the input), so a double-click opens one account and returns it again, and the key
 * reused by someone else or for another customer is a CONFLICT.
 */
export async function openAccount(
  bank: Bank,
  routes: InternalRoutes,
  input: { customerId: number; productId: number; initialDeposit: string; idempotencyKey: string },
  actor: string,
): Promise<{ account: AccountDetail; receipt: Receipt | null }> {
  type Opened = { accountId: number; journalId: number | null; replayed?: boolean };
  const call = {
    key: input.idempotencyKey,
    actor,
    method: 'accounts.open',
    input: { customerId: input.customerId, productId: input.productId, initialDeposit: input.initialDeposit },
  };
  const answer = async (opened: Opened, replayed: boolean): Promise<{ account: AccountDetail; receipt: Receipt | null }> => ({
    account: await accountDetail(bank.db, { id: opened.accountId }, null),
    receipt: opened.journalId === null ? null : await receiptFor(bank.db, { journalId: opened.journalId }, replayed),
  });
  const stored = await earlierResult(bank.db, call);
  if (stored !== null) return answer(openedOf(stored), true);
  const customer = await bank.db
    .selectFrom('customers')
    .select(['id', 'branch_id', 'legal_name', 'kyc_status', 'date_of_birth'])
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError('NOT_FOUND', `There is no customer with id ${input.customerId}.`, [{ path: 'customerId', message: 'No such customer' }]);
  // Segregation of duties: compliance verifies KYC; until it has, a teller cannot open accounts.
  const kycRefusal = KYC_BLOCKS_OPENING[customer.kyc_status];
  if (kycRefusal) throw new AppError('VALIDATION', `${customer.legal_name}: ${kycRefusal}`, [{ path: 'customerId', message: `KYC ${customer.kyc_status}` }]);
  const product = await bank.db.selectFrom('products').selectAll().where('id', '=', input.productId).executeTakeFirst();
  if (!product) throw new AppError('NOT_FOUND', `There is no product with id ${input.productId}.`, [{ path: 'productId', message: 'No such product' }]);
  if (!product.active) throw new AppError('VALIDATION', `${product.name} is no longer offered to new accounts.`, [{ path: 'productId', message: 'Product not offered' }]);
  if (!DEPOSIT_KINDS.has(product.kind))
    throw new AppError('VALIDATION', `${product.name} is a lending product: loan accounts are opened by the lending process.`, [
      { path: 'productId', message: 'Choose a deposit product' },
    ]);
  assertEligible(product, customer, Date.now(), await bankZone(bank.db));
  // Products carry the currency (checked when saved); one written before that check is refused here rather than guessed.
  if (!isCurrencyCode(product.currency))
    throw new AppError('VALIDATION', `${product.name}: ${unknownCurrencyReason(product.currency)} Correct the product first.`, [
      { path: 'productId', message: 'Unknown currency' },
    ]);
  const deposit = input.initialDeposit.trim() === '' ? 0 : amountOf(input.initialDeposit, product.currency, 'initialDeposit', await maxOperationMinor(bank.db, product.currency));
  const branchId = Number(customer.branch_id);
  const till = deposit > 0 ? await routes.resolve('cash', product.currency, branchId) : null;

  const opened = await runOnce(bank, call, {
    record: (o: Opened) => o,
    replay: async (o) => ({ ...openedOf(o), replayed: true }),
    work: async (trx, now): Promise<Opened> => {
      const inserted = await trx
        .insertInto('accounts')
        .values({
          ...freshAccountColumns(now),
          kind: 'customer',
          name: product.name,
          customer_id: Number(customer.id),
          product_id: Number(product.id),
          branch_id: branchId,
          currency: product.currency,
        })
        .executeTakeFirstOrThrow();
      const accountId = Number(inserted.insertId);
      const accountNo = workstationAccountNumber(accountId);
      await trx.updateTable('accounts').set({ account_no: accountNo }).where('id', '=', accountId).execute();
      let journalId: number | null = null;
      if (deposit > 0 && till !== null) {
        const locked = await lockAccounts(trx, bank.dialect, [accountId, till]);
        const posted = await writeJournal(
          trx,
          locked,
          {
            type: 'deposit',
            channel: 'branch',
            amount: deposit,
            currency: product.currency,
            description: 'Initial deposit',
            counterpartyName: null,
            counterpartyAccount: null,
            idempotencyKey: input.idempotencyKey,
            status: 'posted',
            createdBy: actor,
            legs: [
              { account: accountId, amount: deposit },
              { account: till, amount: -deposit },
            ],
          },
          now,
        );
        journalId = posted.journalId;
      }
      await appendAudit(
        trx,
        bank.dialect,
        {
          actor,
          action: 'account.open',
          entity: 'account',
          entityId: accountNo,
          details: { customerId: Number(customer.id), product: product.code, currency: product.currency, initialDeposit: deposit },
        },
        now,
      );
      return { accountId, journalId };
    },
  });
  return answer(opened, opened.replayed === true);
}

/**
 * Freeze (debits refused, credits still arrive) or unfreeze, with the reason on the account, the
 * freeze's kind and author in `account_freezes`, and the change in the audit log. A customer-requested
 * freeze is lifted here; a fraud or compliance freeze only through requestUnfreeze + approveUnfreeze
 * (two people). Freezing an account already frozen for the customer as fraud or compliance raises the
 * freeze to that kind, so a teller cannot then lift it.
 */
export async function setAccountStatus(
  bank: Bank,
  input: { accountId: number; status: 'frozen' | 'open'; reason: string; kind?: FreezeKind | undefined },
  actor: string,
): Promise<AccountDetail> {
  const kind: FreezeKind = input.kind ?? 'customer_request';
  await inTransaction(bank, async (trx) => {
    const now = Date.now();
    const a = (await lockAccounts(trx, bank.dialect, [input.accountId])).get(input.accountId);
    if (!a) throw new AppError('NOT_FOUND', `There is no account with id ${input.accountId}.`);
    if (a.kind !== 'customer') throw new AppError('VALIDATION', 'The bank’s own ledger accounts cannot be frozen here.');
    if (a.status === 'closed') throw new AppError('ACCOUNT_CLOSED', `Account ${a.account_no} is closed.`);
    const current = a.status === 'frozen' ? await lockedFreezeKind(trx, a.id) : null;
    if (input.status === 'open') {
      if (a.status !== 'frozen') throw new AppError('CONFLICT', `Account ${a.account_no} is not frozen.`);
      if (current && isProtective(current.kind)) refuseDirectUnfreeze(a.account_no, current);
      await trx.deleteFrom('account_freezes').where('account_id', '=', a.id).execute();
    } else if (a.status === 'frozen') {
      const raises = isProtective(kind) && (!current || !isProtective(current.kind));
      if (!raises) throw new AppError('CONFLICT', `Account ${a.account_no} is already frozen${a.status_reason ? ` (${a.status_reason})` : ''}.`);
      await recordFreeze(trx, a.id, kind, actor, now);
    } else {
      await recordFreeze(trx, a.id, kind, actor, now);
    }
    await trx
      .updateTable('accounts')
      .set({ status: input.status, status_reason: input.status === 'frozen' ? input.reason : null, updated_at: now })
      .where('id', '=', a.id)
      .execute();
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: input.status === 'frozen' ? 'account.freeze' : 'account.unfreeze',
        entity: 'account',
        entityId: a.account_no,
        details:
          input.status === 'frozen'
            ? { reason: input.reason, kind, ...(current ? { raisedFrom: current.kind } : {}) }
            : { reason: input.reason, kind: current?.kind ?? 'customer_request' },
      },
      now,
    );
  });
  return accountDetail(bank.db, { id: input.accountId }, null);
}

/** Closing needs a zero balance and no transfer still waiting for settlement. */
export async function closeAccount(bank: Bank, input: { accountId: number; reason: string }, actor: string): Promise<AccountDetail> {
  await inTransaction(bank, async (trx) => {
    const now = Date.now();
    const a = (await lockAccounts(trx, bank.dialect, [input.accountId])).get(input.accountId);
    if (!a) throw new AppError('NOT_FOUND', `There is no account with id ${input.accountId}.`);
    if (a.kind !== 'customer') throw new AppError('VALIDATION', 'The bank’s own ledger accounts cannot be closed here.');
    if (a.status === 'closed') throw new AppError('ACCOUNT_CLOSED', `Account ${a.account_no} is already closed.`);
    if (a.balance !== 0) {
      throw new AppError(
        'VALIDATION',
        `Account ${a.account_no} still holds ${formatMoneyText(a.balance, a.currency)}: pay it out or transfer it first — only an account at zero can be closed.`,
        [{ path: 'accountId', message: 'Balance is not zero' }],
      );
    }
    const pending = await trx
      .selectFrom('entries')
      .innerJoin('journal', 'journal.id', 'entries.journal_id')
      .select('journal.reference')
      .where('entries.account_id', '=', a.id)
      .where('journal.status', '=', 'pending')
      // A recalled transfer was reversed (schema v14): it will never settle, so it holds nothing open.
      .where(sql<boolean>`not exists (select 1 from transfer_recalls r where r.journal_id = journal.id)`)
      .limit(1)
      .executeTakeFirst();
    if (pending) throw new AppError('CONFLICT', `Transfer ${pending.reference} from this account is still waiting for settlement; close the account after it settles.`);
    await trx.updateTable('accounts').set({ status: 'closed', status_reason: input.reason, closed_at: now, updated_at: now }).where('id', '=', a.id).execute();
    await appendAudit(trx, bank.dialect, { actor, action: 'account.close', entity: 'account', entityId: a.account_no, details: { reason: input.reason } }, now);
  });
  return accountDetail(bank.db, { id: input.accountId }, null);
}
