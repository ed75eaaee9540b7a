import { describe, expect, it } from 'vitest';
import { AMOUNT_SLICE_MS } from '../../main/cache';
import { planSlices } from '../../main/metrics/amount-slices';

const S = AMOUNT_SLICE_MS;

describe('amount order over time slices: which slices walk their index and which are read in time order', () => {
  it('walks full slices for a small page and reads a slice the window barely touches', () => {
    // Window from the last tenth of slice 10 to the end of slice 12.
    const from = 10 * S + 0.9 * S;
    const to = 13 * S;
    const counts = [
      { slice: 10, all: 100_000, inWindow: 10_000 },
      { slice: 11, all: 100_000, inWindow: 100_000 },
      { slice: 12, all: 100_000, inWindow: 100_000 },
    ];
    // Slice 10: a walk skips nine of ten postings (2,000 reads) against 10,000 in time order.
    expect(planSlices(counts, from, to, 1, 200)).toEqual([
      { kind: 'walk', slice: 10 },
      { kind: 'walk', slice: 11 },
      { kind: 'walk', slice: 12 },
    ]);
    // A page deep in the list: the walk of the edge slice (100,000 × 9,000 / 10,000) costs more than its 10,000.
    expect(planSlices(counts, from, to, 1, 9_000)).toEqual([
      { kind: 'read', fromMs: from, toMs: 11 * S },
      { kind: 'walk', slice: 11 },
      { kind: 'walk', slice: 12 },
    ]);
  });

  it('merges adjacent slices read in time order into one range, clipped to the window', () => {
    const counts = [
      { slice: 3, all: 50, inWindow: 40 },
      { slice: 4, all: 60, inWindow: 60 },
      { slice: 5, all: 5_000, inWindow: 5_000 },
      { slice: 6, all: 70, inWindow: 20 },
    ];
    expect(planSlices(counts, 3 * S + 10, 6 * S + 20, 1, 100)).toEqual([
      { kind: 'read', fromMs: 3 * S + 10, toMs: 5 * S },
      { kind: 'walk', slice: 5 },
      { kind: 'read', fromMs: 6 * S, toMs: 6 * S + 20 },
    ]);
  });

  it('weighs the filters: when few postings match, a walk has to skip the rest and reading is cheaper', () => {
    const counts = [{ slice: 1, all: 10_000, inWindow: 10_000 }];
    expect(planSlices(counts, S, 2 * S, 1, 100)).toEqual([{ kind: 'walk', slice: 1 }]);
    // 1 % match: 100 wanted means walking all 10,000 anyway.
    expect(planSlices(counts, S, 2 * S, 0.01, 100)).toEqual([{ kind: 'read', fromMs: S, toMs: 2 * S }]);
  });

  it('reads a window of more slices than one SQL statement can unite as one range', () => {
    const counts = Array.from({ length: 450 }, (_, i) => ({ slice: i, all: 1_000, inWindow: i % 2 === 0 ? 1_000 : 10 }));
    expect(planSlices(counts, 0, 450 * S, 1, 50)).toEqual([{ kind: 'read', fromMs: 0, toMs: 450 * S }]);
  });
});
