import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { inTransaction, isDuplicateKey } from '../ledger';
import type { Bank, BankDatabase } from '../source';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

/** One call of a mutating method, as the store binds its key. */
export interface KeyedCall {
  key: string;
  /** The signed-in user (username): a key is never shared between users. */
  actor: string;
  method: string;
  /** The method's input without its idempotency key. */
  input: unknown;
}

/** JSON with object keys sorted, so the same input always hashes alike whatever order its fields came in. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}

/** A result copied from `applied_commands` (schema v10) is the outcome's text, not JSON. */
export interface LegacyRecord {
  legacyText: string;
}

export function parseRecord<R>(stored: string): R | LegacyRecord {
  try {
    return JSON.parse(stored) as R;
  } catch {
    return { legacyText: stored };
  }
}

export function inputHash(method: string, input: unknown): string {
  return createHash('sha256').update(method).update('\n').update(canonical(input)).digest('hex');
}

/**
 * The first call's stored result when `call` repeats it; CONFLICT when the key was used by another
 * user, for another method or with another input; null when the key is new. Keys recorded before
 * schema v10 carry no input hash (and some no user): they are matched on what they recorded.
 */
export async function earlierResult(db: Db, call: KeyedCall): Promise<string | null> {
  const row = await db.selectFrom('idempotency_keys').select(['actor', 'method', 'input_hash', 'result']).where('idem_key', '=', call.key).executeTakeFirst();
  if (!row) return null;
  const sameUser = row.actor === null || row.actor === call.actor;
  const sameInput = row.input_hash === null || row.input_hash === inputHash(call.method, call.input);
  if (!sameUser || row.method !== call.method || !sameInput) {
    // Says nothing about whose key it was or what it did: that would leak another user's action.
    throw new AppError(
      'CONFLICT',
      'This request’s idempotency key was already used for a different request. Nothing was changed; start the action again (a new key is made for it).',
    );
  }
  return row.result;
}

/**
 * Runs `work` once per key: the key is claimed in the same database transaction as the work, so the
 * two commit together or not at all. A repeat — a retry after a lost answer, a double-click, the same
 * call racing on another connection (it waits on the key's row, then sees it) — answers from the
 * stored record through `replay` and writes nothing. A key reused for anything else is a CONFLICT.
 */
export async function runOnce<T, R>(
  bank: Bank,
  call: KeyedCall,
  opts: { work: (trx: Transaction<BankDatabase>, now: number) => Promise<T>; record: (result: T) => R; replay: (record: R | LegacyRecord) => Promise<T>; now?: () => number },
): Promise<T> {
  const answer = async (): Promise<T | null> => {
    const stored = await earlierResult(bank.db, call);
    return stored === null ? null : opts.replay(parseRecord<R>(stored));
  };
  const earlier = await answer();
  if (earlier !== null) return earlier;
  const hash = inputHash(call.method, call.input);
  try {
    return await inTransaction(bank, async (trx) => {
      const now = opts.now?.() ?? Date.now();
      await trx.insertInto('idempotency_keys').values({ idem_key: call.key, actor: call.actor, method: call.method, input_hash: hash, result: '', created_at: now }).execute();
      const result = await opts.work(trx, now);
      await trx
        .updateTable('idempotency_keys')
        .set({ result: JSON.stringify(opts.record(result)) })
        .where('idem_key', '=', call.key)
        .execute();
      return result;
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const first = await answer();
    if (first !== null) return first;
    throw e;
  }
}
