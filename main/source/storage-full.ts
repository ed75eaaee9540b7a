// One answer to "did this write fail because the storage under it is full?", for the dispatcher (a
// clear STORAGE_FULL instead of INTERNAL) and the cache's sync status. The write itself is already
// undone by then: SQLite rolls the statement back on SQLITE_FULL and every posting runs in a transaction.

/** This computer's disk: the embedded bank, the cache, report files. */
const LOCAL_FULL = new Set(['SQLITE_FULL', 'ENOSPC']);
/** The MySQL server's storage: table or tablespace full, disk full (mysql2's codes and errnos). */
const SERVER_FULL_CODES = new Set(['ER_RECORD_FILE_FULL', 'ER_DISK_FULL', 'ER_OUT_OF_RESOURCES']);
const SERVER_FULL_ERRNOS = new Set([1114, 1021, 1041]);

export type StorageFull = 'local' | 'server';

export function storageFull(e: unknown): StorageFull | null {
  if (typeof e !== 'object' || e === null) return null;
  const r = e as { code?: unknown; errno?: unknown };
  if (typeof r.code === 'string' && LOCAL_FULL.has(r.code)) return 'local';
  if ((typeof r.code === 'string' && SERVER_FULL_CODES.has(r.code)) || (typeof r.errno === 'number' && SERVER_FULL_ERRNOS.has(r.errno))) return 'server';
  return null;
}

/** What the person is told: nothing was saved, and who can free the space. */
export function storageFullMessage(e: unknown): string | null {
  const where = storageFull(e);
  if (where === 'local') return 'This computer’s disk is full, so nothing was saved. Free some space on the disk that holds CloudBank’s data, then try again.';
  if (where === 'server') return 'The bank’s database has run out of storage, so nothing was saved. Tell the database administrator; try again once space is added.';
  return null;
}
