import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * A view of a better-sqlite3 connection whose `prepare` reuses statements by their SQL text, for
 * Kysely: its SQLite driver prepares every query it runs, so a screen that asks the same few questions
 * again and again compiled them again each time. A statement still being iterated (a stream) is busy
 * and cannot run twice at once: then a fresh one is prepared. The oldest entries go past `size`
 * (texts with IN lists of varying length would otherwise grow the map without end).
 */
export function withStatementCache(db: Database.Database, size = 256): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const kept = statements.get(source);
    if (kept && !kept.busy) {
      // Re-inserted so the map's order is least recently used first.
      statements.delete(source);
      statements.set(source, kept);
      return kept;
    }
    const fresh = db.prepare(source);
    statements.set(source, fresh);
    if (statements.size > size) {
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) statements.delete(oldest);
    }
    return fresh;
  };
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
