import { sql } from 'kysely';
import { parseDayIso } from '../../shared/bank-time';
import type { ChangeProposal, PendingChangeView } from '../../shared/contract';
import { changeProposalSchema } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatMinorPlain, isCurrencyCode, parseAmount } from '../../shared/money';
import { appendAudit } from '../audit';
import { inTransaction } from '../ledger';
import type { Bank } from '../source';
import { parseRate } from './fx';
import { monitorSpec } from './monitors';
import { LIMIT_SCALE, loadSettings, MONEY_INPUTS, RATIO_INPUTS } from './settings';
import { cdb } from './tables';

/**
 * Maker–checker for compliance limits, bands, bank inputs and exchange rates: the one
 * `pending_changes` table (kind 'compliance.change') that lifting a fraud freeze also uses. A proposal
 * is validated and normalised when made (what the checker sees is exactly what will apply), takes
 * effect only when another person with compliance.approve approves it, and both steps are audited.
 */

const KIND = 'compliance.change';

interface ChangeRow {
  id: number;
  subject: string;
  payload: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string;
  requested_at: number;
  decided_by: string | null;
  decided_at: number | null;
}

function subjectOf(p: ChangeProposal): string {
  if (p.kind === 'limit') return `limit:${p.monitor}`;
  if (p.kind === 'input') return `input:${p.key}:${p.effectiveDay}`;
  return `rate:${p.currency}:${p.day}`;
}

function pct(v: string): string {
  return `${(Number(v) * 100).toLocaleString('en-US', { maximumFractionDigits: 4 })} %`;
}

export function summarizeChange(p: ChangeProposal, reportingCurrency: string): string {
  if (p.kind === 'limit') {
    const m = monitorSpec(p.monitor);
    const f = (v: string) => (m.unit === 'ratio' ? pct(v) : v);
    return `${m.name}: limit ${f(p.limit)}, warning from ${f(p.warning)}`;
  }
  if (p.kind === 'rate') return `Exchange rate ${p.currency} → ${reportingCurrency} on ${p.day}: ${p.rate}`;
  const v = MONEY_INPUTS.has(p.key)
    ? `${formatMinorPlain(Number(p.value), reportingCurrency)} ${reportingCurrency}`
    : RATIO_INPUTS.has(p.key)
      ? pct(p.value)
      : p.value;
  return `${p.key.replace(/_/g, ' ')} from ${p.effectiveDay}: ${v}`;
}

function toView(r: ChangeRow, reportingCurrency: string): PendingChangeView {
  const proposal = changeProposalSchema.parse(JSON.parse(r.payload));
  return {
    id: Number(r.id),
    proposal,
    summary: summarizeChange(proposal, reportingCurrency),
    reason: r.reason,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: Number(r.requested_at),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
  };
}

/** Checks a proposal and returns it normalised: money as minor units, codes upper-case. */
export function normaliseProposal(p: ChangeProposal, reportingCurrency: string): ChangeProposal {
  if (parseDayIso(p.kind === 'rate' ? p.day : p.kind === 'input' ? p.effectiveDay : '2000-01-01') === null)
    throw new AppError('VALIDATION', 'That day is not a calendar date.');
  if (p.kind === 'limit') {
    const m = monitorSpec(p.monitor);
    const limit = Number(p.limit);
    const warning = Number(p.warning);
    if (m.unit === 'ratio' && (limit < 0 || limit > 100 || warning < 0 || warning > 100))
      throw new AppError('VALIDATION', 'Ratios are fractions: 0.25 for 25 %.');
    if (m.unit === 'count' && (!Number.isInteger(limit) || !Number.isInteger(warning) || limit < 0 || warning < 0))
      throw new AppError('VALIDATION', 'Counts are whole numbers of at least 0.');
    if (m.direction === 'max' && warning > limit)
      throw new AppError(
        'VALIDATION',
        `${m.name} must stay at or below its limit: the warning edge (${p.warning}) cannot be above the limit (${p.limit}).`,
      );
    if (m.direction === 'min' && warning < limit)
      throw new AppError(
        'VALIDATION',
        `${m.name} must stay at or above its limit: the warning edge (${p.warning}) cannot be below the limit (${p.limit}).`,
      );
    if (!Number.isSafeInteger(Math.round(limit * LIMIT_SCALE)) || !Number.isSafeInteger(Math.round(warning * LIMIT_SCALE)))
      throw new AppError('VALIDATION', 'That limit is too large.');
    return { ...p, limit: String(limit), warning: String(warning) };
  }
  if (p.kind === 'rate') {
    const currency = p.currency.toUpperCase();
    if (currency === reportingCurrency) throw new AppError('VALIDATION', `${currency} is the reporting currency: it needs no rate.`);
    if (!parseRate(p.rate))
      throw new AppError('VALIDATION', 'The rate must be more than zero, e.g. 25.31 (reporting-currency units for one unit).');
    return { ...p, currency };
  }
  if (p.key === 'reporting_currency') {
    const code = p.value.trim().toUpperCase();
    if (!isCurrencyCode(code)) throw new AppError('VALIDATION', `${p.value} is not an ISO 4217 currency code.`);
    return { ...p, value: code };
  }
  if (MONEY_INPUTS.has(p.key)) {
    const parsed = parseAmount(p.value, reportingCurrency);
    if (!parsed.ok) throw new AppError('VALIDATION', `${p.key.replace(/_/g, ' ')}: ${parsed.reason}`);
    return { ...p, value: String(parsed.minor) };
  }
  const v = Number(p.value);
  if (!/^\d+(\.\d+)?$/.test(p.value.trim()) || v < 0 || v > 1)
    throw new AppError('VALIDATION', `${p.key.replace(/_/g, ' ')} is a fraction between 0 and 1 (0.1 for 10 %).`);
  return { ...p, value: String(v) };
}

const SELECT = sql`select id, subject, payload, reason, status, requested_by, requested_at, decided_by, decided_at from pending_changes`;

export async function listChanges(bank: Bank): Promise<PendingChangeView[]> {
  const settings = await loadSettings(bank);
  const rows =
    await sql<ChangeRow>`${SELECT} where kind = ${KIND} and (status = 'pending' or id in (select id from (select id from pending_changes where kind = ${KIND} and status <> 'pending' order by id desc limit 50) recent)) order by id desc`.execute(
      bank.db,
    );
  return rows.rows.map((r) => toView(r, settings.reportingCurrency));
}

export async function proposeChange(
  bank: Bank,
  input: { proposal: ChangeProposal; reason: string },
  actor: string,
  now: number,
): Promise<PendingChangeView> {
  const settings = await loadSettings(bank);
  const proposal = normaliseProposal(input.proposal, settings.reportingCurrency);
  const subject = subjectOf(proposal);
  return inTransaction(bank, async (trx) => {
    const open = await sql<{
      id: number;
      requested_by: string;
    }>`select id, requested_by from pending_changes where kind = ${KIND} and subject = ${subject} and status = 'pending'`.execute(trx);
    const o = open.rows[0];
    if (o)
      throw new AppError(
        'CONFLICT',
        `${o.requested_by} already proposed a change of this (request ${Number(o.id)}); it waits for approval. Approve or reject it first.`,
      );
    const res =
      await sql`insert into pending_changes (kind, subject, payload, reason, status, requested_by, requested_at, decided_by, decided_at, updated_at)
      values (${KIND}, ${subject}, ${JSON.stringify(proposal)}, ${input.reason}, 'pending', ${actor}, ${now}, null, null, ${now})`.execute(
        trx,
      );
    const id = Number(res.insertId);
    await appendAudit(
      trx,
      bank.dialect,
      { actor, action: 'compliance.change_proposed', entity: 'pending_change', entityId: id, details: { proposal, reason: input.reason } },
      now,
    );
    return toView(
      {
        id,
        subject,
        payload: JSON.stringify(proposal),
        reason: input.reason,
        status: 'pending',
        requested_by: actor,
        requested_at: now,
        decided_by: null,
        decided_at: null,
      },
      settings.reportingCurrency,
    );
  });
}

async function decide(bank: Bank, id: number, actor: string, now: number, approve: boolean, reason: string): Promise<PendingChangeView> {
  const settings = await loadSettings(bank);
  return inTransaction(bank, async (trx) => {
    const q = sql<ChangeRow>`${SELECT} where id = ${id} and kind = ${KIND}${bank.dialect === 'mysql' ? sql` for update` : sql``}`;
    const row = (await q.execute(trx)).rows[0];
    if (!row) throw new AppError('NOT_FOUND', `There is no proposed compliance change ${id}.`);
    if (row.status !== 'pending')
      throw new AppError('CONFLICT', `Change ${id} was already ${row.status}${row.decided_by ? ` by ${row.decided_by}` : ''}.`);
    if (row.requested_by === actor)
      throw new AppError(
        'FORBIDDEN',
        `You proposed change ${id} yourself: another person with the right must ${approve ? 'approve' : 'reject'} it.`,
      );
    const upd =
      await sql`update pending_changes set status = ${approve ? 'approved' : 'rejected'}, decided_by = ${actor}, decided_at = ${now}, updated_at = ${now} where id = ${id} and status = 'pending'`.execute(
        trx,
      );
    if (Number(upd.numAffectedRows ?? 0) !== 1) throw new AppError('CONFLICT', `Change ${id} was decided by someone else just now.`);
    const proposal = changeProposalSchema.parse(JSON.parse(row.payload));
    if (approve) await applyChange(trx, proposal, row.requested_by, actor, id, now);
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: approve ? 'compliance.change_approved' : 'compliance.change_rejected',
        entity: 'pending_change',
        entityId: id,
        details: { proposal, requestedBy: row.requested_by, decidedBy: actor, reason: approve ? row.reason : reason },
      },
      now,
    );
    return toView({ ...row, status: approve ? 'approved' : 'rejected', decided_by: actor, decided_at: now }, settings.reportingCurrency);
  });
}

type Trx = Parameters<Parameters<typeof inTransaction>[1]>[0];

async function applyChange(trx: Trx, p: ChangeProposal, maker: string, checker: string, changeId: number, now: number): Promise<void> {
  const db = cdb(trx);
  if (p.kind === 'limit') {
    const m = monitorSpec(p.monitor);
    const last = await db
      .selectFrom('compliance_thresholds')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('metric', '=', p.monitor)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await db
      .updateTable('compliance_thresholds')
      .set({ status: 'retired', updated_at: now })
      .where('metric', '=', p.monitor)
      .where('status', '=', 'active')
      .execute();
    await db
      .insertInto('compliance_thresholds')
      .values({
        metric: p.monitor,
        description: m.name,
        unit: m.unit,
        warn_at: Math.round(Number(p.warning) * LIMIT_SCALE),
        breach_at: Math.round(Number(p.limit) * LIMIT_SCALE),
        version,
        status: 'active',
        proposed_by: maker,
        approved_by: checker,
        updated_at: now,
      })
      .execute();
    return;
  }
  const key = p.kind === 'rate' ? 'fx_rate' : p.key;
  const currency = p.kind === 'rate' ? p.currency : '';
  const day = p.kind === 'rate' ? p.day : p.effectiveDay;
  const value = p.kind === 'rate' ? p.rate : p.value;
  const last = await db
    .selectFrom('compliance_inputs')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('input_key', '=', key)
    .where('currency', '=', currency)
    .where('effective_day', '=', day)
    .executeTakeFirst();
  await db
    .insertInto('compliance_inputs')
    .values({
      input_key: key,
      currency,
      effective_day: day,
      value,
      version: Number(last?.v ?? 0) + 1,
      entered_by: maker,
      approved_by: checker,
      change_id: changeId,
      created_at: now,
    })
    .execute();
}

export const approveChange = (bank: Bank, id: number, actor: string, now: number) => decide(bank, id, actor, now, true, '');
export const rejectChange = (bank: Bank, id: number, reason: string, actor: string, now: number) =>
  decide(bank, id, actor, now, false, reason);
