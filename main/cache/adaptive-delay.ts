/**
 * How long a poller waits before its next look: `fastMs` while looks find work, doubling up to
 * `idleMs` while they find none, and back to `fastMs` at once when one does. An idle workstation
 * then wakes a few times a minute instead of several times a second (a laptop's battery), while
 * data that starts to move is followed at the fast pace again from the first look that sees it.
 */
export class AdaptiveDelay {
  private current: number;

  constructor(
    readonly fastMs: number,
    readonly idleMs: number,
  ) {
    if (!(fastMs > 0) || idleMs < fastMs) throw new Error(`Poll delays must satisfy 0 < fast (${fastMs}) <= idle (${idleMs}).`);
    this.current = fastMs;
  }

  /** The wait after a look that found work (`moved`) or not. */
  next(moved: boolean): number {
    this.current = moved ? this.fastMs : Math.min(this.idleMs, this.current * 2);
    return this.current;
  }

  /** Something outside says data is moving: the next wait is the fast one. */
  reset(): void {
    this.current = this.fastMs;
  }
}
