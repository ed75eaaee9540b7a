/**
 * ISO 8601 instants as the canonical CSV writes them: a date (UTC midnight) or a date-time with
 * "Z" or an offset. A date-time without a zone is refused — it could be any of 24 instants, and
 * the bank stores UTC.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export type ParsedInstant = { ok: true; at: number } | { ok: false; reason: string };

export function parseIsoInstant(text: string): ParsedInstant {
  const m = ISO.exec(text.trim());
  if (!m) return { ok: false, reason: `"${text}" is not an ISO 8601 date or date-time (e.g. 2024-03-01T14:05:00Z)` };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const hasTime = h !== undefined;
  if (hasTime && zone === undefined) return { ok: false, reason: `"${text}" has no time zone: add Z (UTC) or an offset such as +01:00` };
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `"${text}" is not a real date and time` };
  }
  let offset = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4) || '0');
    if (oh > 18 || om > 59) return { ok: false, reason: `"${text}" has an impossible UTC offset` };
    offset = sign * (oh * 60 + om) * 60_000;
  }
  return { ok: true, at: local - offset };
}
