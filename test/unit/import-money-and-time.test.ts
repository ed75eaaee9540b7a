import { describe, expect, it } from 'vitest';
import { formatMinorUnits, parseMinorUnits } from '../../main/importers/decimal';
import { minorUnitsOf } from '../../shared/money';
import { parseIsoInstant } from '../../main/importers/csv/timestamp';

const value = (text: string, decimals = 2, signed = false): number | string => {
  const r = parseMinorUnits(text, decimals, { signed });
  return r.ok ? r.value : r.reason;
};

describe('exact money parsing', () => {
  it('turns decimal text into minor units without float arithmetic', () => {
    expect(value('700.00')).toBe(70000);
    expect(value('0.29')).toBe(29); // 0.29 * 100 === 28.999999999999996
    expect(value('1.1')).toBe(110);
    expect(value('14.6')).toBe(1460);
    expect(value('5')).toBe(500);
    expect(value('007.5')).toBe(750);
    expect(value('-2994.60', 2, true)).toBe(-299460);
    expect(value('1234', 0)).toBe(1234);
    expect(value('1.234', 3)).toBe(1234);
    expect(value('90071992547409.91')).toBe(9007199254740991);
  });

  it('refuses what it cannot read exactly', () => {
    expect(value('1.005')).toMatch(/more than 2 decimals/);
    expect(value('1.5', 0)).toMatch(/more than 0 decimals/);
    expect(value('-1')).toMatch(/must not be negative/);
    expect(value('1,000.00')).toMatch(/not a decimal number/);
    expect(value('1e3')).toMatch(/not a decimal number/);
    expect(value('')).toMatch(/not a decimal number/);
    expect(value('90071992547409.92')).toMatch(/too large/);
    expect(value('100000000000000000.00')).toMatch(/too large/);
  });

  it('formats minor units back for messages', () => {
    expect(formatMinorUnits(-299460, 2)).toBe('-2994.60');
    expect(formatMinorUnits(5, 2)).toBe('0.05');
    expect(formatMinorUnits(1234, 0)).toBe('1234');
  });

  it('takes each currency’s minor digits from the one ISO 4217 table', () => {
    expect(minorUnitsOf('CZK')).toBe(2);
    expect(minorUnitsOf('EUR')).toBe(2);
    expect(minorUnitsOf('JPY')).toBe(0);
    expect(minorUnitsOf('BHD')).toBe(3);
    expect(minorUnitsOf('HUF')).toBe(2);
    expect(minorUnitsOf('XXX1')).toBeNull();
    expect(minorUnitsOf('eur')).toBeNull();
    expect(minorUnitsOf('ABC')).toBeNull();
  });
});

describe('ISO 8601 instants', () => {
  const at = (s: string): number | string => {
    const r = parseIsoInstant(s);
    return r.ok ? r.at : r.reason;
  };

  it('reads dates as UTC midnight and honours zones', () => {
    expect(at('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(at('2024-03-01T10:15:00Z')).toBe(Date.UTC(2024, 2, 1, 10, 15));
    expect(at('2024-03-01T11:15:00+01:00')).toBe(Date.UTC(2024, 2, 1, 10, 15));
    expect(at('2024-03-01T05:15:00.250-0500')).toBe(Date.UTC(2024, 2, 1, 10, 15, 0, 250));
    expect(at('2024-03-01 10:15Z')).toBe(Date.UTC(2024, 2, 1, 10, 15));
  });

  it('refuses ambiguous or impossible instants', () => {
    expect(at('2024-03-01T10:15:00')).toMatch(/no time zone/);
    expect(at('2023-02-29')).toMatch(/not a real date/);
    expect(at('2024-03-01T24:00:00Z')).toMatch(/not a real date/);
    expect(at('01/03/2024')).toMatch(/not an ISO 8601/);
  });
});
