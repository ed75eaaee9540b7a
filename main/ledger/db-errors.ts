/**
 * Database errors the ledger reacts to, recognised the same way on MySQL (mysql2) and SQLite
 * (better-sqlite3): everything else is a real failure and propagates.
 */
interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
}

function fields(e: unknown): DriverError {
  return typeof e === 'object' && e !== null ? (e as DriverError) : {};
}

/** A unique index refused the row. `index` narrows it to one constraint (its name or column appears in the message). */
export function isDuplicateKey(e: unknown, index?: string): boolean {
  const f = fields(e);
  const dup = f.errno === 1062 || f.code === 'ER_DUP_ENTRY' || f.code === 'SQLITE_CONSTRAINT_UNIQUE' || f.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!dup || index === undefined) return dup;
  return typeof f.message === 'string' && f.message.includes(index);
}

/**
 * The transaction lost a lock race and may simply be run again: an InnoDB deadlock victim (1213),
 * a lock wait that timed out (1205), or SQLite's busy writer lock — any SQLITE_BUSY* code: a deferred
 * transaction that read before another process wrote fails at once with SQLITE_BUSY_SNAPSHOT instead
 * of waiting, and is safe to run again from the start.
 */
export function isRetryable(e: unknown): boolean {
  const f = fields(e);
  return (
    f.errno === 1213 || f.errno === 1205 || f.code === 'ER_LOCK_DEADLOCK' || f.code === 'ER_LOCK_WAIT_TIMEOUT' || (typeof f.code === 'string' && f.code.startsWith('SQLITE_BUSY'))
  );
}

/** SQLite refusing a ROLLBACK because the engine had already rolled the transaction back by itself. */
export function isRollbackWithoutTransaction(e: unknown): boolean {
  const f = fields(e);
  return f.code === 'SQLITE_ERROR' && typeof f.message === 'string' && f.message.includes('no transaction is active');
}
