import type { Operation, OperationPreview, Receipt } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { queueAudit } from '../audit';
import { inTransaction, isDuplicateKey, writeJournal, type Posted } from '../ledger';
import type { Bank } from '../source';
import type { InternalRoutes } from './internal-routes';
import { planOperation, resolveTargets, type Plan } from './plan';
import { receiptFor } from './receipts';
import { amountOf } from './rules';

function legsOf(plan: Plan, posted: Posted | null): OperationPreview['legs'] {
  return plan.posting.legs.map((l) => {
    const a = plan.accounts.get(l.account);
    if (!a) throw new Error(`account ${l.account} missing from the plan`);
    const customer = a.kind === 'customer';
    const after = posted ? (posted.balances.get(l.account) ?? a.balance) : a.balance + l.amount;
    return {
      accountId: a.id,
      accountNo: a.account_no,
      name: a.name,
      kind: customer ? 'customer' : 'internal',
      amount: l.amount,
      balanceBefore: customer ? after - l.amount : null,
      balanceAfter: customer ? after : null,
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

/** A repeated key must repeat the same operation; reusing it for another one is a client bug worth refusing loudly. */
function assertSameOperation(r: Receipt, op: Operation): Receipt {
  const accountIds = r.legs.filter((l) => l.kind === 'customer').map((l) => l.accountId);
  const mine = op.kind === 'deposit' || op.kind === 'withdrawal' ? op.accountId : op.fromAccountId;
  if (r.kind !== op.kind || r.currency !== op.currency || r.amount !== amountOf(op.amount, op.currency) || !accountIds.includes(mine)) {
    throw new AppError('CONFLICT', `This submission's key was already used for another operation (${r.reference}). Start a new operation.`);
  }
  return r;
}

/**
 * Posts the operation: one database transaction that locks the accounts in id order, re-applies
 * every rule to the locked rows, writes the balanced journal, moves the balances and appends the
 * audit entry. The idempotency key is unique in the journal, so a retried or double-clicked submit —
 * even one racing the first on another connection — returns the first receipt and posts nothing.
 */
export async function submitOperation(bank: Bank, routes: InternalRoutes, op: Operation, idempotencyKey: string, actor: string): Promise<Receipt> {
  const earlier = await receiptFor(bank.db, { idempotencyKey }, true);
  if (earlier) return assertSameOperation(earlier, op);
  const targets = await resolveTargets(bank, routes, op);
  try {
    return await inTransaction(bank, async (trx) => {
      const now = Date.now();
      const plan = await planOperation(trx, bank.dialect, targets, true, now);
      const posted = await writeJournal(trx, plan.accounts, { ...plan.posting, idempotencyKey, createdBy: actor }, now);
      const customerLegs = plan.posting.legs.filter((l) => plan.accounts.get(l.account)?.kind === 'customer');
      // Queued in this transaction (it exists exactly when the posting does) without locking the
      // chain's head, which would make every posting in the bank wait for the one before it.
      await queueAudit(trx, {
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
      }, now);
      return { ...previewOf(plan, posted), reference: posted.reference, journalId: posted.journalId, postedAt: posted.bookedAt, postedBy: actor, replayed: false };
    });
  } catch (e) {
    if (isDuplicateKey(e, 'idempotency_key')) {
      const first = await receiptFor(bank.db, { idempotencyKey }, true);
      if (first) return assertSameOperation(first, op);
    }
    throw e;
  }
}
