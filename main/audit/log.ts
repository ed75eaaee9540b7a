import { sql, type Kysely, type Transaction } from 'kysely';
import type { Bank, BankDatabase } from '../source';
import { entryHash, GENESIS_HASH, type AuditFields } from './chain';

export interface AuditEvent {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

/** An event as the columns every audit row stores (the chained log and the queue alike). */
export function eventFields(event: AuditEvent, now: number): Omit<AuditFields, 'seq'> {
  return {
    at: now,
    actor: event.actor,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
    details: JSON.stringify(event.details ?? {}),
  };
}

/**
 * Appends one entry inside the caller's transaction, so a change and its audit entry commit together.
 * The head row is locked first: concurrent writers (several workstations on one MySQL) serialize on it.
 */
export async function appendAudit(trx: Transaction<BankDatabase>, dialect: Bank['dialect'], event: AuditEvent, now = Date.now()): Promise<number> {
  const headQuery = trx.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1);
  const head = await (dialect === 'mysql' ? headQuery.forUpdate() : headQuery).executeTakeFirstOrThrow();
  const fields: AuditFields = { seq: Number(head.last_seq) + 1, ...eventFields(event, now) };
  const hash = entryHash(head.last_hash, fields);
  await trx
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: head.last_hash, hash })
    .execute();
  await trx.updateTable('audit_head').set({ last_seq: fields.seq, last_hash: hash }).where('id', '=', 1).execute();
  return fields.seq;
}

/** Appends in its own transaction: for events with no other write (a failed sign-in). */
export async function recordAudit(bank: Bank, event: AuditEvent): Promise<number> {
  return bank.db.transaction().execute((trx) => appendAudit(trx, bank.dialect, event));
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

/** Walks the chain in order, in pages, recomputing every hash; also checks the head so a removed tail is caught. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const page = 5000;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(page).execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (next present is ${seq})` } };
      if (r.prev_hash !== prev) return { ok: false, checked, firstBroken: { seq, reason: 'its link to the previous entry does not match' } };
      const fields: AuditFields = { seq, at: Number(r.at), actor: r.actor, action: r.action, entity: r.entity, entity_id: r.entity_id, details: r.details };
      if (entryHash(prev, fields) !== r.hash) return { ok: false, checked, firstBroken: { seq, reason: 'its contents were changed after it was written' } };
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < page) break;
  }
  const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: 'the chain head is missing' } };
  if (Number(head.last_seq) !== checked || head.last_hash !== prev) {
    return { ok: false, checked, firstBroken: { seq: checked + 1, reason: `entries after ${checked} were removed (the head records ${Number(head.last_seq)})` } };
  }
  return { ok: true, checked, firstBroken: null };
}

/** Newest first; `total` counts matching entries so the viewer can say how many there are. */
export async function listAudit(
  db: Db,
  q: { beforeSeq?: number | undefined; limit: number; actor?: string | undefined; action?: string | undefined; from?: number | undefined; to?: number | undefined },
) {
  let base = db.selectFrom('audit_log');
  if (q.from !== undefined) base = base.where('at', '>=', q.from);
  if (q.to !== undefined) base = base.where('at', '<', q.to);
  if (q.actor) base = base.where('actor', '=', q.actor);
  if (q.action) base = base.where('action', 'like', `${q.action}%`);
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  let rows = base.selectAll();
  if (q.beforeSeq) rows = rows.where('seq', '<', q.beforeSeq);
  const entries = await rows.orderBy('seq', 'desc').limit(q.limit).execute();
  return {
    total: Number(total.n),
    entries: entries.map((r) => ({
      seq: Number(r.seq),
      at: Number(r.at),
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
      hash: r.hash,
    })),
  };
}
