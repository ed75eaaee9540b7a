import { describe, expect, it } from 'vitest';
import { compactIban, czechIban, formatIban, ibanCheckDigits, isValidCzechAccountPart, isValidIban, makeIban, mod97 } from '../../shared/account-number';

describe('IBAN check digits (ISO 7064 MOD 97-10)', () => {
  it('accepts published examples', () => {
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('CZ65 0800 0000 1920 0014 5399')).toBe(true);
    expect(isValidIban('cz6508000000192000145399')).toBe(true);
  });

  it('rejects a changed digit, swapped digits and junk', () => {
    expect(isValidIban('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(isValidIban('GB28 WEST 1234 5698 7654 32')).toBe(false);
    expect(isValidIban('CZ65 0800 0000 1920 0014 5939')).toBe(false);
    expect(isValidIban('')).toBe(false);
    expect(isValidIban('XX')).toBe(false);
    expect(isValidIban('CZ65-0800')).toBe(false);
  });

  it('computes the check digits it validates', () => {
    expect(ibanCheckDigits('GB', 'WEST12345698765432')).toBe('82');
    expect(ibanCheckDigits('CZ', '08000000192000145399')).toBe('65');
    expect(makeIban('de', '370400440532013000')).toBe('DE89370400440532013000');
    for (let i = 0; i < 200; i++) expect(isValidIban(makeIban('CZ', String(1e19 + i * 7_919_000_003).slice(0, 20)))).toBe(true);
  });

  it('computes mod 97 of numbers longer than a double can hold', () => {
    expect(mod97('97')).toBe(0);
    expect(mod97('3214282912345698765432161182')).toBe(1);
    expect(() => mod97('12a')).toThrow();
  });

  it('formats for paper and compacts for storage', () => {
    expect(formatIban('CZ6508000000192000145399')).toBe('CZ65 0800 0000 1920 0014 5399');
    expect(compactIban(' cz65 0800 0000 1920 0014 5399 ')).toBe('CZ6508000000192000145399');
  });
});

describe('Czech domestic account numbers', () => {
  it('checks prefix and base with the mod-11 weights', () => {
    expect(isValidCzechAccountPart('19', 6)).toBe(true);
    expect(isValidCzechAccountPart('2000145399', 10)).toBe(true);
    expect(isValidCzechAccountPart('2000145398', 10)).toBe(false);
    expect(isValidCzechAccountPart('12345678901', 10)).toBe(false);
  });

  it('builds CZ IBANs from domestic parts', () => {
    expect(czechIban('0800', '19', '2000145399')).toBe('CZ6508000000192000145399');
    expect(() => czechIban('80', '0', '1')).toThrow();
  });
});
