import { describe, expect, it } from 'vitest';
import { formatClock } from '../../renderer/src/format/date';
import { formatDuration } from '../../renderer/src/format/duration';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatDuration', () => {
  it('says seconds under a minute, rounding to whole seconds', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(0.19)).toBe('0 s');
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(59.4)).toBe('59 s');
  });

  it('says minutes and seconds under an hour, hours and minutes beyond', () => {
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3599)).toBe('59 min 59 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(26 * 3600 + 59)).toBe('26 h');
  });

  it('never goes negative', () => {
    expect(formatDuration(-3)).toBe('0 s');
  });
});

describe('formatClock', () => {
  const zone = { locale: 'en-GB', timeZone: 'Europe/Prague' };
  // 25 Nov 2025, 14:03:07 in Prague (UTC+1).
  const at = Date.UTC(2025, 10, 25, 13, 3, 7);

  it('is the time alone on the same day in the user’s zone', () => {
    expect(formatClock(at, at + 3_600_000, zone)).toBe('14:03');
    expect(formatClock(at, at, { locale: 'en-US', timeZone: 'Europe/Prague' })).toBe('14:03');
  });

  it('adds the day when it is not today there, and the year when it is not this year', () => {
    expect(plain(formatClock(at, at + 86_400_000, zone))).toBe('25 Nov, 14:03');
    expect(plain(formatClock(at, Date.UTC(2026, 0, 2, 9), zone))).toBe('25 Nov 2025, 14:03');
  });

  it('decides "today" by the user’s zone, not UTC', () => {
    // 23:30 UTC on 25 Nov is already 26 Nov 00:30 in Prague.
    const lateUtc = Date.UTC(2025, 10, 25, 23, 30);
    expect(formatClock(lateUtc, Date.UTC(2025, 10, 26, 8), zone)).toBe('00:30');
    expect(plain(formatClock(lateUtc, Date.UTC(2025, 10, 26, 8), { locale: 'en-GB', timeZone: 'UTC' }))).toBe('25 Nov, 23:30');
  });
});
