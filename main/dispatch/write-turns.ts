/**
 * Lets calls that change data start one per turn of the event loop, in arrival order; reads are not held.
 *
 * Why: the embedded bank's writes run synchronously on this thread. Sixteen tellers' postings arriving
 * together ran back to back in one turn (~2 ms each), and every screen's read waited behind all of them
 * at each of its steps (request, worker reply, answer). Admitted one per turn, a posting waits for
 * the reads that are ready, and a read waits for at most one posting: the screens stay quick under a
 * full write load, and the postings, still in order, share the thread instead of holding it.
 * A write that awaits real I/O (a password hash, MySQL) only had its start delayed; it holds nothing.
 */
export class WriteTurns {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** Resolves when this call may start: at the next turn nobody admitted earlier is waiting for. */
  admit(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after the turn's I/O callbacks (requests, worker replies) and, when scheduled
    // from inside one, in the next turn: one admission per turn.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.schedule();
    });
  }
}
