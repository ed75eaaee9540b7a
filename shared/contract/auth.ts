import { z } from 'zod';
import { roleSchema } from '../roles';
import { PERMISSIONS } from '../roles';
import { method } from './define';

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'Username needs at least 3 characters')
  .max(40, 'Username can have at most 40 characters')
  .regex(/^[a-z0-9._-]+$/, 'Use lower-case letters, digits, dot, dash or underscore');

/** Staff passwords: long enough to resist guessing; no composition theatre. */
export const newPasswordSchema = z.string().min(12, 'Password needs at least 12 characters').max(200, 'Password can have at most 200 characters');

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');

export const userSchema = z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: roleSchema, mfaEnabled: z.boolean() });
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  token: z.string(),
  user: userSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
  idleTimeoutMs: z.number().int(),
  /** An administrator set this password: until the user chooses their own, only auth.changePassword, auth.me and auth.signOut are allowed. */
  mustChangePassword: z.boolean().optional(),
});
export type Session = z.infer<typeof sessionSchema>;

export const authMethods = {
  'auth.status': method({
    summary: 'What the sign-in page needs: bank mode, first-run setup, demo credentials (demo mode only).',
    permission: 'public',
    reads: 'bank',
    input: z.object({}),
    output: z.object({
      mode: z.enum(['demo', 'live']),
      bankName: z.string(),
      needsSetup: z.boolean(),
      demo: z.object({ password: z.string(), users: z.array(z.object({ username: z.string(), role: roleSchema, displayName: z.string() })) }).nullable(),
    }),
  }),
  'auth.signIn': method({
    summary: 'Sign in with username and password, plus a TOTP code when MFA is on.',
    permission: 'public',
    input: z.object({
      username: z.string().trim().min(1, 'Enter your username').max(80),
      password: z.string().min(1, 'Enter your password').max(200),
      totp: totpCodeSchema.optional(),
    }),
    /** `notices`: security events since the last sign-in the user must hear about (e.g. "your authenticator was replaced"). */
    output: sessionSchema.extend({ notices: z.array(z.string()) }),
  }),
  'auth.setupAdmin': method({
    summary: 'First start outside demo mode: create the first administrator. Refused once any user exists.',
    permission: 'public',
    input: z.object({ username: usernameSchema, displayName: z.string().trim().min(2, 'Enter a name').max(80), password: newPasswordSchema }),
    output: z.object({ id: z.number().int() }),
  }),
  'auth.me': method({
    summary: 'The signed-in user and their permissions.',
    permission: 'session',
    reads: 'bank',
    input: z.object({}),
    output: sessionSchema.omit({ token: true }),
  }),
  'auth.signOut': method({ summary: 'End this session.', permission: 'session', input: z.object({}), output: z.object({ ok: z.literal(true) }) }),
  'auth.mfaBegin': method({
    summary:
      'Start TOTP enrolment: a new secret, its otpauth URI and a QR code. Not active until confirmed. Needs the password, and — to replace an authenticator already on — a current code from it: a session alone cannot change how the account signs in.',
    permission: 'session',
    input: z.object({
      password: z.string().min(1, 'Enter your password').max(200),
      /** Required when two-step sign-in is already on. */
      code: totpCodeSchema.optional(),
    }),
    output: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }),
  }),
  'auth.changePassword': method({
    summary:
      'Change one’s own password: the current one, then a new one that meets the policy (12+ characters, not a common password, not the username). Other sessions of the user end.',
    permission: 'session',
    input: z.object({ currentPassword: z.string().min(1, 'Enter your current password').max(200), newPassword: newPasswordSchema }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'auth.mfaConfirm': method({
    summary: 'Finish TOTP enrolment with a code from the app; MFA is required at every sign-in after this.',
    permission: 'session',
    input: z.object({ code: totpCodeSchema }),
    output: z.object({ ok: z.literal(true) }),
  }),
} as const;
