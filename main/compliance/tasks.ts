import { z } from 'zod';
import type { ComplianceTask, MonitorId } from '../../shared/contract';
import { contract } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import type { Outbox, OutboxCommand } from '../cache';
import { inTransaction, isDuplicateKey } from '../ledger';
import type { Bank } from '../source';
import { attachEvidence, evidenceList } from './evidence';
import { monitorSpec } from './monitors';
import { cdb } from './tables';

/**
 * Corrective tasks. Creating and updating a task are the compliance writes allowed offline: online
 * they apply on the bank at once; offline they are stored in the cache's outbox with the task's
 * version as the cache showed it, and replayed on reconnect. An update whose task changed on the bank
 * meanwhile is a conflict (shown, never overwritten); a note alone appends and always applies.
 */

export const TASK_METHODS = new Set(['compliance.tasks.create', 'compliance.tasks.update', 'compliance.tasks.evidence.attach']);

const createInput = contract['compliance.tasks.create'].input;
const updateInput = contract['compliance.tasks.update'].input;
const attachInput = contract['compliance.tasks.evidence.attach'].input;
export type CreateTask = z.output<typeof createInput>;
export type UpdateTask = z.output<typeof updateInput>;
export type AttachEvidence = z.output<typeof attachInput>;

export type TaskCommand =
  | { method: 'compliance.tasks.create'; input: CreateTask }
  | { method: 'compliance.tasks.update'; input: UpdateTask }
  | { method: 'compliance.tasks.evidence.attach'; input: AttachEvidence };

/** The task a command changes (null: it opens one). */
export function commandTaskId(c: TaskCommand): number | null {
  if (c.method === 'compliance.tasks.create') return null;
  return c.method === 'compliance.tasks.update' ? c.input.id : c.input.taskId;
}

/** A stored command is replayed only when it still passes its method's schema. */
export function readTaskCommand(method: string, input: unknown): TaskCommand | null {
  if (method === 'compliance.tasks.create') {
    const r = createInput.safeParse(input);
    return r.success ? { method, input: r.data } : null;
  }
  if (method === 'compliance.tasks.update') {
    const r = updateInput.safeParse(input);
    return r.success ? { method, input: r.data } : null;
  }
  if (method === 'compliance.tasks.evidence.attach') {
    const r = attachInput.safeParse(input);
    return r.success ? { method, input: r.data } : null;
  }
  return null;
}

export function summarizeTask(c: TaskCommand): string {
  if (c.method === 'compliance.tasks.create') return `New task “${c.input.title}” for ${monitorSpec(c.input.monitorId).name}`;
  if (c.method === 'compliance.tasks.evidence.attach') {
    return `Task ${c.input.taskId}: evidence ${c.input.filename} (${Buffer.byteLength(c.input.contentBase64, 'base64').toLocaleString('en')} bytes)`;
  }
  const parts: string[] = [];
  if (c.input.status) parts.push(`status ${c.input.status.replace('_', ' ')}`);
  if (c.input.owner) parts.push(`owner ${c.input.owner}`);
  if (c.input.dueDay) parts.push(`due ${c.input.dueDay}`);
  if (c.input.note) parts.push(`note “${c.input.note.length > 40 ? `${c.input.note.slice(0, 37)}…` : c.input.note}”`);
  return `Task ${c.input.id}: ${parts.join(', ') || 'no change'}`;
}

export interface ApplyOutcome {
  message: string;
  taskId: number;
  duplicate: boolean;
}

/** Applies one task command on the bank in one transaction with its audit entry; the same idempotency key twice applies once. */
export async function applyTaskCommand(bank: Bank, commandId: string, cmd: TaskCommand, actor: string, now: number, expectedVersion?: number): Promise<ApplyOutcome> {
  try {
    return await inTransaction(bank, async (trx) => {
      const db = cdb(trx);
      if (cmd.method === 'compliance.tasks.create') {
        const i = cmd.input;
        const res = await db
          .insertInto('compliance_tasks')
          .values({
            monitor_id: i.monitorId,
            title: i.title,
            owner: i.owner,
            due_day: i.dueDay,
            status: 'open',
            links: JSON.stringify(i.links),
            evidence: '[]',
            command_id: commandId,
            created_by: actor,
            created_at: now,
            updated_at: now,
          })
          .executeTakeFirst();
        const taskId = Number(res.insertId);
        if (i.note) await db.insertInto('compliance_task_notes').values({ task_id: taskId, author: actor, text: i.note, created_at: now }).execute();
        await appendAudit(
          trx,
          bank.dialect,
          {
            actor,
            action: 'compliance.task_created',
            entity: 'compliance_task',
            entityId: taskId,
            details: { monitor: i.monitorId, title: i.title, owner: i.owner, dueDay: i.dueDay, links: i.links },
          },
          now,
        );
        return { message: `Task ${taskId} opened.`, taskId, duplicate: false };
      }
      if (cmd.method === 'compliance.tasks.evidence.attach') return await attachEvidence(trx, bank, commandId, cmd.input, actor, now);
      const i = cmd.input;
      await trx.insertInto('applied_commands').values({ command_id: commandId, method: cmd.method, actor, applied_at: now, outcome: '' }).execute();
      const q = db.selectFrom('compliance_tasks').selectAll().where('id', '=', i.id);
      const task = await (bank.dialect === 'mysql' ? q.forUpdate() : q).executeTakeFirst();
      if (!task) throw new AppError('NOT_FOUND', `There is no task ${i.id}.`);
      const changesFields = i.status !== undefined || i.owner !== undefined || i.dueDay !== undefined;
      if (changesFields && expectedVersion !== undefined && Number(task.updated_at) !== expectedVersion) {
        throw new AppError(
          'CONFLICT',
          `Task ${i.id} was changed on the bank while you were offline (now ${task.status}, owner ${task.owner}, due ${task.due_day}): your ${summarizeTask(cmd)} was not applied.`,
        );
      }
      const set: { status?: string; owner?: string; due_day?: string; updated_at: number } = { updated_at: now };
      if (i.status !== undefined) set.status = i.status;
      if (i.owner !== undefined) set.owner = i.owner;
      if (i.dueDay !== undefined) set.due_day = i.dueDay;
      await db.updateTable('compliance_tasks').set(set).where('id', '=', i.id).execute();
      if (i.note) await db.insertInto('compliance_task_notes').values({ task_id: i.id, author: actor, text: i.note, created_at: now }).execute();
      await appendAudit(
        trx,
        bank.dialect,
        {
          actor,
          action: 'compliance.task_updated',
          entity: 'compliance_task',
          entityId: i.id,
          details: { ...i, idempotencyKey: undefined, from: { status: task.status, owner: task.owner, dueDay: task.due_day } },
        },
        now,
      );
      return { message: `${summarizeTask(cmd)} — saved.`, taskId: i.id, duplicate: false };
    });
  } catch (e) {
    if (isDuplicateKey(e)) {
      if (cmd.method === 'compliance.tasks.create') {
        const existing = await cdb(bank).selectFrom('compliance_tasks').select('id').where('command_id', '=', commandId).executeTakeFirst();
        if (existing) return { message: `Task ${Number(existing.id)} was already opened.`, taskId: Number(existing.id), duplicate: true };
      } else return { message: 'This change was already applied.', taskId: commandTaskId(cmd) ?? 0, duplicate: true };
    }
    throw e;
  }
}

export async function listTasks(read: Bank, outbox: Outbox | null, filter: { monitorId?: MonitorId; status?: string }): Promise<ComplianceTask[]> {
  const db = cdb(read);
  let q = db.selectFrom('compliance_tasks').selectAll();
  if (filter.monitorId) q = q.where('monitor_id', '=', filter.monitorId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('due_day').orderBy('id').limit(500).execute();
  const ids = rows.map((r) => Number(r.id));
  const notes = ids.length ? await db.selectFrom('compliance_task_notes').selectAll().where('task_id', 'in', ids).orderBy('id').execute() : [];
  const pending = (outbox?.list() ?? []).filter((c) => TASK_METHODS.has(c.method) && c.status !== 'applied');
  const pendingFor = (id: number) =>
    pending
      .filter((c) => {
        const cmd = readTaskCommand(c.method, c.input);
        return cmd !== null && commandTaskId(cmd) === id;
      })
      .map((c) => pendingView(c));
  const tasks: ComplianceTask[] = rows.map((r) => ({
    id: Number(r.id),
    monitorId: r.monitor_id as MonitorId,
    title: r.title,
    owner: r.owner,
    dueDay: String(r.due_day).slice(0, 10),
    status: r.status as ComplianceTask['status'],
    links: JSON.parse(r.links) as ComplianceTask['links'],
    evidence: evidenceList.parse(JSON.parse(r.evidence)),
    notes: notes.filter((n) => Number(n.task_id) === Number(r.id)).map((n) => ({ id: Number(n.id), author: n.author, text: n.text, at: Number(n.created_at) })),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    pending: pendingFor(Number(r.id)),
  }));
  // Tasks opened offline: not on the bank yet, listed from the outbox so their maker sees them.
  for (const c of pending.filter((x) => x.method === 'compliance.tasks.create')) {
    const cmd = readTaskCommand(c.method, c.input);
    if (!cmd || cmd.method !== 'compliance.tasks.create') continue;
    if (filter.monitorId && cmd.input.monitorId !== filter.monitorId) continue;
    tasks.unshift({
      id: -c.id,
      monitorId: cmd.input.monitorId,
      title: cmd.input.title,
      owner: cmd.input.owner,
      dueDay: cmd.input.dueDay,
      status: 'open',
      links: cmd.input.links,
      evidence: [],
      notes: cmd.input.note ? [{ id: -c.id, author: c.actor, text: cmd.input.note, at: c.createdAt }] : [],
      createdBy: c.actor,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
      pending: [pendingView(c)],
    });
  }
  return tasks;
}

function pendingView(c: OutboxCommand) {
  const cmd = readTaskCommand(c.method, c.input);
  return { outboxId: c.id, summary: cmd ? summarizeTask(cmd) : c.method, status: c.status, message: c.message };
}
