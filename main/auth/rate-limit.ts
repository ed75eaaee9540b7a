import { AppError } from '../../shared/errors';

export interface SignInLimits {
  /** Attempts on one username that have not succeeded, per window. Covers unknown names, which have no row to lock. */
  perUser: number;
  /** Attempts from one address that have not succeeded, per window: one address spraying many names. */
  perSource: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perUser: 10, perSource: 20, windowMs: 15 * 60 * 1000 };

const MAX_KEYS = 20_000;

/** One admitted attempt: what to forgive when it turns out to be the real user. */
export interface AttemptTicket {
  readonly user: string;
  readonly source: string;
  readonly at: number;
}

/**
 * In-memory sign-in throttle, in front of the database's lockout. An attempt is counted when it is
 * admitted — before the slow password check — so parallel attempts cannot all pass a check made
 * before any of them was recorded (JavaScript runs `admit` to the end before the next one starts).
 * A success forgives its user's record and its own attempt at the address, not the address's others.
 */
export class SignInLimiter {
  private readonly byUser = new Map<string, number[]>();
  private readonly bySource = new Map<string, number[]>();
  /** Keys already refused in their current window: audited once, not once per request of a flood. */
  private readonly noted = new Set<string>();

  constructor(private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {}

  /** Counts the attempt or throws LOCKED; `onFirstRefusal` runs once per refused key and window. */
  admit(user: string, source: string, now: number, onFirstRefusal: (scope: 'user' | 'source') => void): AttemptTicket {
    if (this.byUser.size + this.bySource.size > MAX_KEYS) this.sweep(now);
    const users = this.recent(this.byUser, user, now);
    const sources = this.recent(this.bySource, source, now);
    const minutes = Math.ceil(this.limits.windowMs / 60000);
    if (sources.length >= this.limits.perSource) {
      this.noteOnce(`s:${source}`, () => onFirstRefusal('source'));
      throw new AppError('LOCKED', `Too many failed sign-ins from this address: wait up to ${minutes} minutes and try again, or ask an administrator.`);
    }
    if (users.length >= this.limits.perUser) {
      this.noteOnce(`u:${user}`, () => onFirstRefusal('user'));
      throw new AppError('LOCKED', `Too many failed sign-ins for this username: wait up to ${minutes} minutes and try again, or ask an administrator.`);
    }
    users.push(now);
    sources.push(now);
    this.byUser.set(user, users);
    this.bySource.set(source, sources);
    return { user, source, at: now };
  }

  /** The attempt was the real user (or only asked for the second factor): it does not count. */
  forgive(ticket: AttemptTicket, wholeUser: boolean): void {
    if (wholeUser) {
      this.byUser.delete(ticket.user);
      this.noted.delete(`u:${ticket.user}`);
    } else {
      dropOne(this.byUser, ticket.user, ticket.at);
    }
    dropOne(this.bySource, ticket.source, ticket.at);
  }

  /** Drops expired keys, so names guessed once do not pile up in memory. */
  private sweep(now: number): void {
    for (const key of [...this.byUser.keys()]) this.recent(this.byUser, key, now);
    for (const key of [...this.bySource.keys()]) this.recent(this.bySource, key, now);
  }

  private recent(map: Map<string, number[]>, key: string, now: number): number[] {
    const kept = (map.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
    if (kept.length === 0) {
      map.delete(key);
      this.noted.delete(`${map === this.byUser ? 'u' : 's'}:${key}`);
    }
    return kept;
  }

  private noteOnce(key: string, note: () => void): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    note();
  }
}

function dropOne(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(at);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}
