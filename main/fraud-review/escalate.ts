import type { Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { inTransaction } from '../ledger';
import type { Bank, BankDatabase } from '../source';
import { assertNotClaimedByOther, CLOSED, lockAlerts, type Locked } from './alert-guards';
import { addAlertEvent } from './case-events';
import { decideAlerts } from './decide';
import { fmtTime } from './rows';

/*
 * Escalating an alert to compliance: it becomes a case (one per alert) and the alert is closed as
 * escalated, audited and on its timeline.
 */

/**
 * Opens the compliance case (a fraud_cases row, on the first of `alertIds`) that alerts are handed
 * over in, and closes those alerts as escalated with the comment. Returns the compliance case's id.
 */
export async function handToCompliance(
  trx: Transaction<BankDatabase>,
  x: { alertIds: number[]; title: string; comment: string; actor: string; now: number; moreNotes?: string },
): Promise<number> {
  const res = await trx
    .insertInto('fraud_cases')
    .values({
      alert_id: x.alertIds[0] ?? null,
      title: x.title.slice(0, 200),
      status: 'open',
      owner: null,
      notes: `${x.actor} (${fmtTime(x.now)}): ${x.comment}${x.moreNotes ?? ''}`,
      created_at: x.now,
      updated_at: x.now,
    })
    .executeTakeFirstOrThrow();
  await decideAlerts(trx, x.alertIds, { status: 'escalated' }, x.actor, x.comment, x.now);
  return Number(res.insertId);
}

/** Escalate to compliance: one case per alert (a second escalation returns the same case). */
export async function escalate(bank: Bank, input: { id: number; comment: string }, actor: string, now: number): Promise<{ caseId: number }> {
  return inTransaction(bank, async (trx) => {
    const a = (await lockAlerts(trx, bank.dialect, [input.id])).get(input.id) as Locked;
    const existing = await trx.selectFrom('fraud_cases').select('id').where('alert_id', '=', input.id).orderBy('id').executeTakeFirst();
    if (existing) return { caseId: Number(existing.id) };
    if (a.status === 'dismissed' || a.status === 'confirmed')
      throw new AppError('CONFLICT', `Alert ${input.id} was already ${CLOSED[a.status]}${a.disposed_by ? ` by ${a.disposed_by}` : ''}; it cannot be escalated.`);
    assertNotClaimedByOther([a], actor, 'escalate');
    const acct = await trx
      .selectFrom('fraud_alerts as f')
      .innerJoin('accounts as ac', 'ac.id', 'f.account_id')
      .select(['ac.account_no', 'f.rule_id'])
      .where('f.id', '=', input.id)
      .executeTakeFirstOrThrow();
    const caseId = await handToCompliance(trx, {
      alertIds: [input.id],
      title: `Alert ${input.id}: ${acct.rule_id.replace(/_/g, ' ')} on account ${acct.account_no}`,
      comment: input.comment,
      actor,
      now,
    });
    await appendAudit(trx, bank.dialect, { actor, action: 'fraud.escalate', entity: 'fraud_alert', entityId: input.id, details: { caseId, comment: input.comment } }, now);
    await addAlertEvent(
      trx,
      [input.id],
      { actor, kind: 'alert.escalated', summary: `Escalated alert ${input.id} to compliance (case ${caseId}): ${input.comment}`, details: { complianceCaseId: caseId } },
      now,
    );
    return { caseId };
  });
}
