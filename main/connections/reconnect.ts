import type { ConnectionTestCause } from '../../shared/contract';
import { backoffDelay, DEFAULT_BACKOFF, sleep as realSleep, type BackoffPolicy } from './backoff';
import type { ClassifiedError } from './classify-error';

export type LinkState =
  { status: 'connected' } | { status: 'reconnecting'; attempt: number; retryInMs: number; cause: ConnectionTestCause; message: string } | { status: 'stopped' };

export interface ReconnectorOptions {
  /** One cheap round trip on the pool (SELECT 1). mysql2 pools open fresh connections by themselves; this finds out when. */
  probe: () => Promise<void>;
  classify: (e: unknown) => ClassifiedError;
  onChange: (state: LinkState) => void;
  policy?: BackoffPolicy;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Owns "is the bank reachable". Whoever sees a link error (sync, a query) calls reportFailure();
 * the reconnector then probes with backoff until the server answers, publishing each state so the
 * UI can show "reconnecting in 8 s: host unreachable". It never gives up: a workstation left
 * running through a long outage must come back by itself, at the capped delay.
 */
export class Reconnector {
  private readonly opts: ReconnectorOptions;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private state: LinkState = { status: 'connected' };

  constructor(opts: ReconnectorOptions) {
    this.opts = opts;
  }

  get current(): LinkState {
    return this.state;
  }

  /** Starts the probe loop unless it is running already; resolves when connected again (or stopped). */
  reportFailure(error: unknown): Promise<void> {
    if (this.state.status === 'stopped') return Promise.resolve();
    this.running ??= this.loop(error).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.abort.abort(new Error('reconnector stopped'));
    this.set({ status: 'stopped' });
  }

  private set(state: LinkState): void {
    this.state = state;
    this.opts.onChange(state);
  }

  private async loop(first: unknown): Promise<void> {
    const wait = this.opts.sleep ?? realSleep;
    let error = first;
    for (let attempt = 0; !this.abort.signal.aborted; attempt++) {
      const retryInMs = backoffDelay(attempt, this.opts.policy ?? DEFAULT_BACKOFF, this.opts.random);
      const { cause, message } = this.opts.classify(error);
      this.set({ status: 'reconnecting', attempt: attempt + 1, retryInMs, cause, message });
      try {
        await wait(retryInMs, this.abort.signal);
      } catch {
        return; // stopped while waiting
      }
      try {
        await this.opts.probe();
        if (!this.abort.signal.aborted) this.set({ status: 'connected' });
        return;
      } catch (e) {
        error = e;
      }
    }
  }
}
