import type { Transaction } from 'kysely';
import { caseDb, type BankDatabase } from '../source';

export type CaseEventDetails = Record<string, string | number | boolean | null | (string | number)[]>;

export interface CaseEvent {
  actor: string;
  kind: string;
  summary: string;
  details?: CaseEventDetails;
}

/** Appends one line to a case's timeline, in the caller's transaction (with the action and its audit entry). */
export async function addCaseEvent(trx: Transaction<BankDatabase>, caseId: number, e: CaseEvent, now: number): Promise<void> {
  await caseDb(trx)
    .insertInto('review_case_events')
    .values({ case_id: caseId, at: now, actor: e.actor, kind: e.kind, summary: e.summary.slice(0, 400), details: JSON.stringify(e.details ?? {}) })
    .execute();
}

/**
 * An action on alerts also goes on the timeline of every case holding one of them (a claim, a note,
 * a dismissal, a confirmation, an escalation made from the alert's own page). Alerts in no case: nothing.
 */
export async function addAlertEvent(trx: Transaction<BankDatabase>, alertIds: readonly number[], e: CaseEvent, now: number): Promise<void> {
  if (alertIds.length === 0) return;
  const rows = await caseDb(trx)
    .selectFrom('review_case_alerts')
    .select(['case_id', 'alert_id'])
    .where('alert_id', 'in', [...alertIds])
    .execute();
  const byCase = new Map<number, number[]>();
  for (const r of rows) byCase.set(Number(r.case_id), [...(byCase.get(Number(r.case_id)) ?? []), Number(r.alert_id)]);
  for (const [caseId, alerts] of byCase) await addCaseEvent(trx, caseId, { ...e, details: { ...e.details, alerts } }, now);
}
