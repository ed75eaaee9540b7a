interface ZoneOptions {
  locale?: string;
  /** IANA zone; the user's own zone when omitted. */
  timeZone?: string;
}

/** "25 Nov 2025, 14:03:07" in the user's zone: audit and activity need the seconds. */
export function formatDateTime(ms: number, opts: ZoneOptions = {}): string {
  return new Intl.DateTimeFormat(opts.locale, {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: opts.timeZone,
  }).format(ms);
}

/**
 * The same instant, shorter for feeds of recent rows: the time alone today, no year within the current year;
 * older instants in full. Put formatDateTime in a title beside it.
 */
export function formatDateTimeCompact(ms: number, now: number = Date.now(), opts: ZoneOptions = {}): string {
  const dayOf = (t: number) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: opts.timeZone }).format(t);
  const day = dayOf(ms);
  const today = dayOf(now);
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: opts.timeZone };
  if (day === today) return new Intl.DateTimeFormat(opts.locale, time).format(ms);
  if (day.slice(0, 4) === today.slice(0, 4)) return new Intl.DateTimeFormat(opts.locale, { ...time, month: 'short', day: '2-digit' }).format(ms);
  return formatDateTime(ms, opts);
}

export function formatDate(ms: number, opts: ZoneOptions = {}): string {
  return new Intl.DateTimeFormat(opts.locale, { year: 'numeric', month: 'short', day: '2-digit', timeZone: opts.timeZone }).format(ms);
}

/** A calendar day key ("2025-11-25") as the server sends it, shown as a short date; no zone shift. */
export function formatDayKey(day: string, locale?: string, opts: { weekday?: boolean } = {}): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale, { weekday: opts.weekday ? 'short' : undefined, month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** Midnight of the local day containing `now`, as UTC epoch ms (what dashboard.summary calls `dayStart`). */
export function startOfLocalDay(now: number = Date.now()): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The zone's offset east of UTC in minutes (+60 for Prague in winter), as dashboard.volume wants it. */
export function utcOffsetMinutes(at: number = Date.now()): number {
  const offset = -new Date(at).getTimezoneOffset();
  return offset === 0 ? 0 : offset;
}

/** "in 12 min", "3 h ago": for lockouts and last sign-ins. */
export function formatRelative(ms: number, now: number = Date.now(), locale?: string): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (abs < 60_000) return rtf.format(Math.round(diff / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}

/**
 * A wall-clock time for a one-line status ("14:03"), with the day when it is not today ("24 Nov, 14:03")
 * and the year when it is not this year: "data as of 14:03" must not hide that it was yesterday.
 */
export function formatClock(ms: number, now: number = Date.now(), opts: ZoneOptions = {}): string {
  const dayOf = (t: number) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: opts.timeZone }).format(t);
  const day = dayOf(ms);
  const today = dayOf(now);
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: opts.timeZone };
  if (day === today) return new Intl.DateTimeFormat(opts.locale, time).format(ms);
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat(opts.locale, { ...time, day: '2-digit', month: 'short', year: sameYear ? undefined : 'numeric' }).format(ms);
}
