import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { User } from '../../shared/contract';
import type { CallerSession, SessionGate } from '../dispatch';

interface Live extends CallerSession {
  lastSeen: number;
  /** The user as signed in: what `auth.me` answers with when the bank cannot be asked. */
  user: User;
  /** Signed in with a password an administrator set: only changing it is allowed (see the dispatcher). */
  mustChangePassword: boolean;
}

/**
 * Signed-in sessions, in memory: a restart signs everyone out, which is what a bank wants.
 * Idle sessions expire; `sweep` reports them so clients can be told at once.
 */
export class SessionStore implements SessionGate {
  private readonly live = new Map<string, Live>();
  private readonly expired = new Set<string>();
  private readonly endListeners = new Set<(token: string) => void>();

  constructor(
    readonly idleTimeoutMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  create(user: User, opts: { mustChangePassword?: boolean } = {}): string {
    const token = randomBytes(32).toString('base64url');
    this.live.set(token, {
      token,
      userId: user.id,
      username: user.username,
      role: user.role,
      lastSeen: this.clock(),
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

  touch(token: string | null): CallerSession {
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    const s = this.live.get(token);
    if (!s || this.isIdle(s)) {
      if (s) this.expire(token);
      if (this.expired.has(token)) {
        throw new AppError(
          'UNAUTHENTICATED',
          `Your session ended after ${Math.round(this.idleTimeoutMs / 60000)} minutes without activity. Sign in again.`,
        );
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
    for (const t of gone) this.expire(t);
    return gone;
  }

  private isIdle(s: Live): boolean {
    return this.clock() - s.lastSeen > this.idleTimeoutMs;
  }

  private expire(token: string): void {
    this.ended(token);
    this.expired.add(token);
    // Remember only recent expiries: enough to explain "why" to the client that held it.
    if (this.expired.size > 10_000) this.expired.delete(this.expired.values().next().value ?? '');
  }
}
