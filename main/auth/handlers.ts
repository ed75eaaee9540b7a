import { AppError } from '../../shared/errors';
import type { CallContext, CallerSession, PartialHandlers } from '../dispatch';
import type { RuntimeInfo } from '../runtime';
import { assertPasswordPolicy } from './password-policy';
import type { AuthService } from './service';

type AuthMethod = 'auth.status' | 'auth.signIn' | 'auth.setupAdmin' | 'auth.me' | 'auth.signOut' | 'auth.mfaBegin' | 'auth.mfaConfirm' | 'auth.changePassword';
type AdminMethod = 'admin.listUsers' | 'admin.createUser' | 'admin.unlockUser' | 'admin.setRole' | 'admin.setActive' | 'admin.resetMfa' | 'admin.revokeSessions' | 'admin.setPassword';

/** The dispatcher guarantees a session for every non-public method. */
export function caller(ctx: CallContext): CallerSession {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return ctx.session;
}

export function authHandlers(auth: AuthService, info: RuntimeInfo): PartialHandlers<AuthMethod> {
  return {
    'auth.status': async () => ({
      mode: info.mode,
      bankName: info.bankName,
      needsSetup: info.mode === 'live' && !(await auth.hasUsers()),
      demo: info.demoCredentials,
    }),
    'auth.signIn': (input, ctx) => auth.signIn(input, ctx.origin),
    'auth.setupAdmin': async (input) => {
      if ((await auth.userCount()) > 0) throw new AppError('CONFLICT', 'An administrator already exists: sign in instead.');
      assertPasswordPolicy(input.password, { username: input.username, displayName: input.displayName });
      return { id: await auth.createUser({ ...input, role: 'admin' }, `setup:${input.username}`) };
    },
    'auth.me': (_input, ctx) => auth.me(caller(ctx).userId, caller(ctx).token),
    'auth.signOut': async (_input, ctx) => {
      const s = caller(ctx);
      await auth.signOut(s.token, s.username);
      return { ok: true as const };
    },
    'auth.mfaBegin': (input, ctx) => auth.beginMfa(caller(ctx).userId, caller(ctx).username, input, ctx.origin),
    'auth.changePassword': async (input, ctx) => {
      await auth.changePassword(caller(ctx).userId, caller(ctx).token, input, ctx.origin);
      return { ok: true as const };
    },
    'auth.mfaConfirm': async (input, ctx) => {
      await auth.confirmMfa(caller(ctx).userId, caller(ctx).username, input.code);
      return { ok: true as const };
    },
  };
}

export function adminHandlers(auth: AuthService): PartialHandlers<AdminMethod> {
  return {
    'admin.listUsers': () => auth.listUsers(),
    'admin.createUser': async (input, ctx) => {
      assertPasswordPolicy(input.password, { username: input.username, displayName: input.displayName });
      // The administrator knows this password: the user must choose their own at the first sign-in.
      return { id: await auth.createUser({ ...input, mustChangePassword: true }, caller(ctx).username) };
    },
    'admin.setRole': async (input, ctx) => {
      await auth.setRole(input.id, input.role, caller(ctx).username, caller(ctx).userId);
      return { ok: true as const };
    },
    'admin.setActive': async (input, ctx) => {
      await auth.setActive(input.id, input.active, input.reason, caller(ctx).username, caller(ctx).userId);
      return { ok: true as const };
    },
    'admin.resetMfa': async (input, ctx) => {
      await auth.resetMfa(input.id, caller(ctx).username, caller(ctx).userId);
      return { ok: true as const };
    },
    'admin.revokeSessions': async (input, ctx) => ({ ended: await auth.revokeSessions(input.id, caller(ctx).username, caller(ctx).userId) }),
    'admin.setPassword': async (input, ctx) => {
      await auth.setPassword(input.id, input.password, caller(ctx).username, caller(ctx).userId);
      return { ok: true as const };
    },
    'admin.unlockUser': async (input, ctx) => {
      await auth.unlockUser(input.id, caller(ctx).username);
      return { ok: true as const };
    },
  };
}
