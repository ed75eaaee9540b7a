import { bankDayOf, dayIso } from '../../shared/bank-time';
import type { ComplianceCase } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { inTransaction } from '../ledger';
import type { Bank } from '../source';
import { deadlineStatus, dueDay, SAR_DUE_DAYS, SAR_DUE_DAYS_NO_SUSPECT } from './deadlines';
import { cdb } from './tables';

/**
 * Cases escalated from fraud review belong to compliance: one case row (fraud_cases) with its alert,
 * accounts, notes, versioned SAR drafts, the SAR filing (which stops the deadline clock) and closing.
 */

export async function getCase(read: Bank, id: number, timeZone: string, now: number): Promise<ComplianceCase> {
  const list = await listCases(read, timeZone, now, 'all', id);
  const c = list[0];
  if (!c) throw new AppError('NOT_FOUND', `There is no case ${id}.`);
  return c;
}

export async function listCases(read: Bank, timeZone: string, now: number, status: 'open' | 'closed' | 'all', onlyId?: number): Promise<ComplianceCase[]> {
  const db = cdb(read);
  let q = db
    .selectFrom('fraud_cases as k')
    .leftJoin('fraud_alerts as f', 'f.id', 'k.alert_id')
    .leftJoin('customers as c', 'c.id', 'f.customer_id')
    .leftJoin('accounts as a', 'a.id', 'f.account_id')
    .select([
      'k.id',
      'k.title',
      'k.status',
      'k.owner',
      'k.alert_id',
      'k.notes',
      'k.created_at',
      'k.suspect_known',
      'k.sar_reference',
      'k.sar_filed_by',
      'k.sar_filed_at',
      'k.closed_reason',
      'f.customer_id',
      'c.legal_name',
      'a.account_no',
    ]);
  if (onlyId !== undefined) q = q.where('k.id', '=', onlyId);
  else if (status === 'open') q = q.where('k.closed_at', 'is', null);
  else if (status === 'closed') q = q.where('k.closed_at', 'is not', null);
  const rows = await q.orderBy('k.created_at').limit(1000).execute();
  const ids = rows.map((r) => Number(r.id));
  const drafts = ids.length ? await db.selectFrom('case_sar_drafts').selectAll().where('case_id', 'in', ids).orderBy('version', 'desc').execute() : [];
  const today = bankDayOf(now, timeZone);
  return rows.map((r) => {
    const due = dueDay(bankDayOf(Number(r.created_at), timeZone), Number(r.suspect_known) === 0 ? SAR_DUE_DAYS_NO_SUSPECT : SAR_DUE_DAYS);
    return {
      id: Number(r.id),
      title: r.title,
      status: r.status,
      owner: r.owner,
      alertId: r.alert_id === null ? null : Number(r.alert_id),
      customerId: r.customer_id === null ? null : Number(r.customer_id),
      customerName: r.legal_name,
      accounts: r.account_no ? [r.account_no] : [],
      escalatedAt: Number(r.created_at),
      suspectKnown: Number(r.suspect_known) !== 0,
      sarDueDay: dayIso(due),
      sarStatus: deadlineStatus(due, today, r.sar_filed_at !== null),
      sarReference: r.sar_reference,
      sarFiledBy: r.sar_filed_by,
      sarFiledAt: r.sar_filed_at === null ? null : Number(r.sar_filed_at),
      closedReason: r.closed_reason,
      notes: r.notes,
      drafts: drafts.filter((d) => Number(d.case_id) === Number(r.id)).map((d) => ({ version: Number(d.version), text: d.text, author: d.author, at: Number(d.created_at) })),
    };
  });
}

type Trx = Parameters<Parameters<typeof inTransaction>[1]>[0];

async function lockCase(trx: Trx, bank: Bank, id: number) {
  const q = cdb(trx).selectFrom('fraud_cases').selectAll().where('id', '=', id);
  const row = await (bank.dialect === 'mysql' ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `There is no case ${id}.`);
  return row;
}

function stamp(actor: string, now: number): string {
  return `${actor} (${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
}

export async function updateCase(
  bank: Bank,
  input: { id: number; owner?: string | null | undefined; suspectKnown?: boolean | undefined; note?: string | undefined },
  actor: string,
  now: number,
): Promise<void> {
  await inTransaction(bank, async (trx) => {
    const k = await lockCase(trx, bank, input.id);
    if (k.closed_at !== null) throw new AppError('CONFLICT', `Case ${input.id} is closed (${k.closed_reason ?? ''}).`);
    const set: { owner?: string | null; suspect_known?: number; notes?: string; updated_at: number } = { updated_at: now };
    if (input.owner !== undefined) set.owner = input.owner || null;
    if (input.suspectKnown !== undefined) {
      if (k.sar_filed_at !== null) throw new AppError('CONFLICT', `The SAR for case ${input.id} is filed; its deadline no longer changes.`);
      set.suspect_known = input.suspectKnown ? 1 : 0;
    }
    if (input.note) set.notes = `${k.notes}${k.notes ? '\n' : ''}${stamp(actor, now)}: ${input.note}`;
    await cdb(trx).updateTable('fraud_cases').set(set).where('id', '=', input.id).execute();
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: 'compliance.case_updated',
        entity: 'fraud_case',
        entityId: input.id,
        details: { owner: input.owner, suspectKnown: input.suspectKnown, note: input.note ?? null },
      },
      now,
    );
  });
}

export async function saveSarDraft(bank: Bank, input: { id: number; text: string; baseVersion: number }, actor: string, now: number): Promise<void> {
  await inTransaction(bank, async (trx) => {
    const k = await lockCase(trx, bank, input.id);
    if (k.sar_filed_at !== null) throw new AppError('CONFLICT', `The SAR for case ${input.id} was filed (${k.sar_reference ?? ''}); the draft is final.`);
    const db = cdb(trx);
    const last = await db.selectFrom('case_sar_drafts').select(['version', 'author']).where('case_id', '=', input.id).orderBy('version', 'desc').executeTakeFirst();
    const current = Number(last?.version ?? 0);
    if (current !== input.baseVersion)
      throw new AppError(
        'CONFLICT',
        `${last?.author ?? 'Someone'} saved version ${current} of this SAR draft after the one you edited (${input.baseVersion}); reload it and apply your changes to it.`,
      );
    await db
      .insertInto('case_sar_drafts')
      .values({ case_id: input.id, version: current + 1, text: input.text, author: actor, created_at: now })
      .execute();
    await db.updateTable('fraud_cases').set({ updated_at: now }).where('id', '=', input.id).execute();
    await appendAudit(
      trx,
      bank.dialect,
      { actor, action: 'compliance.sar_draft_saved', entity: 'fraud_case', entityId: input.id, details: { version: current + 1, characters: input.text.length } },
      now,
    );
  });
}

export async function fileSar(bank: Bank, input: { id: number; reference: string }, actor: string, now: number): Promise<void> {
  await inTransaction(bank, async (trx) => {
    const k = await lockCase(trx, bank, input.id);
    if (k.sar_filed_at !== null) throw new AppError('CONFLICT', `The SAR for case ${input.id} was already filed by ${k.sar_filed_by ?? 'someone'} (${k.sar_reference ?? ''}).`);
    await cdb(trx).updateTable('fraud_cases').set({ sar_reference: input.reference, sar_filed_by: actor, sar_filed_at: now, updated_at: now }).where('id', '=', input.id).execute();
    await appendAudit(trx, bank.dialect, { actor, action: 'compliance.sar_filed', entity: 'fraud_case', entityId: input.id, details: { reference: input.reference } }, now);
  });
}

export async function closeCase(bank: Bank, input: { id: number; reason: string }, actor: string, now: number): Promise<void> {
  await inTransaction(bank, async (trx) => {
    const k = await lockCase(trx, bank, input.id);
    if (k.closed_at !== null) throw new AppError('CONFLICT', `Case ${input.id} was already closed: ${k.closed_reason ?? ''}.`);
    await cdb(trx).updateTable('fraud_cases').set({ status: 'closed', closed_reason: input.reason, closed_at: now, updated_at: now }).where('id', '=', input.id).execute();
    await appendAudit(
      trx,
      bank.dialect,
      { actor, action: 'compliance.case_closed', entity: 'fraud_case', entityId: input.id, details: { reason: input.reason, sarFiled: k.sar_filed_at !== null } },
      now,
    );
  });
}
