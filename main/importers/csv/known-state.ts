import type { Transaction } from 'kysely';
import type { Bank, BankDatabase, Row } from '../../source';

/** Rows per IN (…) list: well inside every engine's parameter limit. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface KnownAccount {
  id: number;
  kind: Row<'accounts'>['kind'];
  currency: string;
  balance: number;
  status: Row<'accounts'>['status'];
  /** The latest entry already booked on it: imported rows may not go before it. */
  lastBookedAt: number | null;
}

/**
 * The accounts a file names, as the bank holds them now, keyed by lower-cased number (MySQL
 * compares them without regard to case). On MySQL the rows are locked (FOR
 * UPDATE) for the rest of the import's transaction, so a teller posting meanwhile waits instead
 * of interleaving with the running balances computed here.
 */
export async function knownAccounts(trx: Transaction<BankDatabase>, dialect: Bank['dialect'], numbers: readonly string[]): Promise<Map<string, KnownAccount>> {
  const out = new Map<string, KnownAccount>();
  for (const part of chunks(numbers)) {
    const q = trx.selectFrom('accounts').select(['id', 'account_no', 'kind', 'currency', 'balance', 'status']).where('account_no', 'in', part);
    for (const a of await (dialect === 'mysql' ? q.forUpdate() : q).execute()) {
      out.set(a.account_no.toLowerCase(), { id: Number(a.id), kind: a.kind, currency: a.currency, balance: Number(a.balance), status: a.status, lastBookedAt: null });
    }
  }
  const byId = new Map([...out.values()].map((a) => [a.id, a]));
  for (const part of chunks([...byId.keys()])) {
    const last = await trx
      .selectFrom('entries')
      .select(['account_id', (eb) => eb.fn.max('booked_at').as('last')])
      .where('account_id', 'in', part)
      .groupBy('account_id')
      .execute();
    for (const r of last) {
      const a = byId.get(Number(r.account_id));
      if (a && r.last !== null) a.lastBookedAt = Number(r.last);
    }
  }
  return out;
}

/** Lower-cased txn_id → journal reference, for the ids already imported (journal.external_ref). */
export async function alreadyImported(trx: Transaction<BankDatabase>, txnIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(txnIds)) {
    const rows = await trx.selectFrom('journal').select(['external_ref', 'reference']).where('external_ref', 'in', part).execute();
    for (const r of rows) if (r.external_ref !== null) out.set(r.external_ref.toLowerCase(), r.reference);
  }
  return out;
}
