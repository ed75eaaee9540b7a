import { describe, expect, it } from 'vitest';
import { accountDirectory } from '../../main/fraud';
import { AccountProfile, KnownSet } from '../../main/fraud/profile';

/**
 * The detector's compact per-account state (issue 12: speed on imported data) answers exactly as the
 * plain structures it replaced: the directory's case-insensitive lookup without lower-cased copies,
 * a known set holding its first counterparty without a Map, hour counts without an array until the
 * second activity.
 */
describe('compact detector state', () => {
  it('directory: exact number first, then case-insensitively, preferring a number with capitals over an all-lower-case one', () => {
    const dir = accountDirectory([
      { id: 1, customerId: 10, accountNo: 'C123-r0', openedAt: 0, currency: 'USD' },
      { id: 2, customerId: 20, accountNo: 'abc', openedAt: 0, currency: 'USD' },
      { id: 3, customerId: 30, accountNo: 'ABC', openedAt: 0, currency: 'USD' },
      { id: 4, customerId: 40, accountNo: 'Straße-1', openedAt: 0, currency: 'EUR' },
    ]);
    expect(dir.byNumber('C123-r0')?.id).toBe(1);
    expect(dir.byNumber('c123-R0')?.id).toBe(1);
    expect(dir.byNumber('C123-r1')).toBeUndefined();
    expect(dir.byNumber('abc')?.id).toBe(2);
    expect(dir.byNumber('ABC')?.id).toBe(3);
    expect(dir.byNumber('aBc')?.id).toBe(3);
    expect(dir.byNumber('STRASSE-1')).toBeUndefined();
    expect(dir.byNumber('STRAßE-1')?.id).toBe(4);
    expect(dir.ownerOf('c123-r0')).toBeUndefined();
    expect(dir.ownerOf('C123-r0')).toBe(10);
  });

  it('directory: every number found after the table grew many times, a number added again answers with the latest', () => {
    const dir = accountDirectory([]);
    for (let i = 1; i <= 5000; i++) dir.add({ id: i, customerId: i * 10, accountNo: `Acct-${i}`, openedAt: 0, currency: 'EUR' });
    for (let i = 1; i <= 5000; i++) {
      expect(dir.byNumber(`Acct-${i}`)?.id).toBe(i);
      expect(dir.byNumber(`ACCT-${i}`)?.id).toBe(i);
      expect(dir.ownerOf(`Acct-${i}`)).toBe(i * 10);
    }
    expect(dir.byNumber('Acct-5001')).toBeUndefined();
    expect(dir.ownerOf('acct-1')).toBeUndefined();
    dir.add({ id: 9000, customerId: 7, accountNo: 'Acct-17', openedAt: 0, currency: 'EUR' });
    expect(dir.byNumber('Acct-17')?.id).toBe(9000);
    expect(dir.byNumber('acct-17')?.id).toBe(9000);
    expect(dir.get(17)?.accountNo).toBe('Acct-17');
  });

  it('profile: the log-amount mean and sum of squares start as doubles (-0), not as small integers', () => {
    // A small-integer start let the first fractional value, 400,000 rows into an import, change the field's
    // representation for every profile; their lazy migration kept V8 from optimising the engine again.
    const p = new AccountProfile(1, 1);
    expect([Object.is(p.outMean, -0), Object.is(p.outM2, -0), p.outSd]).toEqual([true, true, 0]);
    p.learnOut(100);
    p.learnOut(10_000);
    expect(p.outMean).toBeCloseTo((Math.log(100) + Math.log(10_000)) / 2, 12);
    expect(p.outSd).toBeCloseTo(Math.abs(Math.log(10_000) - Math.log(100)) / Math.SQRT2, 12);
  });

  it('known set: the first counterparty without a Map, the same answers and bound once there are more', () => {
    const k = new KnownSet(2);
    expect(k.size).toBe(0);
    k.add('A', 1);
    k.add('A', 5);
    expect([k.size, k.firstSeen('A'), k.firstSeen('B')]).toEqual([1, 1, undefined]);
    k.add('B', 2);
    k.add('C', 3);
    expect([k.size, k.firstSeen('A'), k.firstSeen('B'), k.firstSeen('C')]).toEqual([2, undefined, 2, 3]);
    const none = new KnownSet(0);
    none.add('A', 1);
    expect(none.size).toBe(0);
  });

  it('hours: one activity answers as the 24 counts would, and the counts carry it on', () => {
    const H = 3_600_000;
    const p = new AccountProfile(1, 1);
    expect(p.hourShare(10 * H)).toBe(0);
    p.learnHour(10 * H);
    expect([9, 10, 11, 12, 8, 22].map((h) => p.hourShare(h * H))).toEqual([1, 1, 1, 0, 0, 0]);
    const q = new AccountProfile(2, 2);
    q.learnHour(23 * H);
    expect([0, 22, 21].map((h) => q.hourShare(h * H))).toEqual([1, 1, 0]);
    q.learnHour(5 * H);
    expect([0, 5, 12].map((h) => q.hourShare(h * H))).toEqual([0.5, 0.5, 0]);
  });
});
