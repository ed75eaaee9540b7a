import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { User } from '../../shared/contract';
import { roleHas, type Permission } from '../../shared/roles';
import type { CallerSession, SessionGate } from '../dispatch';

interface Live extends CallerSession {
  lastSeen: number;
  /** When it was opened: a session ends MAX after it however busy (issue 14 part B). */
  openedAt: number;
  /** The user as signed in: what `auth.me` answers with when the bank cannot be asked. */
  user: User;
  /** Signed in with a password an administrator set: only changing it is allowed (see the dispatcher). */
  mustChangePassword: boolean;
}

/** "12 hours", "90 minutes", "7 seconds": a limit as a person reads it. */
function durationText(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} hours`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} minutes`;
  return `${Math.round(ms / 1000)} seconds`;
}

/** A session's whole life, however active: a stolen token is not good for days (default 12 hours, a working day and more). */
export const DEFAULT_SESSION_MAX_MS = 12 * 60 * 60 * 1000;

/**
 * Signed-in sessions, in memory: a restart signs everyone out, which is what a bank wants.
 * Idle sessions expire, and every session at `maxAgeMs` after sign-in; `sweep` reports them so
 * clients can be told at once.
 */
export class SessionStore implements SessionGate {
  private readonly live = new Map<string, Live>();
  /** Why a recent session ended by time: idle, or at its maximum age. */
  private readonly expired = new Map<string, 'idle' | 'age'>();
  private readonly endListeners = new Set<(token: string) => void>();

  constructor(
    readonly idleTimeoutMs: number,
    private readonly clock: () => number = Date.now,
    readonly maxAgeMs: number = DEFAULT_SESSION_MAX_MS,
  ) {}

  create(user: User, opts: { mustChangePassword?: boolean } = {}): string {
    const token = randomBytes(32).toString('base64url');
    this.live.set(token, {
      token,
      userId: user.id,
      username: user.username,
      role: user.role,
      lastSeen: this.clock(),
      openedAt: this.clock(),
      user,
      mustChangePassword: opts.mustChangePassword === true,
    });
    return token;
  }

  mustChangePassword(token: string): boolean {
    return this.live.get(token)?.mustChangePassword === true;
  }

  clearMustChangePassword(token: string): void {
    const s = this.live.get(token);
    if (s) s.mustChangePassword = false;
  }

  /** Open sessions of a user. */
  countUser(userId: number): number {
    let n = 0;
    for (const s of this.live.values()) if (s.userId === userId && !this.isIdle(s)) n++;
    return n;
  }

  /** Ends the user's other sessions (after a password change). */
  endUserExcept(userId: number, keep: string): void {
    for (const [t, s] of this.live) if (s.userId === userId && t !== keep) this.ended(t);
  }

  /** Listeners told when a session ends, so pushes to it stop (the event socket). */
  onEnd(listener: (token: string) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private ended(token: string): void {
    this.live.delete(token);
    for (const l of this.endListeners) l(token);
  }

  /** The user a live session was opened for. */
  userOf(token: string): User | null {
    return this.live.get(token)?.user ?? null;
  }

  /** Whether a live session's user holds `permission`: who a push (a fraud alert, a monitor's change) may go to. */
  allows(token: string, permission: Permission): boolean {
    const u = this.userOf(token);
    return u !== null && roleHas(u.role, permission);
  }

  touch(token: string | null): CallerSession {
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    const s = this.live.get(token);
    if (!s || this.isIdle(s)) {
      if (s) this.expire(token, s);
      const why = this.expired.get(token);
      if (why === 'age') throw new AppError('UNAUTHENTICATED', `Your session reached its limit of ${durationText(this.maxAgeMs)} after sign-in. Sign in again.`);
      if (why === 'idle') {
        throw new AppError('UNAUTHENTICATED', `Your session ended after ${Math.round(this.idleTimeoutMs / 60000)} minutes without activity. Sign in again.`);
      }
      throw new AppError('UNAUTHENTICATED', 'Your session is no longer valid. Sign in again.');
    }
    s.lastSeen = this.clock();
    return s;
  }

  isLive(token: string): boolean {
    const s = this.live.get(token);
    return !!s && !this.isIdle(s);
  }

  end(token: string): void {
    this.ended(token);
  }

  /** Ends sessions of a user (e.g. after a lockout or role change). */
  endUser(userId: number): void {
    for (const [t, s] of this.live) if (s.userId === userId) this.ended(t);
  }

  /** Expires idle sessions and returns their tokens. */
  sweep(): string[] {
    const gone: string[] = [];
    for (const [t, s] of this.live) if (this.isIdle(s)) gone.push(t);
    for (const t of gone) {
      const s = this.live.get(t);
      if (s) this.expire(t, s);
    }
    return gone;
  }

  /** Over either limit: idle too long, or open too long. */
  private isIdle(s: Live): boolean {
    const now = this.clock();
    return now - s.lastSeen > this.idleTimeoutMs || now - s.openedAt > this.maxAgeMs;
  }

  private expire(token: string, s: Live): void {
    const why = this.clock() - s.openedAt > this.maxAgeMs ? 'age' : 'idle';
    this.ended(token);
    this.expired.set(token, why);
    // Remember only recent expiries: enough to explain "why" to the client that held it.
    if (this.expired.size > 10_000) this.expired.delete(this.expired.keys().next().value ?? '');
  }
}
