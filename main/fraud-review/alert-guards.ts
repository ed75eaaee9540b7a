import type { Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { ROLES, roleHas, type Role } from '../../shared/roles';
import type { Bank, BankDatabase } from '../source';
import { fmtTime } from './rows';

/*
 * What every review write checks before it changes an alert: the alerts locked in the transaction (and
 * there), the assignee a real fraud reviewer, a claimed alert decided only by its holder, and how a
 * change made meanwhile by someone else is put into words. Shared by the commands (actions.ts), confirming
 * fraud (confirm-fraud.ts) and escalation (escalate.ts).
 */

export type Locked = { id: number; status: string; assignee: string | null; updated_at: number; disposed_by: string | null; disposed_at: number | null };

export async function lockAlerts(trx: Transaction<BankDatabase>, dialect: Bank['dialect'], ids: number[]): Promise<Map<number, Locked>> {
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

export const CLOSED: Record<string, string> = { confirmed: 'confirmed as fraud', dismissed: 'dismissed', escalated: 'escalated to compliance' };

/**
 * A claimed alert is decided by the person holding it (object-level access): anyone else in fraud
 * review first reassigns it to themselves — one audited step on the alert's timeline — rather than
 * dismissing, confirming or escalating it from under its owner. Notes stay open to everyone.
 */
export function assertNotClaimedByOther(alerts: Iterable<{ id: number; assignee: string | null }>, actor: string, doing: string): void {
  const held = [...alerts].filter((a) => a.assignee !== null && a.assignee !== actor);
  if (held.length)
    throw new AppError(
      'CONFLICT',
      `${held.map((a) => `Alert ${a.id} is claimed by ${a.assignee}`).join('; ')}: only the person holding an alert can ${doing} it. Reassign it to yourself first (the reassignment is recorded).`,
    );
}
