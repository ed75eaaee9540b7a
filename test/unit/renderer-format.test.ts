import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from '../../renderer/src/format/csv';
import { groupedAccountNo, shortAccountNo } from '../../renderer/src/format/account';
import { formatDateTime, formatDateTimeCompact, formatDayKey, formatRelative, startOfLocalDay, utcOffsetMinutes } from '../../renderer/src/format/date';
import { currencyDigits, formatMinor, formatMoney, formatMoneyCompact, minorToDecimal, minorToMajorForChart } from '../../renderer/src/format/money';
import { formatCount } from '../../renderer/src/format/number';

// Intl output uses narrow no-break spaces in some locales; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('minorToDecimal', () => {
  it('writes integer minor units as an exact decimal string', () => {
    expect(minorToDecimal(123456, 2)).toBe('1234.56');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(0, 2)).toBe('0.00');
    expect(minorToDecimal(-1, 2)).toBe('-0.01');
    expect(minorToDecimal(-100050, 2)).toBe('-1000.50');
    expect(minorToDecimal(1234, 0)).toBe('1234');
    expect(minorToDecimal(1234, 3)).toBe('1.234');
  });

  it('keeps every cent of amounts near the safe-integer limit', () => {
    expect(minorToDecimal(9007199254740991, 2)).toBe('90071992547409.91');
  });

  it('refuses non-integers instead of guessing', () => {
    expect(() => minorToDecimal(12.5, 2)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats minor units with the currency and its own decimals', () => {
    expect(plain(formatMoney(123456, 'CZK', 'en-US'))).toBe('CZK 1,234.56');
    expect(plain(formatMoney(-5, 'EUR', 'en-US'))).toBe('-EUR 0.05');
    expect(plain(formatMoney(1234, 'JPY', 'en-US'))).toBe('JPY 1,234');
  });

  it('takes the digits from the ISO 4217 table, not Intl (HUF has 2 decimals, though ICU shows 0)', () => {
    expect(plain(formatMoney(100_050, 'HUF', 'en-US'))).toBe('HUF 1,000.50');
    expect(plain(formatMoney(10_000_000, 'HUF', 'hu-HU'))).toBe('100 000,00 HUF');
    expect(formatMinor(100_050, 'HUF', 'en-US')).toBe('1,000.50');
    expect(plain(formatMoney(1_250, 'BHD', 'en-US'))).toBe('BHD 1.250');
    expect(minorToMajorForChart(100_050, 'HUF')).toBe(1000.5);
    expect(() => formatMoney(100, 'ABC', 'en-US')).toThrow(/not an ISO 4217 currency code/);
  });

  it('uses the locale for separators', () => {
    expect(plain(formatMoney(123456, 'CZK', 'cs-CZ'))).toBe('1 234,56 CZK');
  });

  it('does not pick up float noise on large balances', () => {
    expect(plain(formatMoney(9007199254740991, 'USD', 'en-US'))).toBe('USD 90,071,992,547,409.91');
  });

  it('formats the bare amount for grids with a currency column', () => {
    expect(formatMinor(-3549240, 'CZK', 'en-US')).toBe('-35,492.40');
    expect(formatMinor(1234, 'JPY', 'en-US')).toBe('1,234');
  });

  it('has a compact form for headline figures', () => {
    expect(plain(formatMoneyCompact(123_456_789_00, 'CZK', 'en-US'))).toBe('CZK 123.5M');
  });

  it('knows minor-unit digits per currency', () => {
    expect(currencyDigits('CZK')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('HUF')).toBe(2);
    expect(minorToMajorForChart(150, 'USD')).toBe(1.5);
  });
});

describe('dates', () => {
  it('formats epoch ms in the given zone', () => {
    const ms = Date.UTC(2025, 10, 25, 13, 3, 7);
    expect(plain(formatDateTime(ms, { locale: 'en-GB', timeZone: 'Europe/Prague' }))).toBe('25 Nov 2025, 14:03:07');
    expect(plain(formatDateTime(ms, { locale: 'en-GB', timeZone: 'UTC' }))).toBe('25 Nov 2025, 13:03:07');
  });

  it('shows a server day key without shifting it by the zone', () => {
    expect(formatDayKey('2025-01-01', 'en-US')).toBe('Jan 1');
    expect(formatDayKey('not-a-day', 'en-US')).toBe('not-a-day');
    expect(formatDayKey('2025-01-01', 'en-US', { weekday: true })).toBe('Wed, Jan 1');
  });

  it('shortens recent instants: the time alone today, no year this year, in full before', () => {
    const opts = { locale: 'en-GB', timeZone: 'Europe/Prague' };
    const now = Date.UTC(2025, 10, 25, 13, 3, 7);
    expect(plain(formatDateTimeCompact(now - 60_000, now, opts))).toBe('14:02:07');
    // 23:30 UTC on the 24th is already the 25th in Prague.
    expect(plain(formatDateTimeCompact(Date.UTC(2025, 10, 24, 23, 30, 0), now, opts))).toBe('00:30:00');
    expect(plain(formatDateTimeCompact(Date.UTC(2025, 10, 24, 12, 0, 0), now, opts))).toBe('24 Nov, 13:00:00');
    expect(plain(formatDateTimeCompact(Date.UTC(2024, 11, 31, 12, 0, 0), now, opts))).toBe('31 Dec 2024, 13:00:00');
  });

  it('finds local midnight of the current day', () => {
    const now = new Date(2025, 10, 25, 15, 30).getTime();
    const start = startOfLocalDay(now);
    const d = new Date(start);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2025, 10, 25, 0, 0]);
    expect(start).toBeLessThanOrEqual(now);
    expect(now - start).toBeLessThan(25 * 3_600_000);
  });

  it('gives the offset east of UTC, as dashboard.volume expects', () => {
    const at = Date.UTC(2025, 0, 15);
    expect(utcOffsetMinutes(at)).toBe(-new Date(at).getTimezoneOffset() || 0);
    expect(Object.is(utcOffsetMinutes(at), -0)).toBe(false);
  });

  it('says how far away a time is', () => {
    const now = Date.UTC(2025, 0, 1);
    expect(formatRelative(now + 12 * 60_000, now, 'en')).toBe('in 12 min.');
    expect(formatRelative(now - 3 * 3_600_000, now, 'en')).toBe('3 hr. ago');
  });
});

describe('account numbers', () => {
  it('keeps the last six characters for grids and groups the full number in fours', () => {
    expect(shortAccountNo('CZ3420260000001552197432')).toBe('…197432');
    expect(shortAccountNo('CZ34 2026 0000 0015 5219 7432')).toBe('…197432');
    expect(shortAccountNo('12345678')).toBe('12345678');
    expect(groupedAccountNo('CZ3420260000001552197432')).toBe('CZ34 2026 0000 0015 5219 7432');
  });
});

describe('csv', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it('neutralises spreadsheet formulas in text but keeps numbers as numbers', () => {
    // A plain signed number ('+1') is a number, not a formula: it stays numeric (shared/spreadsheet-cell.ts).
    expect(toCsv(['v'], [['=HYPERLINK("x")'], ['+1'], ['+1+cmd'], ['@sum'], [-12.5]])).toBe('v\r\n"\'=HYPERLINK(""x"")"\r\n+1\r\n\'+1+cmd\r\n\'@sum\r\n-12.5\r\n');
  });

  it('names files with the local date', () => {
    expect(csvFileName('activity', new Date(2025, 0, 5))).toBe('activity-2025-01-05.csv');
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
  });
});
