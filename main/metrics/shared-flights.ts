/**
 * One read for many askers: a read asked while the same read (same key) is still running or queued
 * joins it instead of queueing a copy. Fifty analysts opening the dashboard within the same sync round
 * ask the read pool for the same few metrics; without this the pool runs each of them fifty times and
 * every page waits behind the copies (bench:load measured the explorer at 3.6 s p50 that way).
 *
 * Only reads over the same data share: the key holds the store's as-of, so a read never answers with
 * data older than the sync round it was asked in. The shared answer is the same object for every asker
 * — read it, never change it. Each asker's AbortSignal only withdraws that asker; the read itself is
 * cancelled when the last one withdraws.
 */
export class SharedFlights<T> {
  private readonly flights = new Map<string, { promise: Promise<T>; controller: AbortController; waiters: number }>();

  /** How many distinct reads are in flight (for tests and the pool's status). */
  get size(): number {
    return this.flights.size;
  }

  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const promise = start(controller.signal);
      const created = { promise, controller, waiters: 0 };
      flight = created;
      this.flights.set(key, created);
      const done = (): void => {
        if (this.flights.get(key) === created) this.flights.delete(key);
      };
      promise.then(done, done);
    }
    const joined = flight;
    joined.waiters++;
    if (!signal) return joined.promise;
    return new Promise<T>((resolve, reject) => {
      const withdraw = (): void => {
        joined.waiters--;
        reject(signal.reason);
        if (joined.waiters === 0) {
          // Nobody waits any more: free the pool, and let the next asker start afresh.
          if (this.flights.get(key) === joined) this.flights.delete(key);
          joined.controller.abort(signal.reason);
        }
      };
      signal.addEventListener('abort', withdraw, { once: true });
      joined.promise.then(
        (v) => {
          signal.removeEventListener('abort', withdraw);
          joined.waiters--;
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', withdraw);
          joined.waiters--;
          reject(e);
        },
      );
    });
  }
}
