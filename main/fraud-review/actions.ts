import type { Transaction } from 'kysely';
import type { DismissReason } from './types';
import { fraudMethods } from '../../shared/contract/fraud';
import { AppError } from '../../shared/errors';
import { ROLES, roleHas, type Role } from '../../shared/roles';
import { appendAudit } from '../audit';
import { addAlertEvent } from './case-events';
import { setAccountStatus } from '../banking';
import { runOnce } from '../idempotency';
import { inTransaction } from '../ledger';
import type { Bank, BankDatabase } from '../source';
import { fmtTime } from './rows';
import { flaggedJournalIds } from './investigate';

/** The review writes allowed offline: the same command online, queued, or replayed. */
export type ReviewCommand =
  | { method: 'alerts.assign'; input: { ids: number[]; assignee: string | null } }
  | { method: 'alerts.dismiss'; input: { ids: number[]; reason: DismissReason; comment: string } }
  | { method: 'alerts.addNote'; input: { id: number; text: string } };

/** What the outbox stores per queued method: the contract's input without the key (the row's command_id is the key). */
const STORED_INPUT = {
  'alerts.assign': fraudMethods['alerts.assign'].input.omit({ idempotencyKey: true }),
  'alerts.dismiss': fraudMethods['alerts.dismiss'].input.omit({ idempotencyKey: true }),
  'alerts.addNote': fraudMethods['alerts.addNote'].input.omit({ idempotencyKey: true }),
};

export const QUEUEABLE: ReadonlySet<string> = new Set(Object.keys(STORED_INPUT));

/**
 * A command read back from storage (the cache's outbox), checked with the method's own contract
 * schema: a row damaged on disk or written by another version is refused with the reason, never
 * cast into a command and replayed against the bank.
 */
export function readReviewCommand(method: string, input: unknown): { ok: true; command: ReviewCommand } | { ok: false; reason: string } {
  const refuse = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) => {
    const first = issues[0];
    return {
      ok: false as const,
      reason: `The stored “${method}” command is not valid${first ? ` (${first.path.map(String).join('.') || 'input'}: ${first.message})` : ''}; it was not applied.`,
    };
  };
  switch (method) {
    case 'alerts.assign': {
      const r = STORED_INPUT[method].safeParse(input);
      return r.success ? { ok: true, command: { method, input: r.data } } : refuse(r.error.issues);
    }
    case 'alerts.dismiss': {
      const r = STORED_INPUT[method].safeParse(input);
      return r.success ? { ok: true, command: { method, input: r.data } } : refuse(r.error.issues);
    }
    case 'alerts.addNote': {
      const r = STORED_INPUT[method].safeParse(input);
      return r.success ? { ok: true, command: { method, input: r.data } } : refuse(r.error.issues);
    }
    default:
      return { ok: false, reason: `“${method}” cannot be replayed.` };
  }
}

export function commandIds(c: ReviewCommand): number[] {
  return c.method === 'alerts.addNote' ? [c.input.id] : c.input.ids;
}

/** One line for the outbox list. */
export function summarize(c: ReviewCommand): string {
  const ids = commandIds(c);
  const what = ids.length === 1 ? `alert ${ids[0]}` : `${ids.length} alerts`;
  if (c.method === 'alerts.assign') return c.input.assignee ? `Assign ${what} to ${c.input.assignee}` : `Unassign ${what}`;
  if (c.method === 'alerts.dismiss') return `Dismiss ${what} (${c.input.reason.replace(/_/g, ' ')})`;
  return `Note on ${what}: ${c.input.text.length > 60 ? `${c.input.text.slice(0, 57)}…` : c.input.text}`;
}

type Locked = { id: number; status: string; assignee: string | null; updated_at: number; disposed_by: string | null; disposed_at: number | null };

async function lockAlerts(trx: Transaction<BankDatabase>, dialect: Bank['dialect'], ids: number[]): Promise<Map<number, Locked>> {
  const q = trx.selectFrom('fraud_alerts').select(['id', 'status', 'assignee', 'updated_at', 'disposed_by', 'disposed_at']).where('id', 'in', ids).orderBy('id');
  const rows = await (dialect === 'mysql' ? q.forUpdate() : q).execute();
  const out = new Map<number, Locked>();
  for (const r of rows) out.set(Number(r.id), { ...r, id: Number(r.id), updated_at: Number(r.updated_at), disposed_at: r.disposed_at === null ? null : Number(r.disposed_at) });
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length) throw new AppError('NOT_FOUND', `There is no alert ${missing.join(', ')}.`);
  return out;
}

/**
 * An alert is assigned only to a person who may review it (issue 14, finding 9): an existing, active
 * user whose role holds fraud.review — not free text that ends up in exports and other screens.
 */
export async function assertReviewer(trx: Transaction<BankDatabase>, username: string): Promise<void> {
  const u = await trx.selectFrom('staff_users').select(['username', 'role', 'disabled_at']).where('username', '=', username).executeTakeFirst();
  const reason = !u
    ? 'there is no user of that name'
    : u.disabled_at !== null
      ? 'that user is deactivated'
      : !(ROLES as readonly string[]).includes(u.role) || !roleHas(u.role as Role, 'fraud.review')
        ? 'that user’s role does not review fraud alerts'
        : null;
  if (reason) throw new AppError('VALIDATION', `Alerts can be assigned only to a fraud reviewer: ${reason}.`, [{ path: 'assignee', message: 'Choose a fraud reviewer' }]);
}

/** What happened to an alert on the server, in words, for a conflict message. */
export function describeChange(a: Locked): string {
  const at = fmtTime(a.disposed_at ?? a.updated_at);
  if (a.status === 'dismissed' || a.status === 'confirmed' || a.status === 'escalated')
    return `Alert ${a.id} was ${a.status === 'confirmed' ? 'confirmed as fraud' : a.status} by ${a.disposed_by ?? 'someone else'} at ${at}`;
  if (a.assignee) return `Alert ${a.id} was assigned to ${a.assignee} (changed at ${fmtTime(a.updated_at)})`;
  return `Alert ${a.id} was changed on the server at ${fmtTime(a.updated_at)}`;
}

const CLOSED: Record<string, string> = { confirmed: 'confirmed as fraud', dismissed: 'dismissed', escalated: 'escalated to compliance' };

/**
 * A claimed alert is decided by the person holding it (object-level access): anyone else in fraud
 * review first reassigns it to themselves — one audited step on the alert's timeline — rather than
 * dismissing, confirming or escalating it from under its owner. Notes stay open to everyone.
 */
function assertNotClaimedByOther(alerts: Iterable<{ id: number; assignee: string | null }>, actor: string, doing: string): void {
  const held = [...alerts].filter((a) => a.assignee !== null && a.assignee !== actor);
  if (held.length)
    throw new AppError(
      'CONFLICT',
      `${held.map((a) => `Alert ${a.id} is claimed by ${a.assignee}`).join('; ')}: only the person holding an alert can ${doing} it. Reassign it to yourself first (the reassignment is recorded).`,
    );
}

/** Versions this command may still apply over: what the cache showed, or what an earlier replayed command of ours left. */
export type VersionCheck = (alertId: number, serverUpdatedAt: number) => boolean;

export interface ApplyResult {
  duplicate: boolean;
  message: string;
  /** The alerts' new updated_at (for replay chaining). */
  updatedAt: number;
}

/**
 * Applies one review command in one transaction with its audit entry. The idempotency key is
 * claimed in the idempotency store in that transaction, bound to the user, the method and the
 * input: a second apply of the same command (double-click, two replays) changes nothing and says
 * so; the key reused by another user or for another command is a CONFLICT. `versionOk`, when given (replay), refuses with CONFLICT when an alert
 * changed on the server since the command was made.
 */
export async function applyCommand(
  bank: Bank,
  commandId: string,
  cmd: ReviewCommand,
  actor: string,
  now: number,
  versionOk?: VersionCheck,
  offlineNote = '',
): Promise<ApplyResult> {
  type Applied = { message: string; updatedAt: number };
  const done = await runOnce<Applied & { duplicate: boolean }, Applied>(
    bank,
    { key: commandId, actor, method: cmd.method, input: cmd.input },
    {
      now: () => now,
      record: (r) => ({ message: r.message, updatedAt: r.updatedAt }),
      // Keys copied from applied_commands (before schema v10) stored the bare outcome text.
      replay: async (r) => {
        const text = 'legacyText' in r ? r.legacyText : r.message;
        return { duplicate: true, message: text ? `Already applied: ${text}` : 'Already applied.', updatedAt: 'legacyText' in r ? now : r.updatedAt };
      },
      work: async (trx) => {
        const ids = [...new Set(commandIds(cmd))].sort((a, b) => a - b);
        const alerts = await lockAlerts(trx, bank.dialect, ids);
        if (versionOk && cmd.method !== 'alerts.addNote') {
          // Notes only append: they never overwrite anything, so they apply whatever changed meanwhile.
          const changed = [...alerts.values()].filter((a) => !versionOk(a.id, a.updated_at));
          if (changed.length) throw new AppError('CONFLICT', `${changed.map(describeChange).join('; ')} while you were offline: your “${summarize(cmd)}” was not applied.`);
        }
        let message: string;
        if (cmd.method === 'alerts.addNote') {
          await trx.insertInto('fraud_alert_notes').values({ alert_id: cmd.input.id, author: actor, text: cmd.input.text, created_at: now }).execute();
          await appendAudit(
            trx,
            bank.dialect,
            {
              actor,
              action: 'fraud.note',
              entity: 'fraud_alert',
              entityId: cmd.input.id,
              details: { length: cmd.input.text.length, commandId, ...(offlineNote ? { offline: true } : {}) },
            },
            now,
          );
          await addAlertEvent(trx, [cmd.input.id], { actor, kind: 'alert.note', summary: `Note on alert ${cmd.input.id}: ${cmd.input.text}` }, now);
          message = `Note added to alert ${cmd.input.id}.`;
        } else {
          for (const a of alerts.values()) {
            const closed = CLOSED[a.status];
            if (closed) {
              const who = a.disposed_by ? ` by ${a.disposed_by} at ${fmtTime(a.disposed_at ?? a.updated_at)}` : '';
              throw new AppError('CONFLICT', `Alert ${a.id} was already ${closed}${who}; it cannot be ${cmd.method === 'alerts.assign' ? 'assigned' : 'dismissed'} any more.`);
            }
          }
          if (cmd.method === 'alerts.dismiss') assertNotClaimedByOther(alerts.values(), actor, 'dismiss');
          if (cmd.method === 'alerts.assign') {
            const assignee = cmd.input.assignee;
            if (assignee) await assertReviewer(trx, assignee);
            if (assignee) await trx.updateTable('fraud_alerts').set({ assignee, status: 'in_review', updated_at: now }).where('id', 'in', ids).execute();
            else await trx.updateTable('fraud_alerts').set({ assignee: null, updated_at: now }).where('id', 'in', ids).execute();
            await appendAudit(
              trx,
              bank.dialect,
              { actor, action: 'fraud.assign', entity: 'fraud_alert', entityId: ids.join(','), details: { ids, assignee, commandId, ...(offlineNote ? { offline: true } : {}) } },
              now,
            );
            await addAlertEvent(
              trx,
              ids,
              { actor, kind: 'alert.assigned', summary: assignee ? `Alerts ${ids.join(', ')} assigned to ${assignee}` : `Alerts ${ids.join(', ')} released` },
              now,
            );
            message = assignee
              ? `${ids.length === 1 ? `Alert ${ids[0]}` : `${ids.length} alerts`} assigned to ${assignee}.`
              : `${ids.length === 1 ? `Alert ${ids[0]}` : `${ids.length} alerts`} unassigned.`;
          } else {
            const { reason, comment } = cmd.input;
            await trx
              .updateTable('fraud_alerts')
              .set({ status: 'dismissed', disposed_by: actor, disposed_at: now, dismiss_reason: reason, disposition_comment: comment, updated_at: now })
              .where('id', 'in', ids)
              .execute();
            await appendAudit(
              trx,
              bank.dialect,
              {
                actor,
                action: 'fraud.dismiss',
                entity: 'fraud_alert',
                entityId: ids.join(','),
                details: { ids, reason, comment, commandId, ...(offlineNote ? { offline: true } : {}) },
              },
              now,
            );
            await addAlertEvent(
              trx,
              ids,
              { actor, kind: 'alert.dismissed', summary: `Dismissed alerts ${ids.join(', ')} (${reason.replace(/_/g, ' ')})${comment ? `: ${comment}` : ''}` },
              now,
            );
            message = `${ids.length === 1 ? `Alert ${ids[0]}` : `${ids.length} alerts`} dismissed.`;
          }
        }
        return { duplicate: false, message, updatedAt: now };
      },
    },
  );
  return done;
}

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
    await trx
      .updateTable('fraud_alerts')
      .set({ status: 'confirmed', disposed_by: actor, disposed_at: now, dismiss_reason: null, disposition_comment: input.comment, updated_at: now })
      .where('id', '=', input.id)
      .execute();
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
    const res = await trx
      .insertInto('fraud_cases')
      .values({
        alert_id: input.id,
        title: `Alert ${input.id}: ${acct.rule_id.replace(/_/g, ' ')} on account ${acct.account_no}`.slice(0, 200),
        status: 'open',
        owner: null,
        notes: `${actor} (${fmtTime(now)}): ${input.comment}`,
        created_at: now,
        updated_at: now,
      })
      .executeTakeFirst();
    const caseId = Number(res.insertId);
    await trx
      .updateTable('fraud_alerts')
      .set({ status: 'escalated', disposed_by: actor, disposed_at: now, disposition_comment: input.comment, updated_at: now })
      .where('id', '=', input.id)
      .execute();
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
