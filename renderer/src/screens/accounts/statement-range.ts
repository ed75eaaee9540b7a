/**
 * Statement periods as calendar days in the user's zone (the browser's), turned into the UTC ms the contract wants:
 * `from` = local midnight starting the first day, `to` = local midnight after the last day (exclusive).
 * Day keys are "YYYY-MM-DD", which <input type="date"> reads and writes.
 */

export type PresetId = 'this_month' | 'last_month' | 'last_90' | 'year_to_date';

export interface DayRange {
  first: string;
  last: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dayKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function parseDay(key: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getDate() === Number(m[3]) ? d : null;
}

export const PRESETS: readonly { id: PresetId; label: string }[] = [
  { id: 'this_month', label: 'This month' },
  { id: 'last_month', label: 'Last month' },
  { id: 'last_90', label: 'Last 90 days' },
  { id: 'year_to_date', label: 'Year to date' },
];

export function presetRange(id: PresetId, now: Date = new Date()): DayRange {
  const y = now.getFullYear();
  const m = now.getMonth();
  const today = dayKey(now);
  switch (id) {
    case 'this_month':
      return { first: dayKey(new Date(y, m, 1)), last: today };
    case 'last_month':
      return { first: dayKey(new Date(y, m - 1, 1)), last: dayKey(new Date(y, m, 0)) };
    case 'last_90':
      return { first: dayKey(new Date(y, m, now.getDate() - 89)), last: today };
    case 'year_to_date':
      return { first: dayKey(new Date(y, 0, 1)), last: today };
  }
}

export function presetOf(range: DayRange, now: Date = new Date()): PresetId | null {
  return (
    PRESETS.find((p) => {
      const r = presetRange(p.id, now);
      return r.first === range.first && r.last === range.last;
    })?.id ?? null
  );
}

/** Local midnights as UTC ms; a DST day is 23 or 25 hours long and still one day. */
export function rangeToUtc(range: DayRange): { from: number; to: number } | { error: string } {
  const first = parseDay(range.first);
  const last = parseDay(range.last);
  if (!first || !last) return { error: 'Choose both dates' };
  if (last < first) return { error: 'The last day is before the first day' };
  const end = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  if (end.getTime() - first.getTime() > 5 * 366 * 86_400_000) return { error: 'A statement covers at most five years' };
  return { from: first.getTime(), to: end.getTime() };
}

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
