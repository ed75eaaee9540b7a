import { parseDayIso } from '../../shared/bank-time';
import type { ChangeProposal, PendingChangeView } from '../../shared/contract';
import { changeProposalSchema } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatMinorPlain, isCurrencyCode, parseAmount } from '../../shared/money';
import { decidePending, listPending, openPending, type PendingRow } from '../approvals';
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

const KIND = 'compliance.change' as const;

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
  const v = MONEY_INPUTS.has(p.key) ? `${formatMinorPlain(Number(p.value), reportingCurrency)} ${reportingCurrency}` : RATIO_INPUTS.has(p.key) ? pct(p.value) : p.value;
  return `${p.key.replace(/_/g, ' ')} from ${p.effectiveDay}: ${v}`;
}

function toView(r: PendingRow, reportingCurrency: string): PendingChangeView {
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
  if (parseDayIso(p.kind === 'rate' ? p.day : p.kind === 'input' ? p.effectiveDay : '2000-01-01') === null) throw new AppError('VALIDATION', 'That day is not a calendar date.');
  if (p.kind === 'limit') {
    const m = monitorSpec(p.monitor);
    const limit = Number(p.limit);
    const warning = Number(p.warning);
    if (m.unit === 'ratio' && (limit < 0 || limit > 100 || warning < 0 || warning > 100)) throw new AppError('VALIDATION', 'Ratios are fractions: 0.25 for 25 %.');
    if (m.unit === 'count' && (!Number.isInteger(limit) || !Number.isInteger(warning) || limit < 0 || warning < 0))
      throw new AppError('VALIDATION', 'Counts are whole numbers of at least 0.');
    if (m.direction === 'max' && warning > limit)
      throw new AppError('VALIDATION', `${m.name} must stay at or below its limit: the warning edge (${p.warning}) cannot be above the limit (${p.limit}).`);
    if (m.direction === 'min' && warning < limit)
      throw new AppError('VALIDATION', `${m.name} must stay at or above its limit: the warning edge (${p.warning}) cannot be below the limit (${p.limit}).`);
    if (!Number.isSafeInteger(Math.round(limit * LIMIT_SCALE)) || !Number.isSafeInteger(Math.round(warning * LIMIT_SCALE)))
      throw new AppError('VALIDATION', 'That limit is too large.');
    return { ...p, limit: String(limit), warning: String(warning) };
  }
  if (p.kind === 'rate') {
    const currency = p.currency.toUpperCase();
    if (currency === reportingCurrency) throw new AppError('VALIDATION', `${currency} is the reporting currency: it needs no rate.`);
    if (!parseRate(p.rate)) throw new AppError('VALIDATION', 'The rate must be more than zero, e.g. 25.31 (reporting-currency units for one unit).');
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
  if (!/^\d+(\.\d+)?$/.test(p.value.trim()) || v < 0 || v > 1) throw new AppError('VALIDATION', `${p.key.replace(/_/g, ' ')} is a fraction between 0 and 1 (0.1 for 10 %).`);
  return { ...p, value: String(v) };
}

export async function listChanges(bank: Bank): Promise<PendingChangeView[]> {
  const settings = await loadSettings(bank);
  return (await listPending(bank.db, KIND)).map((r) => toView(r, settings.reportingCurrency));
}

export async function proposeChange(bank: Bank, input: { proposal: ChangeProposal; reason: string }, actor: string, now: number): Promise<PendingChangeView> {
  const settings = await loadSettings(bank);
  const proposal = normaliseProposal(input.proposal, settings.reportingCurrency);
  return inTransaction(bank, async (trx) => {
    const row = await openPending(
      trx,
      { kind: KIND, subject: subjectOf(proposal), payload: proposal, reason: input.reason, actor, now },
      (id, by) => `${by} already proposed a change of this (request ${id}); it waits for approval. Approve or reject it first.`,
    );
    await appendAudit(
      trx,
      bank.dialect,
      { actor, action: 'compliance.change_proposed', entity: 'pending_change', entityId: row.id, details: { proposal, reason: input.reason } },
      now,
    );
    return toView(row, settings.reportingCurrency);
  });
}

async function decide(bank: Bank, id: number, actor: string, now: number, approve: boolean, reason: string): Promise<PendingChangeView> {
  const settings = await loadSettings(bank);
  return inTransaction(bank, async (trx) => {
    const row = await decidePending(trx, bank.dialect, { kind: KIND, id, actor, now, approve }, 'proposed compliance change');
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
    return toView(row, settings.reportingCurrency);
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
    await db.updateTable('compliance_thresholds').set({ status: 'retired', updated_at: now }).where('metric', '=', p.monitor).where('status', '=', 'active').execute();
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
export const rejectChange = (bank: Bank, id: number, reason: string, actor: string, now: number) => decide(bank, id, actor, now, false, reason);
