import type { Operation, OperationPreview, Receipt } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { queueAudit } from '../audit';
import { earlierResult, parseRecord, runOnce, type LegacyRecord } from '../idempotency';
import { writeJournal, type Posted } from '../ledger';
import type { Bank } from '../source';
import type { InternalRoutes } from './internal-routes';
import { planOperation, resolveTargets, type Plan } from './plan';
import { receiptFor, servedCustomer } from './receipts';
import { amountOf } from './rules';

function legsOf(plan: Plan, posted: Posted | null): OperationPreview['legs'] {
  // The balances shown are the served customer's only: a transfer's beneficiary is another
  // customer, whose balance is none of the teller's or the sender's business (issue 14, finding 11).
  const served = servedCustomer(plan.posting.legs.map((l) => ({ amount: l.amount, account: plan.accounts.get(l.account) })));
  return plan.posting.legs.map((l) => {
    const a = plan.accounts.get(l.account);
    if (!a) throw new Error(`account ${l.account} missing from the plan`);
    const customer = a.kind === 'customer';
    const showBalance = customer && a.customer_id === served;
    const after = posted ? (posted.balances.get(l.account) ?? a.balance) : a.balance + l.amount;
    return {
      accountId: a.id,
      accountNo: a.account_no,
      name: a.name,
      kind: customer ? 'customer' : 'internal',
      amount: l.amount,
      balanceBefore: showBalance ? after - l.amount : null,
      balanceAfter: showBalance ? after : null,
    };
  });
}

function previewOf(plan: Plan, posted: Posted | null): OperationPreview {
  const p = plan.posting;
  return { kind: plan.kind, amount: p.amount, currency: p.currency, description: p.description, status: p.status, legs: legsOf(plan, posted), notes: plan.notes };
}

/** The confirmation step: every rule applied to current balances, nothing written. */
export async function previewOperation(bank: Bank, routes: InternalRoutes, op: Operation, now = Date.now()): Promise<OperationPreview> {
  const targets = await resolveTargets(bank, routes, op);
  return previewOf(await planOperation(bank.db, bank.dialect, targets, false, now), null);
}

/**
 * A journal posted before schema v10 carries the key but has no record in the idempotency store:
 * a repeat must come from the same user and repeat the same operation.
 */
function assertSameLegacyOperation(r: Receipt, op: Operation, actor: string): Receipt {
  const accountIds = r.legs.filter((l) => l.kind === 'customer').map((l) => l.accountId);
  const mine = op.kind === 'deposit' || op.kind === 'withdrawal' ? op.accountId : op.fromAccountId;
  if (r.postedBy !== actor || r.kind !== op.kind || r.currency !== op.currency || r.amount !== amountOf(op.amount, op.currency) || !accountIds.includes(mine)) {
    throw new AppError(
      'CONFLICT',
      'This request’s idempotency key was already used for a different request. Nothing was changed; start the action again (a new key is made for it).',
    );
  }
  return r;
}

/**
 * Posts the operation: one database transaction that locks the accounts in id order, re-applies
 * every rule to the locked rows, writes the balanced journal, moves the balances and appends the
 * audit entry. The key is claimed in the idempotency store in the same transaction (bound to the
 * user, the method and the operation), so a retried or double-clicked submit — even one racing the
 * first on another connection — returns the first receipt and posts nothing, and the key reused by
 * anyone for anything else is a CONFLICT.
 */
export async function submitOperation(bank: Bank, routes: InternalRoutes, op: Operation, idempotencyKey: string, actor: string): Promise<Receipt> {
  const call = { key: idempotencyKey, actor, method: 'ops.submit', input: op };
  const replay = async (r: { journalId: number } | LegacyRecord): Promise<Receipt> => {
    const receipt = 'legacyText' in r ? null : await receiptFor(bank.db, { journalId: Number(r.journalId) }, true);
    if (!receipt) throw new AppError('NOT_FOUND', 'The first submission with this key is no longer in the journal.');
    return receipt;
  };
  // Fails fast on a reused key before resolving targets (which may refuse for other reasons).
  const stored = await earlierResult(bank.db, call);
  if (stored !== null) return replay(parseRecord<{ journalId: number }>(stored));
  const legacy = await receiptFor(bank.db, { idempotencyKey }, true);
  if (legacy) return assertSameLegacyOperation(legacy, op, actor);
  const targets = await resolveTargets(bank, routes, op);
  return runOnce(bank, call, {
    record: (r: Receipt) => ({ journalId: r.journalId }),
    replay,
    work: async (trx, now) => {
      const plan = await planOperation(trx, bank.dialect, targets, true, now);
      const posted = await writeJournal(trx, plan.accounts, { ...plan.posting, idempotencyKey, createdBy: actor }, now);
      const customerLegs = plan.posting.legs.filter((l) => plan.accounts.get(l.account)?.kind === 'customer');
      // Queued in this transaction (it exists exactly when the posting does) without locking the
      // chain's head, which would make every posting in the bank wait for the one before it.
      await queueAudit(
        trx,
        {
          actor,
          action: `ops.${op.kind}`,
          entity: 'journal',
          entityId: posted.reference,
          details: {
            amount: plan.posting.amount,
            currency: plan.posting.currency,
            status: plan.posting.status,
            accounts: customerLegs.map((l) => ({ accountNo: plan.accounts.get(l.account)?.account_no, amount: l.amount })),
            ...(op.kind === 'external_transfer' ? { beneficiary: op.beneficiaryName, iban: plan.posting.counterpartyAccount } : {}),
          },
        },
        now,
      );
      return { ...previewOf(plan, posted), reference: posted.reference, journalId: posted.journalId, postedAt: posted.bookedAt, postedBy: actor, replayed: false };
    },
  });
}
