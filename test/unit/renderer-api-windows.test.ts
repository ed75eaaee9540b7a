import { describe, expect, it } from 'vitest';
import { windowsFor } from '../../renderer/src/api/use-api-windows';

describe('list windows', () => {
  it('covers a visible range with the 200-row windows it touches, clipped to the total', () => {
    expect(windowsFor(0, 30, 100_000, 200)).toEqual([0]);
    expect(windowsFor(190, 230, 100_000, 200)).toEqual([0, 200]);
    expect(windowsFor(99_990, 100_020, 100_000, 200)).toEqual([99_800]);
    expect(windowsFor(0, 30, 0, 200)).toEqual([]);
    expect(windowsFor(30, 0, 100, 200)).toEqual([]);
  });
});
