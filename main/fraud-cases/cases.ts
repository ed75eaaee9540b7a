import type { Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { addAlertEvent, addCaseEvent, assertReviewer, fmtTime, handToCompliance } from '../fraud-review';
import { runOnce } from '../idempotency';
import { caseDb, type Bank, type BankDatabase } from '../source';

type Trx = Transaction<BankDatabase>;
const CLOSED: Record<string, string> = { confirmed: 'confirmed as fraud', dismissed: 'dismissed', escalated: 'escalated to compliance' };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The case row under lock (MySQL; SQLite's transaction is the lock); NOT_FOUND when there is none. */
export async function lockCase(trx: Trx, bank: Bank, id: number) {
  const q = caseDb(trx).selectFrom('review_cases').selectAll().where('id', '=', id);
  const row = await (bank.dialect === 'mysql' ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `There is no case ${id}.`);
  return { ...row, id: Number(row.id) };
}

async function lockAlertRows(trx: Trx, bank: Bank, ids: number[]) {
  const q = trx
    .selectFrom('fraud_alerts as f')
    .innerJoin('accounts as a', 'a.id', 'f.account_id')
    .select(['f.id', 'f.status', 'f.assignee', 'f.account_id', 'f.customer_id', 'f.rule_id', 'a.account_no'])
    .where('f.id', 'in', ids)
    .orderBy('f.id');
  const rows = await (bank.dialect === 'mysql' ? q.forUpdate() : q).execute();
  const missing = ids.filter((i) => !rows.some((r) => Number(r.id) === i));
  if (missing.length) throw new AppError('NOT_FOUND', `There is no alert ${missing.join(', ')}.`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Links alerts to a case; an alert already in a case is refused, naming it. */
async function linkAlerts(trx: Trx, caseId: number, ids: number[], actor: string, now: number): Promise<void> {
  const db = caseDb(trx);
  const taken = await db.selectFrom('review_case_alerts').select(['alert_id', 'case_id']).where('alert_id', 'in', ids).execute();
  const elsewhere = taken.filter((t) => Number(t.case_id) !== caseId);
  if (elsewhere.length) throw new AppError('CONFLICT', elsewhere.map((t) => `Alert ${t.alert_id} is already in case ${t.case_id}`).join('; ') + ': an alert belongs to one case.');
  const fresh = ids.filter((i) => !taken.some((t) => Number(t.alert_id) === i));
  if (fresh.length)
    await db
      .insertInto('review_case_alerts')
      .values(fresh.map((alert_id) => ({ alert_id, case_id: caseId, added_by: actor, added_at: now })))
      .execute();
}

function titleFor(alerts: { id: number; account_no: string; rule_id: string }[]): string {
  const accounts = [...new Set(alerts.map((a) => a.account_no))];
  const first = alerts[0];
  if (alerts.length === 1 && first) return `Alert ${first.id}: ${first.rule_id.replace(/_/g, ' ')} on account ${first.account_no}`;
  return `${plural(alerts.length, 'alert')} on ${accounts.length === 1 ? `account ${accounts[0]}` : plural(accounts.length, 'account')}`;
}

/** Groups alerts into a new case owned by the caller (a claim on the case and its open alerts). */
export async function createCase(
  bank: Bank,
  input: { alertIds: number[]; title?: string | undefined; idempotencyKey: string },
  actor: string,
): Promise<{ caseId: number; message: string }> {
  const ids = [...new Set(input.alertIds)].sort((a, b) => a - b);
  return runOnce(
    bank,
    { key: input.idempotencyKey, actor, method: 'cases.create', input: { alertIds: ids, title: input.title ?? null } },
    {
      record: (r: { caseId: number; message: string }) => r,
      replay: async (r) => ('legacyText' in r ? { caseId: 0, message: r.legacyText } : r),
      work: async (trx, now) => {
        const alerts = await lockAlertRows(trx, bank, ids);
        const title = (input.title?.trim() || titleFor(alerts)).slice(0, 200);
        const res = await caseDb(trx)
          .insertInto('review_cases')
          .values({ title, status: 'open', owner: actor, created_by: actor, created_at: now, updated_at: now, compliance_case_id: null })
          .executeTakeFirstOrThrow();
        const caseId = Number(res.insertId);
        await linkAlerts(trx, caseId, ids, actor, now);
        const open = alerts.filter((a) => !CLOSED[a.status]).map((a) => a.id);
        if (open.length) await trx.updateTable('fraud_alerts').set({ assignee: actor, status: 'in_review', updated_at: now }).where('id', 'in', open).execute();
        await appendAudit(trx, bank.dialect, { actor, action: 'fraud.case_created', entity: 'review_case', entityId: caseId, details: { alertIds: ids, title } }, now);
        await addCaseEvent(trx, caseId, { actor, kind: 'case.created', summary: `Opened the case with alerts ${ids.join(', ')}`, details: { alerts: ids, title } }, now);
        return { caseId, message: `Case ${caseId} opened with ${plural(ids.length, 'alert')}.` };
      },
    },
  );
}

export async function addAlerts(bank: Bank, input: { id: number; alertIds: number[]; idempotencyKey: string }, actor: string): Promise<{ caseId: number; message: string }> {
  const ids = [...new Set(input.alertIds)].sort((a, b) => a - b);
  return runOnce(
    bank,
    { key: input.idempotencyKey, actor, method: 'cases.addAlerts', input: { id: input.id, alertIds: ids } },
    {
      record: (r: { caseId: number; message: string }) => r,
      replay: async (r) => ('legacyText' in r ? { caseId: input.id, message: r.legacyText } : r),
      work: async (trx, now) => {
        const k = await lockCase(trx, bank, input.id);
        if (k.status !== 'open') throw new AppError('CONFLICT', `Case ${k.id} was escalated to compliance; alerts are added there now.`);
        const alerts = await lockAlertRows(trx, bank, ids);
        await linkAlerts(trx, k.id, ids, actor, now);
        const open = alerts.filter((a) => !CLOSED[a.status]).map((a) => a.id);
        if (open.length && k.owner) await trx.updateTable('fraud_alerts').set({ assignee: k.owner, status: 'in_review', updated_at: now }).where('id', 'in', open).execute();
        await caseDb(trx).updateTable('review_cases').set({ updated_at: now }).where('id', '=', k.id).execute();
        await appendAudit(trx, bank.dialect, { actor, action: 'fraud.case_alerts_added', entity: 'review_case', entityId: k.id, details: { alertIds: ids } }, now);
        await addCaseEvent(trx, k.id, { actor, kind: 'case.alerts_added', summary: `Added alerts ${ids.join(', ')}`, details: { alerts: ids } }, now);
        return { caseId: k.id, message: `${plural(ids.length, 'alert')} added to case ${k.id}.` };
      },
    },
  );
}

/** Reassigns the case and its open alerts to another reviewer, or releases the claim (owner null). */
export async function assignCase(bank: Bank, input: { id: number; owner: string | null; idempotencyKey: string }, actor: string): Promise<{ caseId: number; message: string }> {
  return runOnce(
    bank,
    { key: input.idempotencyKey, actor, method: 'cases.assign', input: { id: input.id, owner: input.owner } },
    {
      record: (r: { caseId: number; message: string }) => r,
      replay: async (r) => ('legacyText' in r ? { caseId: input.id, message: r.legacyText } : r),
      work: async (trx, now) => {
        const k = await lockCase(trx, bank, input.id);
        if (k.status !== 'open') throw new AppError('CONFLICT', `Case ${k.id} was escalated to compliance; compliance assigns it now.`);
        if (input.owner) await assertReviewer(trx, input.owner);
        const alertIds = (await caseDb(trx).selectFrom('review_case_alerts').select('alert_id').where('case_id', '=', k.id).execute()).map((r) => Number(r.alert_id));
        await caseDb(trx).updateTable('review_cases').set({ owner: input.owner, updated_at: now }).where('id', '=', k.id).execute();
        if (alertIds.length)
          await trx
            .updateTable('fraud_alerts')
            .set(input.owner ? { assignee: input.owner, status: 'in_review', updated_at: now } : { assignee: null, updated_at: now })
            .where('id', 'in', alertIds)
            .where('status', 'in', ['new', 'in_review'])
            .execute();
        const summary = input.owner ? `${k.owner ? `Reassigned from ${k.owner} to` : 'Assigned to'} ${input.owner}` : `Released the claim${k.owner ? ` of ${k.owner}` : ''}`;
        await appendAudit(trx, bank.dialect, { actor, action: 'fraud.case_assigned', entity: 'review_case', entityId: k.id, details: { from: k.owner, to: input.owner } }, now);
        await addCaseEvent(trx, k.id, { actor, kind: input.owner ? 'case.assigned' : 'case.released', summary, details: { from: k.owner, to: input.owner } }, now);
        return { caseId: k.id, message: input.owner ? `Case ${k.id} assigned to ${input.owner}.` : `Case ${k.id} released.` };
      },
    },
  );
}

/** A dismissed alert back into review, with the reason (audited, on its case's timeline, as a note on the alert). */
export async function reopenAlert(bank: Bank, input: { id: number; reason: string; idempotencyKey: string }, actor: string): Promise<{ message: string }> {
  return runOnce(
    bank,
    { key: input.idempotencyKey, actor, method: 'alerts.reopen', input: { id: input.id, reason: input.reason } },
    {
      record: (r: { message: string }) => r,
      replay: async (r) => ('legacyText' in r ? { message: r.legacyText } : r),
      work: async (trx, now) => {
        const [a] = await lockAlertRows(trx, bank, [input.id]);
        if (!a) throw new AppError('NOT_FOUND', `There is no alert ${input.id}.`);
        if (a.status !== 'dismissed')
          throw new AppError(
            'CONFLICT',
            CLOSED[a.status] ? `Alert ${a.id} was ${CLOSED[a.status]}: only a dismissed alert can be reopened.` : `Alert ${a.id} is still open; there is nothing to reopen.`,
          );
        const was = await trx.selectFrom('fraud_alerts').select(['disposed_by', 'disposed_at', 'dismiss_reason']).where('id', '=', a.id).executeTakeFirstOrThrow();
        await trx
          .updateTable('fraud_alerts')
          .set({ status: a.assignee ? 'in_review' : 'new', disposed_by: null, disposed_at: null, dismiss_reason: null, disposition_comment: null, updated_at: now })
          .where('id', '=', a.id)
          .execute();
        const dismissed = `dismissed by ${was.disposed_by ?? 'someone'}${was.disposed_at === null ? '' : ` at ${fmtTime(Number(was.disposed_at))}`}`;
        await trx
          .insertInto('fraud_alert_notes')
          .values({ alert_id: a.id, author: actor, text: `Reopened (was ${dismissed}): ${input.reason}`, created_at: now })
          .execute();
        await appendAudit(
          trx,
          bank.dialect,
          {
            actor,
            action: 'fraud.reopen',
            entity: 'fraud_alert',
            entityId: a.id,
            details: { reason: input.reason, dismissedBy: was.disposed_by, dismissReason: was.dismiss_reason },
          },
          now,
        );
        await addAlertEvent(trx, [a.id], { actor, kind: 'alert.reopened', summary: `Reopened alert ${a.id}: ${input.reason}` }, now);
        return { message: `Alert ${a.id} reopened.` };
      },
    },
  );
}

/**
 * Escalates the case to compliance: one compliance case (fraud_cases, as alerts.escalate makes) for
 * the case's alerts, headed by its first open alert; its open alerts are marked escalated.
 */
export async function escalateCase(
  bank: Bank,
  input: { id: number; comment: string; idempotencyKey: string },
  actor: string,
): Promise<{ caseId: number; complianceCaseId: number; message: string }> {
  type Out = { caseId: number; complianceCaseId: number; message: string };
  return runOnce(
    bank,
    { key: input.idempotencyKey, actor, method: 'cases.escalate', input: { id: input.id, comment: input.comment } },
    {
      record: (r: Out) => r,
      replay: async (r) => ('legacyText' in r ? { caseId: input.id, complianceCaseId: 0, message: r.legacyText } : r),
      work: async (trx, now) => {
        const k = await lockCase(trx, bank, input.id);
        if (k.status !== 'open' && k.compliance_case_id !== null)
          return { caseId: k.id, complianceCaseId: Number(k.compliance_case_id), message: `Case ${k.id} was already escalated.` };
        const ids = (await caseDb(trx).selectFrom('review_case_alerts').select('alert_id').where('case_id', '=', k.id).execute()).map((r) => Number(r.alert_id));
        const alerts = ids.length ? await lockAlertRows(trx, bank, ids) : [];
        const open = alerts.filter((a) => !CLOSED[a.status]);
        if (open.length === 0) throw new AppError('CONFLICT', `Case ${k.id} has no open alert left to escalate.`);
        const complianceCaseId = await handToCompliance(trx, {
          alertIds: open.map((a) => a.id),
          title: `Case ${k.id}: ${k.title}`,
          comment: input.comment,
          actor,
          now,
          moreNotes: `\nAlerts: ${ids.join(', ')}`,
        });
        await caseDb(trx).updateTable('review_cases').set({ status: 'escalated', compliance_case_id: complianceCaseId, updated_at: now }).where('id', '=', k.id).execute();
        await appendAudit(
          trx,
          bank.dialect,
          { actor, action: 'fraud.case_escalated', entity: 'review_case', entityId: k.id, details: { complianceCaseId, alertIds: open.map((a) => a.id), comment: input.comment } },
          now,
        );
        await addCaseEvent(
          trx,
          k.id,
          {
            actor,
            kind: 'case.escalated',
            summary: `Escalated to compliance (compliance case ${complianceCaseId}): ${input.comment}`,
            details: { complianceCaseId, alerts: open.map((a) => a.id) },
          },
          now,
        );
        return { caseId: k.id, complianceCaseId, message: `Case ${k.id} escalated to compliance as case ${complianceCaseId}.` };
      },
    },
  );
}
