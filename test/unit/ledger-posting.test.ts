import { describe, expect, it } from 'vitest';
import { PostingBook, type Posting } from '../../main/importers/posting-book';

const posting = (legs: Posting['legs']): Posting => ({
  at: 0,
  type: 'deposit',
  channel: 'branch',
  currency: 'EUR',
  description: 'test',
  counterpartyName: null,
  counterpartyAccount: null,
  externalRef: 'x:1',
  idempotencyKey: null,
  createdBy: 'test',
  legs,
});

describe('the importers’ posting book', () => {
  it('books up to 2^53 − 1 minor units on an account and refuses one more, emitting nothing', () => {
    const book = new PostingBook({ journal: 1, entry: 1 }, (id) => `T${id}`);
    book.open(1);
    book.open(2);
    const emitted: number[] = [];
    const emit = (j: { id: number }): void => void emitted.push(j.id);
    const full = [
      { account: 1, amount: Number.MAX_SAFE_INTEGER },
      { account: 2, amount: -Number.MAX_SAFE_INTEGER },
    ];
    expect(book.fits(full)).toBe(true);
    book.post(posting(full), emit);
    const more = [
      { account: 1, amount: 1 },
      { account: 2, amount: -1 },
    ];
    expect(book.fits(more)).toBe(false);
    expect(() => book.post(posting(more), emit)).toThrow(/beyond 2\^53 − 1 minor units/);
    expect(emitted).toEqual([1]);
    expect(book.balanceOf(1)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
