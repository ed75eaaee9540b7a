import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import type { Bank, BankDatabase, Row } from '../source';
import { assertNotAheadOfClock } from './clock-skew';
import { checkPosting, type Posting } from './posting';

type Trx = Transaction<BankDatabase>;
type Db = Kysely<BankDatabase> | Trx;
/** An account row as read under lock, with the time of its latest entry (running balances follow booking time). */
export type LockedAccount = Row<'accounts'> & { last_booked_at: number };

/**
 * Reads the accounts and, on MySQL, locks their rows (`FOR UPDATE`) in ascending id order — the
 * one order every operation uses, so two transfers between the same accounts in opposite
 * directions queue instead of deadlocking. SQLite has a single writer: its transaction is the lock.
 */
export function lockAccounts(trx: Trx, dialect: Bank['dialect'], ids: readonly number[]): Promise<Map<number, LockedAccount>> {
  return readAccounts(trx, ids, dialect === 'mysql');
}

/** The same read without locks (or with, on MySQL): previews and balance inquiries use it plain. */
export async function readAccounts(db: Db, ids: readonly number[], forUpdate: boolean): Promise<Map<number, LockedAccount>> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return new Map();
  const q = db
    .selectFrom('accounts')
    .selectAll('accounts')
    // Same round trip: the latest booking, from the (account_id, booked_at) index.
    .select((eb) =>
      eb
        .selectFrom('entries')
        .select((e) => e.fn.max<number>('entries.booked_at').as('m'))
        .whereRef('entries.account_id', '=', 'accounts.id')
        .as('last_booked_at'),
    )
    .where('accounts.id', 'in', sorted)
    .orderBy('accounts.id');
  const rows = await (forUpdate ? q.forUpdate() : q).execute();
  return new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), balance: Number(r.balance), last_booked_at: Number(r.last_booked_at ?? 0) }]));
}

export interface Posted {
  journalId: number;
  reference: string;
  bookedAt: number;
  /** Balance of each account after the posting. */
  balances: Map<number, number>;
}

const REF_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** "OP-20261125-7GQ2K9XA": the day for people, 40 random bits so two workstations never collide. */
export function newReference(at: number): string {
  const day = new Date(at).toISOString().slice(0, 10).replaceAll('-', '');
  const bytes = randomBytes(8);
  let tail = '';
  for (const b of bytes) tail += REF_ALPHABET[b % REF_ALPHABET.length];
  return `OP-${day}-${tail}`;
}

/**
 * Writes one balanced journal with its entries and moves the balances, inside the caller's
 * transaction and on accounts the caller has locked (so the running balances are exact).
 */
export async function writeJournal(trx: Trx, locked: Map<number, LockedAccount>, p: Posting, clock: number): Promise<Posted> {
  checkPosting(p);
  // Before the first write: a balance past 2^53 − 1 minor units would no longer equal the sum of its entries.
  for (const l of p.legs) {
    const a = locked.get(l.account);
    if (a && !Number.isSafeInteger(a.balance + l.amount)) {
      throw new AppError(
        'VALIDATION',
        `This posting would take the balance of ${a.account_no} beyond 2^53 − 1 minor units of ${a.currency}, the most the ledger holds exactly. Nothing was posted.`,
        [{ path: 'amount', message: 'Amount too large for this account' }],
      );
    }
  }
  // Running balances are read in (booked_at, id) order: never book before an account's latest entry,
  // even when another workstation's clock runs a little ahead of ours.
  // Two sources, because the entry subquery may read a snapshot older than the row lock: concurrent
  // postings are covered by the account's updated_at (read under the lock, set to every booking time),
  // history written by generators and importers by the latest entry.
  // Only by a clock difference between workstations: an entry dated far ahead (a wrong clock, a bank-zone
  // time imported as UTC) would otherwise drag this posting, and every later one on the account, with it.
  let now = clock;
  for (const l of p.legs) {
    const a = locked.get(l.account);
    if (!a) continue;
    const latest = Math.max(a.last_booked_at, Number(a.updated_at));
    assertNotAheadOfClock(a.account_no, latest, clock);
    now = Math.max(now, latest);
  }
  const reference = p.reference ?? newReference(now);
  const inserted = await trx
    .insertInto('journal')
    .values({
      reference,
      booked_at: now,
      type: p.type,
      channel: p.channel,
      amount: p.amount,
      currency: p.currency,
      description: p.description,
      counterparty_name: p.counterpartyName,
      counterparty_account: p.counterpartyAccount,
      idempotency_key: p.idempotencyKey,
      external_ref: p.externalRef ?? null,
      status: p.status,
      created_by: p.createdBy,
    })
    .executeTakeFirstOrThrow();
  const journalId = Number(inserted.insertId);
  const balances = new Map<number, number>();
  const entries = p.legs.map((l) => {
    const account = locked.get(l.account);
    if (!account) throw new Error(`Account ${l.account} was not locked before posting`);
    if (account.currency !== p.currency) throw new Error(`Account ${account.account_no} is in ${account.currency}, the posting in ${p.currency}`);
    const after = account.balance + l.amount;
    account.last_booked_at = now;
    balances.set(l.account, after);
    return { journal_id: journalId, account_id: l.account, amount: l.amount, balance_after: after, booked_at: now };
  });
  await trx.insertInto('entries').values(entries).execute();
  // One statement moves every balance: fewer round trips while the rows are locked.
  await trx
    .updateTable('accounts')
    .set({
      balance: sql<number>`balance + case ${sql.join(
        p.legs.map((l) => sql`when id = ${l.account} then ${l.amount}`),
        sql` `,
      )} else 0 end`,
      updated_at: now,
    })
    .where(
      'id',
      'in',
      p.legs.map((l) => l.account),
    )
    .execute();
  for (const [id, after] of balances) {
    const a = locked.get(id);
    if (a) a.balance = after;
  }
  return { journalId, reference, bookedAt: now, balances };
}
