import { describe, expect, it } from 'vitest';
import { currencyDecimals, formatMinorPlain, parseAmount } from '../../shared/money';

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
    expect(currencyDecimals('kwd')).toBe(3);
  });
});
