import { sql, type RawBuilder } from 'kysely';
import { DAY_MS, offsetSegments } from '../../shared/bank-time';
import type { SqlDialect } from '../source';

/**
 * The bank day of an instant column, in SQL both engines run without zone tables: the zone's offset is
 * constant between the transitions its rules name, so a CASE over those few segments (found by
 * @date-fns/tz for the queried range) places every instant in its local date exactly, daylight saving
 * included. MySQL's CONVERT_TZ would need the server's zone tables, which RDS and MariaDB often lack.
 */
export function bankDaySql(dialect: SqlDialect, column: RawBuilder<number>, timeZone: string, fromMs: number, toMs: number): RawBuilder<number> {
  // A day's margin either side: the range's edges are local midnights, the segments are found in UTC.
  const segments = offsetSegments(timeZone, fromMs - DAY_MS, toMs + DAY_MS);
  let offset: RawBuilder<unknown>;
  if (segments.length === 1) {
    offset = sql.lit(segments[0]?.offsetMs ?? 0);
  } else {
    const whens = segments.slice(0, -1).map((s) => sql`when ${column} < ${sql.lit(s.until)} then ${sql.lit(s.offsetMs)}`);
    offset = sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(segments[segments.length - 1]?.offsetMs ?? 0)} end`;
  }
  // Computed numbers go in as integer literals (never user text): bound parameters would arrive in
  // SQLite as REAL and turn the division fractional. Instants are after 1970, so integer division floors.
  const day = sql.lit(DAY_MS);
  return dialect === 'mysql' ? sql<number>`((${column} + ${offset}) div ${day})` : sql<number>`((${column} + ${offset}) / ${day})`;
}
