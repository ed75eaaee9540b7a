import type Database from 'better-sqlite3-multiple-ciphers';
import type { Connection } from 'mysql2';

/** Streams rows (as arrays) from the source bank; rows are never all held in memory. */
export interface SourceReader {
  stream(sql: string, params: readonly unknown[]): AsyncIterable<unknown[]>;
  scalar(sql: string, params: readonly unknown[]): Promise<number>;
  /**
   * A value that differs whenever another connection committed to the source since it was last read,
   * where the engine offers one for next to nothing (SQLite's data_version); absent for MySQL.
   */
  changeMarker?(): number;
  close(): Promise<void>;
}

/** mysql2 streaming query: the server sends rows as fast as we consume them. */
export function mysqlReader(conn: Connection): SourceReader {
  return {
    async *stream(sql, params) {
      const s = conn.query({ sql, values: params as unknown[], rowsAsArray: true }).stream({ highWaterMark: 10_000 });
      for await (const row of s) yield row as unknown[];
    },
    scalar: (sql, params) =>
      new Promise((resolve, reject) =>
        conn.query({ sql, values: params as unknown[], rowsAsArray: true }, (err, rows) => {
          if (err) return reject(err);
          const first = (rows as unknown[][])[0]?.[0];
          resolve(Number(first ?? 0));
        }),
      ),
    close: () => new Promise((resolve) => conn.end(() => resolve())),
  };
}

/** The embedded demo bank as a source: same SQL, read through better-sqlite3. */
export function sqliteReader(db: Database.Database): SourceReader {
  // Read twice a second for the worker's whole life: prepared once (db.pragma() compiles it every call).
  const dataVersion = db.prepare('pragma data_version').pluck();
  return {
    async *stream(sql, params) {
      const it = db
        .prepare(sql)
        .raw(true)
        .iterate(...params) as IterableIterator<unknown[]>;
      let n = 0;
      for (const row of it) {
        yield row;
        // Yield to the event loop now and then so progress and termination messages get through.
        if (++n % 50_000 === 0) await new Promise((r) => setImmediate(r));
      }
    },
    async scalar(sql, params) {
      const row = db
        .prepare(sql)
        .raw(true)
        .get(...params) as unknown[] | undefined;
      return Number(row?.[0] ?? 0);
    },
    changeMarker: () => Number(dataVersion.get()),
    async close() {
      db.close();
    },
  };
}
