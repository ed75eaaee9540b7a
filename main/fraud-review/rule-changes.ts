import { z } from 'zod';
import type { RuleChange, RuleParamChange, RuleVersion } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { decidePending, listPending, openPending, type PendingRow } from '../approvals';
import { appendAudit } from '../audit';
import type { PartialHandlers } from '../dispatch';
import { readRuleVersions, RULES, type RuleId } from '../fraud';
import { inTransaction } from '../ledger';
import type { Bank } from '../source';
import { defaultsOf, paramCurrency, ruleOf, validateParams } from './rules';

/**
 * Rule governance: a changed detection rule waits in `pending_changes` (kind 'fraud.rule_change')
 * until a second person with the fraud-rules right approves it; only then does it become the rule's
 * next row in `fraud_rule_versions`, which scans and the live monitor read. Restoring an earlier
 * version is a change like any other. The maker–checker steps are main/approvals'.
 */

const KIND = 'fraud.rule_change' as const;
type Params = Record<string, number | boolean>;

const payloadSchema = z.object({
  ruleId: z.string(),
  baseVersion: z.number().int(),
  params: z.record(z.string(), z.union([z.number(), z.boolean()])),
  enabled: z.boolean(),
  before: z.record(z.string(), z.union([z.number(), z.boolean()])),
  enabledBefore: z.boolean(),
  restoreOf: z.number().int().nullable(),
  note: z.string(),
  appliedVersion: z.number().int().nullable().default(null),
  rejectReason: z.string().nullable().default(null),
});
type Payload = z.infer<typeof payloadSchema>;

/** Parameters that differ, in the rule's own order. */
export function paramChanges(before: Params | null, after: Params): RuleParamChange[] {
  return Object.keys(after)
    .filter((k) => before?.[k] !== after[k])
    .map((k) => ({ name: k, before: before?.[k] ?? null, after: after[k] as number | boolean }));
}

/** Only the parameters the rule knows, of their default's type, over its defaults. */
function fullParams(id: RuleId, saved: Params): Params {
  const out = defaultsOf(id);
  for (const [k, v] of Object.entries(saved)) if (k in out && typeof v === typeof out[k]) out[k] = v;
  return out;
}

/** Every version of a rule, oldest first: the shipped defaults, then each approved (or earlier saved) version. */
export async function ruleVersions(bank: Bank, ruleId: string): Promise<RuleVersion[]> {
  const id = ruleOf(ruleId);
  const def = RULES[id];
  const out: RuleVersion[] = [
    {
      version: def.version,
      builtIn: true,
      params: defaultsOf(id),
      enabled: true,
      changes: [],
      enabledBefore: null,
      createdBy: 'shipped with the application',
      createdAt: null,
      approvedBy: null,
      restoredFrom: null,
      note: 'The shipped defaults.',
      active: false,
    },
  ];
  for (const v of (await readRuleVersions(bank)).filter((x) => x.ruleId === id)) {
    const prev = out.at(-1) as RuleVersion;
    const params = fullParams(id, v.params);
    out.push({
      version: v.version,
      builtIn: false,
      params,
      enabled: v.enabled,
      changes: paramChanges(prev.params, params),
      enabledBefore: prev.enabled,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
      approvedBy: v.approvedBy,
      restoredFrom: v.restoredFrom,
      note: v.note,
      active: false,
    });
  }
  (out.at(-1) as RuleVersion).active = true;
  return out;
}

function toView(r: PendingRow): RuleChange {
  const p = payloadSchema.parse(JSON.parse(r.payload));
  const id = ruleOf(p.ruleId);
  return {
    id: r.id,
    ruleId: id,
    ruleTitle: RULES[id].title,
    baseVersion: p.baseVersion,
    appliedVersion: p.appliedVersion,
    restoreOf: p.restoreOf,
    params: p.params,
    enabled: p.enabled,
    enabledBefore: p.enabledBefore,
    changes: paramChanges(p.before, p.params),
    note: p.note,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    rejectReason: p.rejectReason,
  };
}

export async function listRuleChanges(bank: Bank): Promise<RuleChange[]> {
  return (await listPending(bank.db, KIND)).map(toView);
}

async function propose(bank: Bank, id: RuleId, next: { params: Params; enabled: boolean; restoreOf: number | null }, note: string, actor: string, now: number) {
  const versions = await ruleVersions(bank, id);
  const active = versions.at(-1) as RuleVersion;
  const currency = await paramCurrency(bank);
  const payload: Payload = {
    ruleId: id,
    baseVersion: active.version,
    params: next.params,
    enabled: next.enabled,
    before: active.params,
    enabledBefore: active.enabled,
    restoreOf: next.restoreOf,
    note,
    appliedVersion: null,
    rejectReason: null,
  };
  if (paramChanges(active.params, next.params).length === 0 && next.enabled === active.enabled)
    throw new AppError(
      'VALIDATION',
      next.restoreOf === null ? 'Nothing changed: the rule already runs with these parameters.' : `Version ${next.restoreOf} is what is in force already.`,
    );
  return inTransaction(bank, async (trx) => {
    const row = await openPending(
      trx,
      { kind: KIND, subject: `rule:${id}`, payload, reason: note.slice(0, 400), actor, now },
      (openId, by) => `${by} already proposed a change of this rule (request ${openId}); it waits for a second person. Approve or reject it first.`,
    );
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: 'fraud.rule_change_proposed',
        entity: 'fraud_rule',
        entityId: id,
        // The currency money parameters are shown in, so the audit log can say them as money.
        details: {
          changeId: row.id,
          baseVersion: active.version,
          restoreOf: next.restoreOf,
          changes: paramChanges(active.params, next.params),
          currency,
          enabled: next.enabled,
          note,
        },
      },
      now,
    );
    return toView(row);
  });
}

/** Proposes changed parameters (those given, over the version in force) and on/off as the rule's next version. */
export async function proposeRuleChange(bank: Bank, input: { ruleId: string; params: Params; enabled: boolean; note: string }, actor: string, now: number) {
  const id = ruleOf(input.ruleId);
  const active = (await ruleVersions(bank, id)).at(-1) as RuleVersion;
  validateParams(id, input.params, active.params);
  return propose(bank, id, { params: { ...active.params, ...input.params }, enabled: input.enabled, restoreOf: null }, input.note.trim(), actor, now);
}

/** Proposes bringing back an earlier version (its parameters and on/off) as the rule's next version. */
export async function proposeRuleRestore(bank: Bank, input: { ruleId: string; version: number; note: string }, actor: string, now: number) {
  const id = ruleOf(input.ruleId);
  const from = (await ruleVersions(bank, id)).find((v) => v.version === input.version);
  if (!from) throw new AppError('NOT_FOUND', `Rule ${id} has no version ${input.version}.`, [{ path: 'version', message: 'No such version' }]);
  return propose(bank, id, { params: from.params, enabled: from.enabled, restoreOf: from.version }, input.note.trim(), actor, now);
}

async function decide(bank: Bank, changeId: number, actor: string, now: number, approve: boolean, reason: string): Promise<RuleChange> {
  const currency = await paramCurrency(bank);
  return inTransaction(bank, async (trx) => {
    const row = await decidePending(trx, bank.dialect, { kind: KIND, id: changeId, actor, now, approve }, 'proposed rule change');
    const p = payloadSchema.parse(JSON.parse(row.payload));
    const id = ruleOf(p.ruleId);
    if (approve) {
      const top = await trx
        .selectFrom('fraud_rule_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('rule_id', '=', id)
        .executeTakeFirst();
      const inForce = top?.v === null || top?.v === undefined ? RULES[id].version : Number(top.v);
      if (inForce !== p.baseVersion)
        throw new AppError('CONFLICT', `Rule ${id} is at version ${inForce} now, not ${p.baseVersion} as when this was proposed: reject it and propose again.`);
      p.appliedVersion = Math.max(inForce, RULES[id].version) + 1;
      await trx
        .insertInto('fraud_rule_versions')
        .values({
          rule_id: id,
          version: p.appliedVersion,
          params: JSON.stringify(p.params),
          enabled: p.enabled ? 1 : 0,
          created_by: row.requested_by,
          created_at: now,
          note: p.note,
          approved_by: actor,
          change_id: changeId,
          restored_from: p.restoreOf,
        })
        .execute();
    } else p.rejectReason = reason;
    await trx
      .updateTable('pending_changes')
      .set({ payload: JSON.stringify(p) })
      .where('id', '=', changeId)
      .execute();
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: approve ? 'fraud.rule_change_approved' : 'fraud.rule_change_rejected',
        entity: 'fraud_rule',
        entityId: id,
        details: {
          changeId,
          version: p.appliedVersion,
          restoreOf: p.restoreOf,
          changes: paramChanges(p.before, p.params),
          currency,
          enabled: p.enabled,
          requestedBy: row.requested_by,
          ...(approve ? {} : { reason }),
        },
      },
      now,
    );
    return toView({ ...row, payload: JSON.stringify(p) });
  });
}

export const approveRuleChange = (bank: Bank, id: number, actor: string, now: number) => decide(bank, id, actor, now, true, '');
export const rejectRuleChange = (bank: Bank, id: number, reason: string, actor: string, now: number) => decide(bank, id, actor, now, false, reason);

export type RuleChangeMethod =
  'fraud.rules.history' | 'fraud.rules.changes.list' | 'fraud.rules.changes.propose' | 'fraud.rules.changes.restore' | 'fraud.rules.changes.approve' | 'fraud.rules.changes.reject';

/** The handlers of the rule-governance methods: reads of the history follow the read side (the cache offline), the rest the bank. */
export function ruleChangeHandlers(deps: { bank: Bank; readSide: () => { bank: Bank }; clock?: () => number }): PartialHandlers<RuleChangeMethod> {
  const clock = deps.clock ?? Date.now;
  return {
    'fraud.rules.history': async (input) => (await ruleVersions(deps.readSide().bank, input.ruleId)).reverse(),
    'fraud.rules.changes.list': () => listRuleChanges(deps.bank),
    'fraud.rules.changes.propose': (input, ctx) => proposeRuleChange(deps.bank, input, ctx.session.username, clock()),
    'fraud.rules.changes.restore': (input, ctx) => proposeRuleRestore(deps.bank, input, ctx.session.username, clock()),
    'fraud.rules.changes.approve': (input, ctx) => approveRuleChange(deps.bank, input.id, ctx.session.username, clock()),
    'fraud.rules.changes.reject': (input, ctx) => rejectRuleChange(deps.bank, input.id, input.reason, ctx.session.username, clock()),
  };
}
