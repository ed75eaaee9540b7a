import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, currencyDecimals, formatMinorPlain, formatMoneyText, isCurrencyCode, MAX_MINOR, minorUnitsOf, parseAmount } from '../../shared/money';

describe('parseAmount', () => {
  it.each([
    ['1250.50', 'EUR', 125_050],
    ['1250,5', 'EUR', 125_050],
    ['1 250,50', 'EUR', 125_050],
    ['1,250,000', 'EUR', 125_000_000],
    ['1.250,50', 'EUR', 125_050],
    ['1,250.50', 'EUR', 125_050],
    ['0.01', 'EUR', 1],
    ['1500', 'JPY', 1500],
    ['1.234', 'BHD', 1234],
  ])('reads %s %s as %i minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ['10.005', 'EUR', /at most 2 decimals/],
    ['1,250', 'EUR', /at most 2 decimals/],
    ['12.5', 'JPY', /no decimals/],
    ['0', 'EUR', /more than zero/],
    ['0.00', 'EUR', /more than zero/],
    ['-5', 'EUR', /without a sign/],
    ['', 'EUR', /Enter an amount/],
    ['12a', 'EUR', /number such as/],
    ['1.250.50', 'EUR', /number such as/],
    ['99999999999999999', 'EUR', /too large/],
  ])('refuses %s %s', (text, currency, reason) => {
    const r = parseAmount(text, currency);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('formats minor units back as plain decimals', () => {
    expect(formatMinorPlain(125_050, 'EUR')).toBe('1250.50');
    expect(formatMinorPlain(-5, 'EUR')).toBe('-0.05');
    expect(formatMinorPlain(1500, 'JPY')).toBe('1500');
    expect(currencyDecimals('KWD')).toBe(3);
  });
});

describe('the ISO 4217 minor-unit table', () => {
  it('has every active code with its ISO exponent, not Intl’s display digits', () => {
    expect(CURRENCY_CODES.length).toBe(167);
    expect(CURRENCY_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    // ISO 4217 says 2 for HUF and IDR where current ICU displays 0; 0 for ISK and JPY; 3 and 4 exist too.
    expect(['HUF', 'IDR', 'COP', 'EUR', 'CZK', 'USD'].map(currencyDecimals)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(['JPY', 'KRW', 'ISK', 'CLP', 'VND', 'XAF'].map(currencyDecimals)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map(currencyDecimals)).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(['CLF', 'UYW'].map(currencyDecimals)).toEqual([4, 4]);
  });

  it('refuses unknown codes instead of guessing two decimals', () => {
    for (const code of ['ABC', 'eur', 'XXX', 'XAU', 'HRK', 'EU', '']) {
      expect(isCurrencyCode(code)).toBe(false);
      expect(minorUnitsOf(code)).toBeNull();
      expect(() => currencyDecimals(code)).toThrow(/not an ISO 4217 currency code/);
      const r = parseAmount('10', code);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/not an ISO 4217 currency code/);
    }
    expect(() => formatMinorPlain(100, 'ABC')).toThrow(/not an ISO 4217/);
  });

  it.each(CURRENCY_CODES.map((c) => [c]))('round-trips %s: parse ⇄ format for its exponent', (code) => {
    const d = currencyDecimals(code);
    for (const minor of [1, 7, 10 ** d, 123_456_789, 10 ** d * 1_000_000 + 1, MAX_MINOR]) {
      const text = formatMinorPlain(minor, code);
      expect(text.includes('.') ? (text.split('.')[1] ?? '').length : 0).toBe(d);
      expect(parseAmount(text, code)).toEqual({ ok: true, minor });
      // The grouped form of sentences reads back too (commas are thousands groups before a "." decimal).
      const grouped = formatMoneyText(minor, code).slice(0, -4);
      if (grouped.includes(',') && (d > 0 || grouped.split(',').length > 2)) expect(parseAmount(grouped, code)).toEqual({ ok: true, minor });
    }
    // One more minor unit than the ledger holds exactly is refused, never rounded.
    const tooBig = formatMinorPlain(MAX_MINOR, code).replace(/1$/, '2');
    const r = parseAmount(tooBig, code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/too large/);
  });

  it('writes sentences the same in every runtime', () => {
    expect(formatMoneyText(100_050, 'HUF')).toBe('1,000.50 HUF');
    expect(formatMoneyText(150_000, 'JPY')).toBe('150,000 JPY');
    expect(formatMoneyText(1_250, 'BHD')).toBe('1.250 BHD');
    expect(formatMoneyText(-123_456_789, 'EUR')).toBe('-1,234,567.89 EUR');
    expect(formatMoneyText(5, 'CLF')).toBe('0.0005 CLF');
  });
});
