import type Database from 'better-sqlite3-multiple-ciphers';
import type { SyncWorkerData } from './sync-worker-protocol';
import { clearRollups } from './rollups';
import { SYNC_SPECS } from './sync-tables';

/** Which bank a cache holds: the demo bank's file, or MySQL host:port/database (reader or writer alike). */
export function sourceIdentity(source: SyncWorkerData['source']): string {
  if (source.kind === 'sqlite') return `sqlite:${source.file}`;
  const u = new URL(source.url);
  const host = typeof source.options?.host === 'string' ? source.options.host : u.hostname;
  const port = typeof source.options?.port === 'number' ? source.options.port : Number(u.port || 3306);
  const database = typeof source.options?.database === 'string' ? source.options.database : decodeURIComponent(u.pathname.slice(1));
  return `mysql:${host}:${port}/${database}`;
}

/**
 * A cache holds one bank. Opened against another (the user switched from the demo bank to MySQL,
 * or to another server), its rows and watermarks would mix two banks: empty it, so the next sync
 * is a fresh first copy. Returns whether it was emptied.
 */
export function bindCacheToSource(db: Database.Database, identity: string): boolean {
  const row = db.prepare("select value from cache_info where key = 'source'").pluck().get() as string | undefined;
  if (row === identity) return false;
  db.transaction(() => {
    if (row !== undefined) {
      // Triggers first: emptying the tables must not run rollup upkeep (this connection has no bank_day).
      clearRollups(db);
      for (const spec of SYNC_SPECS) db.prepare(`delete from ${spec.table}`).run();
      db.prepare('delete from sync_state').run();
      // Commands queued against the old bank must not be replayed against the new one.
      db.prepare('delete from outbox').run();
    }
    db.prepare("insert into cache_info (key, value) values ('source', ?) on conflict (key) do update set value = excluded.value").run(identity);
  })();
  return row !== undefined;
}
