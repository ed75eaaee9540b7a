import { z } from 'zod';
import { roleSchema } from '../roles';
import { method } from './define';
import { newPasswordSchema, usernameSchema } from './auth';
import { timestampSchema } from './dashboard';

export const staffRowSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  mfaEnabled: z.boolean(),
  lockedUntil: timestampSchema.nullable(),
  failedAttempts: z.number().int(),
  lastLoginAt: timestampSchema.nullable(),
  /** Set while an administrator has deactivated the user. */
  disabledAt: timestampSchema.nullable(),
  /** An administrator set the password and the user has not chosen their own yet. */
  mustChangePassword: z.boolean(),
  /** Sessions open now on this workstation or server. */
  activeSessions: z.number().int(),
});
export type StaffRow = z.infer<typeof staffRowSchema>;

export const adminMethods = {
  'admin.listUsers': method({
    summary: 'Staff users with their role, MFA and lockout state.',
    permission: 'users.manage',
    reads: 'bank',
    input: z.object({}),
    output: z.array(staffRowSchema),
  }),
  'admin.createUser': method({
    summary: 'Create a staff user with a role.',
    permission: 'users.manage',
    input: z.object({
      username: usernameSchema,
      displayName: z.string().trim().min(2, 'Enter the person’s name').max(80, 'Use at most 80 characters'),
      role: roleSchema,
      password: newPasswordSchema,
    }),
    output: z.object({ id: z.number().int() }),
  }),
  'admin.setRole': method({
    summary: 'Change a user’s role; their open sessions end so the new permissions apply at once. An administrator cannot change their own role.',
    permission: 'users.manage',
    input: z.object({ id: z.number().int().positive(), role: roleSchema }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'admin.setActive': method({
    summary: 'Deactivate a user (no sign-in, sessions end, not assignable) or reactivate them. Not oneself.',
    permission: 'users.manage',
    input: z.object({ id: z.number().int().positive(), active: z.boolean(), reason: z.string().trim().max(200).default('') }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'admin.resetMfa': method({
    summary: 'Turn off a user’s two-step sign-in (lost phone); they enrol again after signing in. Their sessions end and they are told at the next sign-in.',
    permission: 'users.manage',
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'admin.revokeSessions': method({
    summary: 'Sign a user out everywhere now.',
    permission: 'users.manage',
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ ended: z.number().int() }),
  }),
  'admin.setPassword': method({
    summary: 'Set a temporary password for a user; they must choose their own at the next sign-in. Their sessions end.',
    permission: 'users.manage',
    input: z.object({ id: z.number().int().positive(), password: newPasswordSchema }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'admin.unlockUser': method({
    summary: 'Clear a lockout after repeated failed sign-ins.',
    permission: 'users.manage',
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ ok: z.literal(true) }),
  }),
} as const;
