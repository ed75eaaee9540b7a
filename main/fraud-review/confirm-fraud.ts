import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { setAccountStatus } from '../banking';
import { inTransaction } from '../ledger';
import type { Bank } from '../source';
import { assertNotClaimedByOther, lockAlerts } from './alert-guards';
import { addAlertEvent } from './case-events';
import { decideAlerts } from './decide';
import { flaggedJournalIds } from './investigate';

/*
 * Confirming fraud on an alert: the accounts frozen, the transactions marked and the alert closed — and
 * before any of it, the check that each account and transaction belongs to the alert's case. Its own file
 * because it acts beyond the alert (banking's freeze) and so has its own scope check.
 */

/**
 * Confirming an alert acts on that alert's case only (issue 14, finding 10): it freezes the alert's
 * account, another account of the same customer, or a customer account its flagged transactions
 * moved money to or from; it marks the flagged transactions or others booked on the alert's own
 * account. Anything else — another customer's account, an unrelated transaction — is refused and
 * nothing is written.
 */
async function assertWithinAlert(
  bank: Bank,
  alert: { accountId: number; customerId: number | null; flagged: number[] },
  alertId: number,
  accountIds: number[],
  journalIds: number[],
): Promise<void> {
  if (journalIds.length) {
    const found = await bank.db.selectFrom('journal').select('id').where('id', 'in', journalIds).execute();
    const known = new Set(found.map((r) => Number(r.id)));
    const missing = journalIds.filter((j) => !known.has(j));
    if (missing.length) throw new AppError('VALIDATION', `There is no transaction ${missing.join(', ')}.`, [{ path: 'journalIds', message: 'Unknown transaction' }]);
    const flagged = new Set(alert.flagged);
    const others = journalIds.filter((j) => !flagged.has(j));
    if (others.length) {
      const onAccount = await bank.db.selectFrom('entries').select('journal_id').where('account_id', '=', alert.accountId).where('journal_id', 'in', others).execute();
      const own = new Set(onAccount.map((r) => Number(r.journal_id)));
      const foreign = others.filter((j) => !own.has(j));
      if (foreign.length)
        throw new AppError(
          'VALIDATION',
          `Transaction ${foreign.join(', ')} is not part of alert ${alertId}: only its flagged transactions or others on its account can be marked.`,
          [{ path: 'journalIds', message: 'Not part of this alert' }],
        );
    }
  }
  const allowed = new Set<number>([alert.accountId]);
  if (alert.customerId !== null) {
    for (const r of await bank.db.selectFrom('accounts').select('id').where('customer_id', '=', alert.customerId).execute()) allowed.add(Number(r.id));
  }
  if (alert.flagged.length) {
    const legs = await bank.db
      .selectFrom('entries')
      .innerJoin('accounts', 'accounts.id', 'entries.account_id')
      .select('accounts.id')
      .where('entries.journal_id', 'in', alert.flagged)
      .where('accounts.kind', '=', 'customer')
      .execute();
    for (const r of legs) allowed.add(Number(r.id));
  }
  const outside = accountIds.filter((a) => !allowed.has(a));
  if (outside.length) {
    // Say which ids were refused, not whose accounts they are.
    throw new AppError(
      'VALIDATION',
      `Account ${outside.join(', ')} is not part of alert ${alertId}: only the alert's account, the same customer's accounts or accounts its flagged transactions touched can be frozen here.`,
      [{ path: 'freezeAccountIds', message: 'Not part of this alert' }],
    );
  }
}

/**
 * Confirm fraud: freeze the accounts through banking (each freeze audited there; one already frozen
 * is reported, not an error), mark the transactions and close the alert as confirmed, audited.
 */
export async function confirmFraud(
  bank: Bank,
  input: { id: number; freezeAccountIds?: number[] | undefined; journalIds?: number[] | undefined; comment: string },
  actor: string,
  now: number,
) {
  const alert = await bank.db
    .selectFrom('fraud_alerts')
    .select(['id', 'status', 'assignee', 'account_id', 'customer_id', 'disposed_by', 'disposed_at'])
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!alert) throw new AppError('NOT_FOUND', `There is no alert ${input.id}.`);
  if (alert.status === 'confirmed') throw new AppError('CONFLICT', `Alert ${input.id} was already confirmed as fraud${alert.disposed_by ? ` by ${alert.disposed_by}` : ''}.`);
  // Checked before anything is frozen, and again under the lock below.
  assertNotClaimedByOther([{ id: input.id, assignee: alert.assignee }], actor, 'confirm');
  const flagged = await flaggedJournalIds(bank, input.id);
  const accountIds = [...new Set(input.freezeAccountIds?.length ? input.freezeAccountIds : [Number(alert.account_id)])];
  const journalIds = [...new Set(input.journalIds ?? flagged)];
  await assertWithinAlert(
    bank,
    { accountId: Number(alert.account_id), customerId: alert.customer_id === null ? null : Number(alert.customer_id), flagged },
    input.id,
    accountIds,
    journalIds,
  );
  const accounts = await bank.db.selectFrom('accounts').select(['id', 'account_no', 'status', 'kind']).where('id', 'in', accountIds).execute();
  const byId = new Map(accounts.map((a) => [Number(a.id), a]));
  const missingAcct = accountIds.filter((a) => !byId.has(a));
  if (missingAcct.length) throw new AppError('NOT_FOUND', `There is no account with id ${missingAcct.join(', ')}.`);

  const frozen: { accountId: number; accountNo: string; alreadyFrozen: boolean }[] = [];
  for (const id of accountIds) {
    const a = byId.get(id);
    if (!a) continue;
    // Already frozen at the customer's request: freezing as fraud raises it, so only fraud review can lift it.
    try {
      await setAccountStatus(
        bank,
        { accountId: id, status: 'frozen', kind: 'fraud', reason: `Fraud confirmed on alert ${input.id}${input.comment ? `: ${input.comment}` : ''}`.slice(0, 200) },
        actor,
      );
      frozen.push({ accountId: id, accountNo: a.account_no, alreadyFrozen: a.status === 'frozen' });
    } catch (e) {
      // Someone froze it between our read and the freeze: it is frozen, which is what was asked.
      if (e instanceof AppError && e.code === 'CONFLICT') frozen.push({ accountId: id, accountNo: a.account_no, alreadyFrozen: true });
      else throw e;
    }
  }

  let marked = 0;
  await inTransaction(bank, async (trx) => {
    const locked = await lockAlerts(trx, bank.dialect, [input.id]);
    if (locked.get(input.id)?.status === 'confirmed') throw new AppError('CONFLICT', `Alert ${input.id} was just confirmed by someone else.`);
    assertNotClaimedByOther(locked.values(), actor, 'confirm');
    marked = 0;
    for (let i = 0; i < journalIds.length; i += 500) {
      const rows = journalIds.slice(i, i + 500).map((journal_id) => ({ journal_id, alert_id: input.id, marked_by: actor, marked_at: now }));
      const ins = trx.insertInto('fraud_marks').values(rows);
      const res = await (bank.dialect === 'mysql' ? ins.ignore() : ins.onConflict((oc) => oc.column('journal_id').doNothing())).executeTakeFirst();
      marked += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    await decideAlerts(trx, [input.id], { status: 'confirmed' }, actor, input.comment, now);
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: 'fraud.confirm',
        entity: 'fraud_alert',
        entityId: input.id,
        details: { frozen: frozen.map((f) => ({ accountNo: f.accountNo, alreadyFrozen: f.alreadyFrozen })), journalIds, comment: input.comment },
      },
      now,
    );
    const frozenText = frozen.length ? `; froze ${frozen.map((f) => f.accountNo).join(', ')}` : '';
    await addAlertEvent(
      trx,
      [input.id],
      {
        actor,
        kind: 'alert.confirmed',
        summary: `Confirmed fraud on alert ${input.id}: ${journalIds.length} transaction${journalIds.length === 1 ? '' : 's'} marked${frozenText} — ${input.comment}`,
        details: { journalIds, frozen: frozen.map((f) => f.accountNo) },
      },
      now,
    );
  });
  return { frozen, marked };
}
