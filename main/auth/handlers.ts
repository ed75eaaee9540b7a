import { AppError } from '../../shared/errors';
import type { MethodOutput } from '../../shared/contract';
import type { PartialHandlers } from '../dispatch';
import { assertPasswordPolicy } from './password-policy';
import type { AuthService } from './service';

type AuthMethod = 'auth.status' | 'auth.signIn' | 'auth.setupAdmin' | 'auth.me' | 'auth.signOut' | 'auth.mfaBegin' | 'auth.mfaConfirm' | 'auth.changePassword';
type AdminMethod =
  'admin.listUsers' | 'admin.createUser' | 'admin.unlockUser' | 'admin.setRole' | 'admin.setActive' | 'admin.resetMfa' | 'admin.revokeSessions' | 'admin.setPassword';

/** All the sign-in page is told about the bank (the runtime's info has this shape; auth needs no more of it). */
export interface BankIdentity {
  readonly mode: MethodOutput<'auth.status'>['mode'];
  readonly bankName: string;
  readonly demoCredentials: MethodOutput<'auth.status'>['demo'];
}

export function authHandlers(auth: AuthService, info: BankIdentity): PartialHandlers<AuthMethod> {
  return {
    'auth.status': async () => ({ mode: info.mode, bankName: info.bankName, needsSetup: info.mode === 'live' && !(await auth.hasUsers()), demo: info.demoCredentials }),
    'auth.signIn': (input, ctx) => auth.signIn(input, ctx.origin),
    'auth.setupAdmin': async (input) => {
      if ((await auth.userCount()) > 0) throw new AppError('CONFLICT', 'An administrator already exists: sign in instead.');
      assertPasswordPolicy(input.password, { username: input.username, displayName: input.displayName });
      return { id: await auth.createUser({ ...input, role: 'admin' }, `setup:${input.username}`) };
    },
    'auth.me': (_input, ctx) => auth.me(ctx.session.userId, ctx.session.token),
    'auth.signOut': async (_input, ctx) => {
      const s = ctx.session;
      await auth.signOut(s.token, s.username);
      return { ok: true as const };
    },
    'auth.mfaBegin': (input, ctx) => auth.beginMfa(ctx.session.userId, ctx.session.username, input, ctx.origin),
    'auth.changePassword': async (input, ctx) => {
      await auth.changePassword(ctx.session.userId, ctx.session.token, input, ctx.origin);
      return { ok: true as const };
    },
    'auth.mfaConfirm': async (input, ctx) => {
      await auth.confirmMfa(ctx.session.userId, ctx.session.username, input.code);
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
      return { id: await auth.createUser({ ...input, mustChangePassword: true }, ctx.session.username) };
    },
    'admin.setRole': async (input, ctx) => {
      await auth.setRole(input.id, input.role, ctx.session.username, ctx.session.userId);
      return { ok: true as const };
    },
    'admin.setActive': async (input, ctx) => {
      await auth.setActive(input.id, input.active, input.reason, ctx.session.username, ctx.session.userId);
      return { ok: true as const };
    },
    'admin.resetMfa': async (input, ctx) => {
      await auth.resetMfa(input.id, ctx.session.username, ctx.session.userId);
      return { ok: true as const };
    },
    'admin.revokeSessions': async (input, ctx) => ({ ended: await auth.revokeSessions(input.id, ctx.session.username, ctx.session.userId) }),
    'admin.setPassword': async (input, ctx) => {
      await auth.setPassword(input.id, input.password, ctx.session.username, ctx.session.userId);
      return { ok: true as const };
    },
    'admin.unlockUser': async (input, ctx) => {
      await auth.unlockUser(input.id, ctx.session.username);
      return { ok: true as const };
    },
  };
}
