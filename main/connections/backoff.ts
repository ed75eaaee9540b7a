/**
 * Exponential backoff with jitter. Many workstations lose the same database at the same moment
 * (failover, maintenance window); jitter spreads their retries so the recovering server is not
 * hit by all of them at once, and the cap keeps a long outage from stretching waits to hours.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Share (0..1) of each delay that is random. 0.5 is "equal jitter": never less than half the step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };

/** Delay before retry `attempt` (0 = the first retry). `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(step * (1 - jitter) + step * jitter * random());
}

/** setTimeout-based sleep that an AbortSignal ends early (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  policy?: BackoffPolicy;
  /** Total attempts including the first; Infinity retries until `signal` aborts. */
  maxAttempts?: number;
  /** Return false for errors that retrying cannot fix (a wrong password): they are thrown at once. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Runs `fn` until it succeeds, waiting a backoff delay between attempts; throws the last error. */
export async function retryWithBackoff<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 5;
  const wait = opts.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (attempt + 1 >= maxAttempts || opts.signal?.aborted || (opts.shouldRetry && !opts.shouldRetry(e, attempt))) throw e;
      const delay = backoffDelay(attempt, opts.policy, opts.random);
      opts.onRetry?.(e, attempt, delay);
      await wait(delay, opts.signal);
    }
  }
}
