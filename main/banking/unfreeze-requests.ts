import type { AccountDetail } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { inTransaction, lockAccounts } from '../ledger';
import type { Bank } from '../source';
import { accountDetail } from './accounts';
import { FREEZE_LABELS, isProtective, lockedFreezeKind } from './freezes';

/**
 * Lifting a fraud or compliance freeze is maker–checker: one person with fraud review asks, with the
 * reason, and another approves. The request is a row in `pending_changes` (the one table for changes
 * that wait for a second person); both steps are audited.
 */
export async function requestUnfreeze(bank: Bank, input: { accountId: number; reason: string }, actor: string, now = Date.now()) {
  return inTransaction(bank, async (trx) => {
    const a = (await lockAccounts(trx, bank.dialect, [input.accountId])).get(input.accountId);
    if (!a) throw new AppError('NOT_FOUND', `There is no account with id ${input.accountId}.`);
    const freeze = a.status === 'frozen' ? await lockedFreezeKind(trx, a.id) : null;
    if (a.status !== 'frozen') throw new AppError('CONFLICT', `Account ${a.account_no} is not frozen.`);
    if (!freeze || !isProtective(freeze.kind)) {
      throw new AppError('VALIDATION', `Account ${a.account_no} is frozen at the customer’s request: a teller can lift that directly, no approval needed.`);
    }
    const open = await trx
      .selectFrom('pending_changes')
      .select(['id', 'requested_by'])
      .where('kind', '=', 'account.unfreeze')
      .where('subject', '=', String(a.id))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (open) throw new AppError('CONFLICT', `${open.requested_by} already asked to lift this freeze (request ${Number(open.id)}); it is waiting for another person’s approval.`);
    const res = await trx
      .insertInto('pending_changes')
      .values({
        kind: 'account.unfreeze',
        subject: String(a.id),
        payload: JSON.stringify({ accountId: a.id, freezeKind: freeze.kind }),
        reason: input.reason,
        status: 'pending',
        requested_by: actor,
        requested_at: now,
        decided_by: null,
        decided_at: null,
        updated_at: now,
      })
      .executeTakeFirstOrThrow();
    const requestId = Number(res.insertId);
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: 'account.unfreeze_requested',
        entity: 'account',
        entityId: a.account_no,
        details: { requestId, kind: freeze.kind, frozenBy: freeze.frozenBy, reason: input.reason },
      },
      now,
    );
    return { requestId, accountId: a.id, status: 'pending' as const, requestedBy: actor, requestedAt: now };
  });
}

/** A second person approves: the account opens again, the request is closed, both audited. */
export async function approveUnfreeze(bank: Bank, input: { requestId: number }, actor: string, now = Date.now()): Promise<AccountDetail> {
  const accountId = await inTransaction(bank, async (trx) => {
    let q = trx.selectFrom('pending_changes').selectAll().where('id', '=', input.requestId).where('kind', '=', 'account.unfreeze');
    if (bank.dialect === 'mysql') q = q.forUpdate();
    const req = await q.executeTakeFirst();
    if (!req) throw new AppError('NOT_FOUND', `There is no request ${input.requestId} to lift a freeze.`);
    if (req.status !== 'pending') throw new AppError('CONFLICT', `Request ${input.requestId} was already ${req.status}${req.decided_by ? ` by ${req.decided_by}` : ''}.`);
    if (req.requested_by === actor) {
      throw new AppError('FORBIDDEN', `You asked for this yourself: another person with fraud review must approve request ${input.requestId}.`);
    }
    const id = Number(req.subject);
    const a = (await lockAccounts(trx, bank.dialect, [id])).get(id);
    if (!a) throw new AppError('NOT_FOUND', `There is no account with id ${id}.`);
    const freeze = a.status === 'frozen' ? await lockedFreezeKind(trx, id) : null;
    if (a.status !== 'frozen') throw new AppError('CONFLICT', `Account ${a.account_no} is no longer frozen.`);
    await trx.updateTable('pending_changes').set({ status: 'approved', decided_by: actor, decided_at: now, updated_at: now }).where('id', '=', req.id).execute();
    await trx.deleteFrom('account_freezes').where('account_id', '=', id).execute();
    await trx.updateTable('accounts').set({ status: 'open', status_reason: null, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: 'account.unfreeze',
        entity: 'account',
        entityId: a.account_no,
        details: {
          reason: req.reason,
          kind: freeze?.kind ?? null,
          requestId: Number(req.id),
          requestedBy: req.requested_by,
          approvedBy: actor,
          note: `${freeze ? FREEZE_LABELS[freeze.kind] : 'a'} freeze lifted with a second person's approval`,
        },
      },
      now,
    );
    return id;
  });
  return accountDetail(bank.db, { id: accountId }, null);
}
