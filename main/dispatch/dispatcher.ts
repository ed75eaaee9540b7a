import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../../shared/contract';
import { AppError, type ApiResult, type FieldIssue } from '../../shared/errors';
import { roleHas } from '../../shared/roles';
import type { Logger } from '../log';
import type { CallerSession, Handlers, PublicCallContext, SessionGate } from './handlers';

export interface CallRequest {
  method: string;
  input: unknown;
  sessionToken: string | null;
  transport: PublicCallContext['transport'];
  origin: string;
  /** Aborted when the caller no longer wants the answer (the HTTP connection closed): long reads stop and free their worker. */
  signal?: AbortSignal;
}

export type Dispatch = (req: CallRequest) => Promise<ApiResult<unknown>>;

/** All a session may do until the user replaces an administrator-set password. */
const WHILE_PASSWORD_CHANGE_DUE = new Set<MethodName>(['auth.changePassword', 'auth.me', 'auth.signOut']);

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * The one entry point both transports use: authenticate, check permission, validate input,
 * run the handler, validate output, map errors. A stack trace never leaves this function.
 */
/** What the dispatcher knows of the bank's link, given by the runtime so the core imports no capability. */
export interface LinkProbe {
  /** Known offline: changes that need the bank are refused before they start. */
  isOffline: () => boolean;
  /** Whether a failure means the bank went away under the call (answered OFFLINE, not INTERNAL). */
  isLinkError: (e: unknown) => boolean;
  /** When a failure means the storage under the write is full: the words to answer STORAGE_FULL with. */
  storageFullMessage?: (e: unknown) => string | null;
}

export function createDispatcher(handlers: Handlers, sessions: SessionGate, log: Logger, link: LinkProbe): Dispatch {
  return async (req) => {
    try {
      if (!isMethodName(req.method)) throw new AppError('NOT_FOUND', `There is no method called "${req.method}".`);
      const name: MethodName = req.method;
      const spec = contract[name];
      let session: CallerSession | null = null;
      if (spec.permission !== 'public') {
        session = sessions.touch(req.sessionToken);
        if (session.mustChangePassword && !WHILE_PASSWORD_CHANGE_DUE.has(name)) {
          throw new AppError('FORBIDDEN', 'An administrator set your password: choose your own password first (auth.changePassword).');
        }
        if (!roleHas(session.role, spec.permission)) {
          throw new AppError('FORBIDDEN', `Your role (${session.role}) does not allow this (${name} needs ${spec.permission}).`);
        }
      }
      const parsed = spec.input.safeParse(req.input ?? {});
      if (!parsed.success) {
        const issues = issuesOf(parsed.error);
        const first = issues[0];
        throw new AppError('VALIDATION', first ? `${first.path ? first.path + ': ' : ''}${first.message}` : 'Invalid input.', issues);
      }
      // Known offline: refuse a change at once (nothing is sent, nothing half-written) rather than after a connect timeout.
      if ('requiresBank' in spec && spec.requiresBank === true && link.isOffline()) {
        throw new AppError(
          'OFFLINE',
          'The bank’s database cannot be reached right now, so nothing was changed or posted. Cached data stays readable; try again when the connection is back.',
        );
      }
      // Only public methods run without a session (checked above), which is what ContextOf promises handlers.
      const handler = handlers[name] as (input: unknown, ctx: PublicCallContext) => Promise<unknown>;
      const out = await handler(parsed.data, { session, transport: req.transport, origin: req.origin, signal: req.signal });
      const checked = spec.output.safeParse(out);
      if (!checked.success) {
        log.error('handler returned data outside its contract', { method: name, issues: issuesOf(checked.error) });
        throw new Error(`Output of ${name} does not match the contract`);
      }
      return { ok: true, result: checked.data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toJSON() };
      // The read stopped because nobody waits for its answer any more: not a fault worth a log line.
      if (req.signal?.aborted && e === req.signal.reason) return { ok: false, error: { code: 'INTERNAL', message: 'The request was cancelled before it finished.' } };
      if (link.isLinkError(e)) {
        // The bank went away under this call: say so, rather than a generic failure. Reads are served
        // from the cache by then; anything that must reach the bank (money movements, sign-in) cannot.
        return {
          ok: false,
          error: {
            code: 'OFFLINE',
            message: 'The bank’s database cannot be reached right now, and this action needs it. Cached data stays readable; try again when the connection is back.',
          },
        };
      }
      const full = link.storageFullMessage?.(e) ?? null;
      if (full) {
        log.error('storage full', { method: req.method, error: e instanceof Error ? e.message : String(e) });
        return { ok: false, error: { code: 'STORAGE_FULL', message: full } };
      }
      const ref = randomUUID().slice(0, 8);
      log.error('unexpected error', { ref, method: req.method, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      return { ok: false, error: { code: 'INTERNAL', message: `Something went wrong on our side (reference ${ref}). The details are in the application log.` } };
    }
  };
}
