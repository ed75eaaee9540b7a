import type { MethodName, MethodOutput, ParsedInput } from '../../shared/contract';
import type { Role } from '../../shared/roles';

/** Who is calling, as established by the dispatcher before any handler runs. */
export interface CallerSession {
  readonly token: string;
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
  /** Signed in with an administrator-set password: only auth.changePassword, auth.me and auth.signOut until it is changed. */
  readonly mustChangePassword?: boolean;
}

export interface CallContext {
  /** Null only for `public` methods. */
  readonly session: CallerSession | null;
  readonly transport: 'ipc' | 'http' | 'test';
  /** Where the call came from, for the audit log (IP for HTTP, "desktop" for IPC). */
  readonly origin: string;
  /** Aborted when the caller stopped waiting (HTTP connection closed); pass it to long reads. IPC gives none yet. */
  readonly signal?: AbortSignal;
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: CallContext) => Promise<MethodOutput<M>>;

/** Every method of the contract must have exactly one handler: the type makes a missing one a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> };
export type PartialHandlers<K extends MethodName> = { [M in K]: Handler<M> };

/** Session check used by the dispatcher; implemented by main/auth. */
export interface SessionGate {
  /** Returns the session and refreshes its idle timer, or throws UNAUTHENTICATED with the reason. */
  touch(token: string | null): CallerSession;
}
