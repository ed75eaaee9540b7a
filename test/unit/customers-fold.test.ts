import { describe, expect, it } from 'vitest';
import { nameTokens, queryTokens } from '../../main/customers';
import { NAME_FOLD } from '../../main/source/migrations/004_customer_search';

describe('customer name folding', () => {
  it('folds case, accents and separators', () => {
    expect(nameTokens('Jana Nováková-Svobodová')).toEqual(['jana', 'novakova', 'svobodova']);
    expect(nameTokens("Zdeněk O'Brien  ŘÍHA")).toEqual(['zdenek', 'o', 'brien', 'riha']);
    expect(queryTokens('  NOV   jan ')).toEqual(['nov', 'jan']);
  });
  it('folds every character the migration folds, the same way', () => {
    for (const [from, to] of NAME_FOLD) expect(nameTokens(`x${from}x`), from).toEqual([`x${to}x`]);
  });
});
