import { describe, expect, it } from 'vitest';
import { AdaptiveDelay } from '../../main/cache';

describe('adaptive poll delay', () => {
  it('stays fast while data moves, doubles up to the idle delay, and is fast again at the first change', () => {
    const d = new AdaptiveDelay(500, 5000);
    expect(d.next(true)).toBe(500);
    expect([d.next(false), d.next(false), d.next(false), d.next(false), d.next(false)]).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(d.next(true)).toBe(500);
    d.next(false);
    d.reset();
    expect(d.next(false)).toBe(1000);
  });

  it('refuses delays that cannot work', () => {
    expect(() => new AdaptiveDelay(0, 5000)).toThrow(/Poll delays/);
    expect(() => new AdaptiveDelay(1000, 500)).toThrow(/Poll delays/);
  });
});
