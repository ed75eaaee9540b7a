import type { Kysely, Transaction } from 'kysely';
import type { AccountDetail, FreezeKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { BankDatabase } from '../source';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

export const FREEZE_LABELS: Record<FreezeKind, string> = { customer_request: 'customer-requested', fraud: 'fraud', compliance: 'compliance' };

/** A customer's own freeze is the teller's to lift; fraud and compliance freezes are protective. */
export const isProtective = (kind: FreezeKind): boolean => kind !== 'customer_request';

/** Who may lift a freeze of this kind, in words the refused person can act on. */
export function whoMayLift(kind: FreezeKind): string {
  return isProtective(kind)
    ? 'Only fraud review (a fraud analyst, compliance officer or manager) can lift it, and a second person must approve: one requests it (accounts.requestUnfreeze), another approves it.'
    : 'Any teller can lift it at the customer’s request.';
}

/** The freeze on an account and any request to lift it waiting for approval; undefined when not frozen. */
export async function freezeOf(db: Db, accountId: number): Promise<AccountDetail['freeze']> {
  const f = await db.selectFrom('account_freezes').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  if (!f) return undefined;
  const p = await db
    .selectFrom('pending_changes')
    .select(['id', 'requested_by', 'requested_at', 'reason'])
    .where('kind', '=', 'account.unfreeze')
    .where('subject', '=', String(accountId))
    .where('status', '=', 'pending')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return {
    kind: f.kind,
    frozenBy: f.frozen_by,
    frozenAt: Number(f.frozen_at),
    pendingUnfreeze: p ? { requestId: Number(p.id), requestedBy: p.requested_by, requestedAt: Number(p.requested_at), reason: p.reason } : null,
  };
}

/** Records why and by whom the account is now frozen (replacing a weaker freeze's record). */
export async function recordFreeze(trx: Transaction<BankDatabase>, accountId: number, kind: FreezeKind, actor: string, now: number): Promise<void> {
  await trx.deleteFrom('account_freezes').where('account_id', '=', accountId).execute();
  await trx.insertInto('account_freezes').values({ account_id: accountId, kind, frozen_by: actor, frozen_at: now }).execute();
}

/** The freeze kind on a locked, frozen account (a freeze from before schema v8 has its row from the migration). */
export async function lockedFreezeKind(trx: Transaction<BankDatabase>, accountId: number): Promise<{ kind: FreezeKind; frozenBy: string; frozenAt: number } | null> {
  const f = await trx.selectFrom('account_freezes').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  return f ? { kind: f.kind, frozenBy: f.frozen_by, frozenAt: Number(f.frozen_at) } : null;
}

/** Refuses a direct unfreeze of a protective freeze, naming who froze it and who may lift it. */
export function refuseDirectUnfreeze(accountNo: string, freeze: { kind: FreezeKind; frozenBy: string; frozenAt: number }): never {
  const when = new Date(freeze.frozenAt).toISOString().slice(0, 16).replace('T', ' ');
  throw new AppError('FORBIDDEN', `Account ${accountNo} has a ${FREEZE_LABELS[freeze.kind]} freeze set by ${freeze.frozenBy} on ${when} UTC. ${whoMayLift(freeze.kind)}`);
}
