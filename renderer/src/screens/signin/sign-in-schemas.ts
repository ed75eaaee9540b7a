import { z } from 'zod';
import { contract, totpCodeSchema } from '../../../../shared/contract';

/** The first step of auth.signIn's own input schema: the form validates exactly what the server will. */
export const passwordStepSchema = contract['auth.signIn'].input.pick({ username: true, password: true });
export type PasswordStepValues = z.input<typeof passwordStepSchema>;

export const mfaStepSchema = z.object({ code: totpCodeSchema });
export type MfaStepValues = z.input<typeof mfaStepSchema>;

export const setupAdminSchema = contract['auth.setupAdmin'].input
  .extend({ confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ' });
export type SetupAdminValues = z.input<typeof setupAdminSchema>;
