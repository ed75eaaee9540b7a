import { describe, expect, it } from 'vitest';
import { countOf } from '../../renderer/src/format/plural';

/** Issue 16: "1 movements". */
describe('countOf', () => {
  it('uses the singular for one and the plural otherwise', () => {
    expect(countOf(1, 'movement', 'movements', 'en')).toBe('1 movement');
    expect(countOf(0, 'movement', 'movements', 'en')).toBe('0 movements');
    expect(countOf(2, 'movement', 'movements', 'en')).toBe('2 movements');
  });

  it('groups the number in the user’s locale', () => {
    expect(countOf(12_345, 'movement', 'movements', 'en')).toBe('12,345 movements');
    expect(countOf(12_345, 'movement', 'movements', 'de')).toBe('12.345 movements');
  });
});
