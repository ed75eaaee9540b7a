import type { Contract, MethodName, MethodOutput, ParsedInput } from '../../shared/contract';
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

/** A call to a method that needs a signed-in user: the dispatcher has established the session before the handler runs. */
export interface CallContext {
  readonly session: CallerSession;
  readonly transport: 'ipc' | 'http' | 'test';
  /** Where the call came from, for the audit log (IP for HTTP, "desktop" for IPC). */
  readonly origin: string;
  /** Aborted when the caller stopped waiting (HTTP connection closed); pass it to long reads. IPC gives none yet. */
  readonly signal?: AbortSignal;
}

/** A call to a `public` method (sign-in, first setup): there may be no session yet. */
export interface PublicCallContext extends Omit<CallContext, 'session'> {
  readonly session: CallerSession | null;
}

/** The methods anyone may call without a session. */
export type PublicMethod = { [M in MethodName]: Contract[M]['permission'] extends 'public' ? M : never }[MethodName];

/** What a handler of M is given: a session for every method but the public ones. */
export type ContextOf<M extends MethodName> = M extends PublicMethod ? PublicCallContext : CallContext;

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: ContextOf<M>) => Promise<MethodOutput<M>>;

/** Every method of the contract must have exactly one handler: the type makes a missing one a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> };
export type PartialHandlers<K extends MethodName> = { [M in K]: Handler<M> };

/** Session check used by the dispatcher; implemented by main/auth. */
export interface SessionGate {
  /** Returns the session and refreshes its idle timer, or throws UNAUTHENTICATED with the reason. */
  touch(token: string | null): CallerSession;
}
