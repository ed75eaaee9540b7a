import { LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from './lockout';

export /** What the audit keeps of a name nobody owns: a password typed into the username field must not become readable there. */
function maskedName(name: string): string {
  return name.length <= 2 ? '*'.repeat(name.length) : `${name.slice(0, 2)}${'*'.repeat(Math.min(name.length - 2, 10))}`;
}

export /** Sign-in failures of names nobody owns, so they lock exactly like real accounts (the answer never tells which names exist). */
class PhantomLockout {
  private readonly runs = new Map<string, { failures: number; lockedUntil: number | null }>();

  /** The lock in force for this name, or null; an expired one starts a fresh run. */
  lockedUntil(name: string, now: number): number | null {
    const r = this.runs.get(name);
    if (!r || r.lockedUntil === null) return null;
    if (r.lockedUntil > now) return r.lockedUntil;
    this.runs.delete(name);
    return null;
  }

  /** Counts a failure; true when this one locks the name, as concludeFailure does for a real account. */
  fail(name: string, now: number): boolean {
    const r = this.runs.get(name) ?? { failures: 0, lockedUntil: null };
    r.failures += 1;
    if (r.failures >= MAX_FAILED_ATTEMPTS) r.lockedUntil = now + LOCKOUT_MS;
    this.runs.delete(name);
    this.runs.set(name, r);
    // Bounded: a spray of random names cannot grow memory without end (the oldest runs go first).
    if (this.runs.size > 50_000) this.runs.delete(this.runs.keys().next().value ?? '');
    return r.lockedUntil !== null;
  }
}
