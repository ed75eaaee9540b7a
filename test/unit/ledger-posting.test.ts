import { describe, expect, it } from 'vitest';
import { isValidCzechAccountPart } from '../../shared/account-number';
import { ACCOUNT_PREFIXES, issuedAccountNumber, postingProblem, PostingBook, type Leg, type Posting } from '../../main/ledger';

const posting = (legs: readonly Leg[], amount = legs.reduce((s, l) => s + Math.max(0, l.amount), 0)): Posting => ({
  type: 'deposit',
  channel: 'branch',
  amount,
  currency: 'EUR',
  description: 'test',
  counterpartyName: null,
  counterpartyAccount: null,
  externalRef: 'x:1',
  idempotencyKey: null,
  status: 'posted',
  createdBy: 'test',
  legs,
});

describe('the one posting check', () => {
  it('keeps the double-entry rules every writer obeys', () => {
    expect(
      postingProblem(
        posting([
          { account: 1, amount: 500 },
          { account: 2, amount: -500 },
        ]),
      ),
    ).toBeNull();
    expect(
      postingProblem(
        posting([
          { account: 1, amount: 500 },
          { account: 2, amount: -300 },
          { account: 3, amount: -200 },
        ]),
      ),
    ).toBeNull();
    expect(
      postingProblem(
        posting([
          { account: 1, amount: 0 },
          { account: 2, amount: 0 },
        ]),
      ),
    ).toMatch(/non-zero whole number/);
    expect(postingProblem(posting([{ account: 1, amount: 500 }]))).toMatch(/at least two legs/);
    expect(
      postingProblem(
        posting([
          { account: 1, amount: 500 },
          { account: 1, amount: -500 },
        ]),
      ),
    ).toMatch(/appears twice/);
    expect(
      postingProblem(
        posting([
          { account: 1, amount: 500 },
          { account: 2, amount: -499 },
        ]),
      ),
    ).toMatch(/legs sum to 1/);
    expect(
      postingProblem(
        posting([
          { account: 1, amount: 0.5 },
          { account: 2, amount: -0.5 },
        ]),
      ),
    ).toMatch(/whole number/);
    expect(
      postingProblem(
        posting(
          [
            { account: 1, amount: 500 },
            { account: 2, amount: -500 },
          ],
          499,
        ),
      ),
    ).toMatch(/amount 499 differs from the 500/);
  });
});

describe('the posting book (importers, demo generator)', () => {
  it('books up to 2^53 − 1 minor units on an account and refuses one more, emitting nothing', () => {
    const emitted: number[] = [];
    const book = new PostingBook({ journal: 1, entry: 1 }, (id) => `T${id}`, { journal: (j) => emitted.push(j.id), entry: () => undefined });
    book.open(1);
    book.open(2);
    const full = [
      { account: 1, amount: Number.MAX_SAFE_INTEGER },
      { account: 2, amount: -Number.MAX_SAFE_INTEGER },
    ];
    expect(book.fits(full)).toBe(true);
    book.post(posting(full), 0);
    const more = [
      { account: 1, amount: 1 },
      { account: 2, amount: -1 },
    ];
    expect(book.fits(more)).toBe(false);
    expect(() => book.post(posting(more), 0)).toThrow(/beyond 2\^53 − 1 minor units/);
    expect(emitted).toEqual([1]);
    expect(book.balanceOf(1)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('numbers journals and entries, carries running balances and refuses an unbalanced posting before emitting', () => {
    const rows: unknown[] = [];
    const book = new PostingBook({ journal: 10, entry: 100 }, (id) => `T${id}`, { journal: (j) => rows.push({ ...j }), entry: (e) => rows.push({ ...e }) });
    book.open(1, 1_000);
    book.open(2);
    expect(
      book.post(
        {
          ...posting([
            { account: 1, amount: -250 },
            { account: 2, amount: 250 },
          ]),
          reference: 'R-1',
        },
        5,
      ),
    ).toBe(10);
    expect(
      book.post(
        posting([
          { account: 1, amount: -50 },
          { account: 2, amount: 50 },
        ]),
        6,
      ),
    ).toBe(11);
    expect(() =>
      book.post(
        posting([
          { account: 1, amount: -50 },
          { account: 2, amount: 40 },
        ]),
        7,
      ),
    ).toThrow(/legs sum to -10/);
    expect(rows).toEqual([
      expect.objectContaining({ id: 10, reference: 'R-1', amount: 250, booked_at: 5, status: 'posted', external_ref: 'x:1' }),
      { id: 100, journal_id: 10, account_id: 1, amount: -250, balance_after: 750, booked_at: 5 },
      { id: 101, journal_id: 10, account_id: 2, amount: 250, balance_after: 250, booked_at: 5 },
      expect.objectContaining({ id: 11, reference: 'T11' }),
      { id: 102, journal_id: 11, account_id: 1, amount: -50, balance_after: 700, booked_at: 6 },
      { id: 103, journal_id: 11, account_id: 2, amount: 50, balance_after: 300, booked_at: 6 },
    ]);
    expect([...book.finalBalances()]).toEqual([
      [1, 700],
      [2, 300],
    ]);
  });
});

describe('account-number prefixes', () => {
  it('are distinct across issuers and each passes the mod-11 prefix check', () => {
    const all = Object.values(ACCOUNT_PREFIXES).flatMap((issuer) => Object.values(issuer) as string[]);
    expect(new Set(all.map((p) => p.padStart(6, '0'))).size).toBe(all.length);
    for (const p of all) expect(isValidCzechAccountPart(p, 6), p).toBe(true);
    expect(issuedAccountNumber(ACCOUNT_PREFIXES.workstation.customer, 42)).toMatch(/^CZ\d{2}2026000043/);
  });
});
