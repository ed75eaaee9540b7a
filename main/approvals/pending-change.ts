import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import type { BankDatabase, SqlDialect } from '../source';

/**
 * Maker–checker on the one `pending_changes` table: a person proposes (the request waits, one open
 * request per subject), another person approves or rejects, never the maker. What the change does
 * when approved, and how it is audited, belongs to the caller; this is the part every kind shares.
 */
export type PendingKind = 'compliance.change' | 'fraud.rule_change';

/** A request as the callers read it: the table's row without its kind and bookkeeping time. */
export type PendingRow = Omit<Selectable<BankDatabase['pending_changes']>, 'kind' | 'updated_at'>;

type Trx = Transaction<BankDatabase>;

const SELECT = sql`select id, subject, payload, reason, status, requested_by, requested_at, decided_by, decided_at from pending_changes`;

/** Normalises the engines' numbers (MariaDB's bigint columns may arrive as strings). */
function rowOf(r: PendingRow): PendingRow {
  return { ...r, id: Number(r.id), requested_at: Number(r.requested_at), decided_at: r.decided_at === null ? null : Number(r.decided_at) };
}

/** Pending requests of a kind, and the latest `recent` decided ones, newest first. */
export async function listPending(db: Kysely<BankDatabase>, kind: PendingKind, recent = 50): Promise<PendingRow[]> {
  const rows =
    await sql<PendingRow>`${SELECT} where kind = ${kind} and (status = 'pending' or id in (select id from (select id from pending_changes where kind = ${kind} and status <> 'pending' order by id desc limit ${sql.raw(String(Math.max(0, Math.floor(recent))))}) recent)) order by id desc`.execute(
      db,
    );
  return rows.rows.map(rowOf);
}

/** Opens a request; refused (CONFLICT, with `busy`'s words) while another on the same subject waits. */
export async function openPending(
  trx: Trx,
  req: { kind: PendingKind; subject: string; payload: unknown; reason: string; actor: string; now: number },
  busy: (openId: number, requestedBy: string) => string,
): Promise<PendingRow> {
  const open = await sql<{
    id: number;
    requested_by: string;
  }>`select id, requested_by from pending_changes where kind = ${req.kind} and subject = ${req.subject} and status = 'pending'`.execute(trx);
  const o = open.rows[0];
  if (o) throw new AppError('CONFLICT', busy(Number(o.id), o.requested_by));
  const payload = JSON.stringify(req.payload);
  const res = await sql`insert into pending_changes (kind, subject, payload, reason, status, requested_by, requested_at, decided_by, decided_at, updated_at)
      values (${req.kind}, ${req.subject}, ${payload}, ${req.reason}, 'pending', ${req.actor}, ${req.now}, null, null, ${req.now})`.execute(trx);
  return {
    id: Number(res.insertId),
    subject: req.subject,
    payload,
    reason: req.reason,
    status: 'pending',
    requested_by: req.actor,
    requested_at: req.now,
    decided_by: null,
    decided_at: null,
  };
}

/**
 * Records a decision on a waiting request (locked on MariaDB): refused when it is unknown (NOT_FOUND),
 * already decided (CONFLICT) or the decider is its maker (FORBIDDEN). Returns the row as decided; the
 * caller applies an approved change in the same transaction.
 */
export async function decidePending(
  trx: Trx,
  dialect: SqlDialect,
  d: { kind: PendingKind; id: number; actor: string; now: number; approve: boolean },
  noun: string,
): Promise<PendingRow> {
  const q = sql<PendingRow>`${SELECT} where id = ${d.id} and kind = ${d.kind}${dialect === 'mysql' ? sql` for update` : sql``}`;
  const found = (await q.execute(trx)).rows[0];
  if (!found) throw new AppError('NOT_FOUND', `There is no ${noun} ${d.id}.`);
  const row = rowOf(found);
  if (row.status !== 'pending') throw new AppError('CONFLICT', `Change ${d.id} was already ${row.status}${row.decided_by ? ` by ${row.decided_by}` : ''}.`);
  if (row.requested_by === d.actor)
    throw new AppError('FORBIDDEN', `You proposed change ${d.id} yourself: another person with the right must ${d.approve ? 'approve' : 'reject'} it.`);
  const status = d.approve ? 'approved' : 'rejected';
  const upd =
    await sql`update pending_changes set status = ${status}, decided_by = ${d.actor}, decided_at = ${d.now}, updated_at = ${d.now} where id = ${d.id} and status = 'pending'`.execute(
      trx,
    );
  if (Number(upd.numAffectedRows ?? 0) !== 1) throw new AppError('CONFLICT', `Change ${d.id} was decided by someone else just now.`);
  return { ...row, status, decided_by: d.actor, decided_at: d.now };
}
