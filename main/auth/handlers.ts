import { AppError } from '../../shared/errors';
import type { CallContext, CallerSession, PartialHandlers } from '../dispatch';
import type { RuntimeInfo } from '../runtime';
import type { AuthService } from './service';

type AuthMethod = 'auth.status' | 'auth.signIn' | 'auth.setupAdmin' | 'auth.me' | 'auth.signOut' | 'auth.mfaBegin' | 'auth.mfaConfirm';
type AdminMethod = 'admin.listUsers' | 'admin.createUser' | 'admin.unlockUser';

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
      return { id: await auth.createUser({ ...input, role: 'admin' }, `setup:${input.username}`) };
    },
    'auth.me': (_input, ctx) => auth.me(caller(ctx).userId, caller(ctx).token),
    'auth.signOut': async (_input, ctx) => {
      const s = caller(ctx);
      await auth.signOut(s.token, s.username);
      return { ok: true as const };
    },
    'auth.mfaBegin': (input, ctx) => auth.beginMfa(caller(ctx).userId, caller(ctx).username, input, ctx.origin),
    'auth.mfaConfirm': async (input, ctx) => {
      await auth.confirmMfa(caller(ctx).userId, caller(ctx).username, input.code);
      return { ok: true as const };
    },
  };
}

export function adminHandlers(auth: AuthService): PartialHandlers<AdminMethod> {
  return {
    'admin.listUsers': () => auth.listUsers(),
    'admin.createUser': async (input, ctx) => ({ id: await auth.createUser(input, caller(ctx).username) }),
    'admin.unlockUser': async (input, ctx) => {
      await auth.unlockUser(input.id, caller(ctx).username);
      return { ok: true as const };
    },
  };
}
