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
  const dup =
    f.errno === 1062 || f.code === 'ER_DUP_ENTRY' || f.code === 'SQLITE_CONSTRAINT_UNIQUE' || f.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!dup || index === undefined) return dup;
  return typeof f.message === 'string' && f.message.includes(index);
}

/**
 * The transaction lost a lock race and may simply be run again: an InnoDB deadlock victim (1213),
 * a lock wait that timed out (1205), or SQLite's busy writer lock.
 */
export function isRetryable(e: unknown): boolean {
  const f = fields(e);
  return (
    f.errno === 1213 || f.errno === 1205 || f.code === 'ER_LOCK_DEADLOCK' || f.code === 'ER_LOCK_WAIT_TIMEOUT' || f.code === 'SQLITE_BUSY'
  );
}
