import { TZDate, tzOffset, tzScan } from '@date-fns/tz';

/**
 * The bank's calendar. Days, weeks, months, quarters and years are cut in the bank's IANA zone
 * (`bank_meta.timezone`) everywhere — rollups, metrics, limits, statements, deadlines — so "the 31st"
 * means the same business day on every screen, whatever zone the user's desktop is in.
 *
 * A bank day is numbered like the Unix epoch day of its local date (1970-01-01 = 0), so periods are
 * plain integer arithmetic once an instant has been placed in its day. Offsets come from the zone's
 * own rules (daylight saving included) through @date-fns/tz, never from a fixed offset.
 */

export const DAY_MS = 86_400_000;
export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

/** A bank that has not recorded its zone keeps UTC days (what every cache used before zones). */
export const DEFAULT_BANK_ZONE = 'UTC';

/** The zone to cut days in from a stored `bank_meta.timezone` value: the default when absent or not a zone name. */
export function bankZoneOrDefault(value: string | null | undefined): string {
  return value && isTimeZoneName(value) ? value : DEFAULT_BANK_ZONE;
}

/** Minutes east of UTC in force in `timeZone` at instant `ms`. */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  return tzOffset(timeZone, new Date(ms));
}

// Building a DateTimeFormat costs milliseconds; a bank's zone is asked about on every sync round.
const knownZones = new Set<string>();

export function isTimeZoneName(name: string): boolean {
  if (knownZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    knownZones.add(name);
    return true;
  } catch {
    return false;
  }
}

/** The bank day (local date as an epoch-day number) that instant `ms` falls in. */
export function bankDayOf(ms: number, timeZone: string): number {
  return Math.floor((ms + zoneOffsetMinutes(timeZone, ms) * 60_000) / DAY_MS);
}

/** The instant (UTC ms) at which bank day `day` begins: local midnight, or the first instant after it on a gap day. */
export function bankDayStart(day: number, timeZone: string): number {
  const { y, m, d } = civil(day);
  return new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime();
}

/** Length of a bank day in ms: 23 or 25 hours on daylight-saving changes. */
export function bankDayLength(day: number, timeZone: string): number {
  return bankDayStart(day + 1, timeZone) - bankDayStart(day, timeZone);
}

/** `YYYY-MM-DD` of a day number. */
export function dayIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of `YYYY-MM-DD` (a calendar date, no zone involved); null when the text is not a real date. */
export function parseDayIso(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

function civil(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** First day of the period of `grain` that contains `day`. Weeks start on Monday (ISO 8601). */
export function periodStart(day: number, grain: Grain): number {
  const { y, m } = civil(day);
  switch (grain) {
    case 'day':
      return day;
    case 'week':
      // 1970-01-01 was a Thursday: Monday-based weekday is (day + 3) mod 7.
      return day - ((((day + 3) % 7) + 7) % 7);
    case 'month':
      return dayOf(y, m, 1);
    case 'quarter':
      return dayOf(y, m - ((m - 1) % 3), 1);
    case 'year':
      return dayOf(y, 1, 1);
  }
}

/** First day of the period `n` periods after the one starting at `start` (n may be negative). */
export function addPeriods(start: number, grain: Grain, n: number): number {
  const { y, m, d } = civil(start);
  switch (grain) {
    case 'day':
      return start + n;
    case 'week':
      return start + 7 * n;
    case 'month':
      return dayOf(y, m + n, d);
    case 'quarter':
      return dayOf(y, m + 3 * n, d);
    case 'year':
      return dayOf(y + n, m, d);
  }
}

/** The label scripts and screens use for a period: 1997-10-31, 1997-W44, 1997-10, 1997-Q4, 1997. */
export function periodKey(day: number, grain: Grain): string {
  const start = periodStart(day, grain);
  const { y, m } = civil(start);
  switch (grain) {
    case 'day':
      return dayIso(start);
    case 'week': {
      // ISO week-year: the year of the week's Thursday.
      const thursday = start + 3;
      const wy = civil(thursday).y;
      const week = Math.floor((thursday - dayOf(wy, 1, 1)) / 7) + 1;
      return `${wy}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return `${y}-${String(m).padStart(2, '0')}`;
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'year':
      return String(y);
  }
}

export interface Period {
  key: string;
  /** First bank day of the period. */
  from: number;
  /** First bank day after it (exclusive). */
  to: number;
}

/** The periods of `grain` that cover the days [fromDay, toDay), clipped to that range. */
export function periodsBetween(fromDay: number, toDay: number, grain: Grain): Period[] {
  const out: Period[] = [];
  for (let start = periodStart(fromDay, grain); start < toDay; start = addPeriods(start, grain, 1)) {
    out.push({ key: periodKey(start, grain), from: Math.max(start, fromDay), to: Math.min(addPeriods(start, grain, 1), toDay) });
  }
  return out;
}

/**
 * The zone's offset as constant segments over [fromMs, toMs): SQL engines without zone tables (SQLite;
 * MySQL without its tz tables loaded) place instants in bank days with a CASE over these segments,
 * which is exact because an offset only changes at the transitions the zone's rules name.
 */
export interface OffsetSegment {
  /** Segment ends before this instant (the last segment's `until` is +Infinity). */
  until: number;
  offsetMs: number;
}

export function offsetSegments(timeZone: string, fromMs: number, toMs: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let offset = zoneOffsetMinutes(timeZone, fromMs);
  if (toMs > fromMs) {
    for (const change of tzScan(timeZone, { start: new Date(fromMs), end: new Date(toMs) })) {
      const at = change.date.getTime();
      if (at <= fromMs || at >= toMs) continue;
      segments.push({ until: at, offsetMs: offset * 60_000 });
      offset = change.offset;
    }
  }
  segments.push({ until: Number.POSITIVE_INFINITY, offsetMs: offset * 60_000 });
  return segments;
}

/** Today's bank day at instant `now`. */
export function bankToday(now: number, timeZone: string): number {
  return bankDayOf(now, timeZone);
}

const HOUR_MS = 3_600_000;

/**
 * A zone's clock for hot loops (a cache rollup rebuild over millions of bookings, the demo generator):
 * the same answers as `zoneOffsetMinutes`/`bankDayOf`/TZDate, with the offset remembered per UTC hour.
 * An hour whose offset differs at its two ends holds a transition and is never remembered, so zones
 * that change at a half hour (Newfoundland, Lord Howe) stay exact.
 */
export interface ZoneClock {
  readonly timeZone: string;
  /** Offset from UTC in ms in force at instant `ms`. */
  offsetMs(ms: number): number;
  /** The bank day (local date as an epoch-day number) of instant `ms`. */
  dayOf(ms: number): number;
  /**
   * The instant of a wall-clock time, given as the UTC ms of the same digits (Date.UTC(y, m, d, h, …)).
   * Disambiguated like Temporal's "compatible": a time skipped by a spring-forward gap moves forward by
   * the gap; a time that happens twice in an autumn overlap is the earlier of the two.
   */
  wallToUtc(wallMs: number): number;
}

export function zoneClock(timeZone: string): ZoneClock {
  const byHour = new Map<number, number>();
  const exact = (ms: number): number => zoneOffsetMinutes(timeZone, ms) * 60_000;
  const offsetMs = (ms: number): number => {
    const hour = Math.floor(ms / HOUR_MS);
    const known = byHour.get(hour);
    if (known !== undefined) return known;
    const start = exact(hour * HOUR_MS);
    if (start !== exact(hour * HOUR_MS + HOUR_MS - 1)) return exact(ms);
    // A bounded memo: a century of hours is under a million entries, but a long-lived process need not keep them all.
    if (byHour.size > 500_000) byHour.clear();
    byHour.set(hour, start);
    return start;
  };
  return {
    timeZone,
    offsetMs,
    dayOf: (ms) => Math.floor((ms + offsetMs(ms)) / DAY_MS),
    wallToUtc(wallMs) {
      // Offsets a day either side: zones change at most once within a day.
      const before = wallMs - offsetMs(wallMs - DAY_MS);
      const after = wallMs - offsetMs(wallMs + DAY_MS);
      const beforeOk = wallMs - offsetMs(before) === before;
      const afterOk = wallMs - offsetMs(after) === after;
      if (beforeOk && afterOk) return Math.min(before, after);
      if (afterOk) return after;
      // Valid only with the old offset, or (in a gap) with neither: read with the old offset it lands after the change, moved forward.
      return before;
    },
  };
}
