import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { runOnce } from '../idempotency';
import type { Bank } from '../source';
import { assertNotClaimedByOther, assertReviewer, CLOSED, describeChange, lockAlerts } from './alert-guards';
import { addAlertEvent } from './case-events';
import { decideAlerts } from './decide';
import { commandIds, summarize, type ReviewCommand } from './review-commands';
import { fmtTime } from './rows';

/*
 * Applying a review command (assign, dismiss, add a note) online or on replay from the outbox: once per
 * idempotency key, in one transaction with its audit entry and its timeline event. The commands
 * themselves are in review-commands.ts, the checks on the alerts in alert-guards.ts; confirming fraud and
 * escalation, which are never queued, in confirm-fraud.ts and escalate.ts.
 */

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
            await decideAlerts(trx, ids, { status: 'dismissed', reason }, actor, comment, now);
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
