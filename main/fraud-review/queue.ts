import type { AlertFilter, AlertRow } from '../../shared/contract/fraud';
import type { Bank } from '../source';
import { filtered, OPEN_STATUSES, toAlertRow, withRowColumns } from './rows';

export interface ListInput extends AlertFilter {
  sort: 'risk' | 'age' | 'amount';
  offset: number;
  limit: number;
}

/**
 * The review queue: one window of rows plus the total. Each sort ends in the id so paging is stable;
 * the filters each lead an index (schema v7) that ends in the sort key.
 */
export async function listAlerts(bank: Bank, input: ListInput, caller: string): Promise<{ total: number; rows: AlertRow[] }> {
  const count = await filtered(bank.db, input, caller)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  // Deferred join: sort and page the ids alone (narrow index entries, not rows with their
  // explanation text), then read the window's rows by id.
  let q = filtered(bank.db, input, caller).select('f.id');
  if (input.sort === 'age') q = q.orderBy('f.detected_at', 'asc').orderBy('f.id', 'asc');
  else if (input.sort === 'amount') q = q.orderBy('f.amount', 'desc').orderBy('f.id', 'desc');
  else q = q.orderBy('f.risk_score', 'desc').orderBy('f.id', 'desc');
  const ids = (await q.limit(input.limit).offset(input.offset).execute()).map((r) => Number(r.id));
  const found = ids.length ? await withRowColumns(bank.db.selectFrom('fraud_alerts as f').where('f.id', 'in', ids)).execute() : [];
  const byId = new Map(found.map((r) => [Number(r.id), r]));
  const rows = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  return { total: Number(count?.n ?? 0), rows: rows.map(toAlertRow) };
}

/** What needs the analyst now. */
export async function fraudSummary(bank: Bank, since: number, caller: string) {
  const db = bank.db;
  const byStatusRows = await db
    .selectFrom('fraud_alerts')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const byStatus: Record<string, number> = { new: 0, in_review: 0, confirmed: 0, dismissed: 0, escalated: 0 };
  for (const r of byStatusRows) byStatus[r.status] = Number(r.n);
  const newSince = await db
    .selectFrom('fraud_alerts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('detected_at', '>=', since)
    .executeTakeFirst();
  const high = await db
    .selectFrom('fraud_alerts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', 'in', OPEN_STATUSES)
    .where('risk_score', '>=', 80)
    .executeTakeFirst();
  const oldest = await db
    .selectFrom('fraud_alerts')
    .select((eb) => eb.fn.min('detected_at').as('m'))
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirst();
  const top = await listAlerts(bank, { status: OPEN_STATUSES, sort: 'risk', offset: 0, limit: 5 }, caller);
  return {
    byStatus,
    newSince: Number(newSince?.n ?? 0),
    highRiskOpen: Number(high?.n ?? 0),
    oldestOpenAt: oldest?.m === null || oldest?.m === undefined ? null : Number(oldest.m),
    top: top.rows,
  };
}

export { withRowColumns };
