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
});
export type StaffRow = z.infer<typeof staffRowSchema>;

export const adminMethods = {
  'admin.listUsers': method({
    summary: 'Staff users with their role, MFA and lockout state.',
    permission: 'users.manage',
    mutates: false,
    input: z.object({}),
    output: z.array(staffRowSchema),
  }),
  'admin.createUser': method({
    summary: 'Create a staff user with a role.',
    permission: 'users.manage',
    mutates: true,
    input: z.object({
      username: usernameSchema,
      displayName: z.string().trim().min(2, 'Enter the person’s name').max(80, 'Use at most 80 characters'),
      role: roleSchema,
      password: newPasswordSchema,
    }),
    output: z.object({ id: z.number().int() }),
  }),
  'admin.unlockUser': method({
    summary: 'Clear a lockout after repeated failed sign-ins.',
    permission: 'users.manage',
    mutates: true,
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ ok: z.literal(true) }),
  }),
} as const;
