import { z } from 'zod';
import { contract, totpCodeSchema } from '../../../../shared/contract';

/** The step-up before enrolment: auth.mfaBegin's own input, so the form checks what the server will. */
export const mfaBeginSchema = contract['auth.mfaBegin'].input;
export type MfaBeginValues = z.input<typeof mfaBeginSchema>;

/** Replacing an authenticator already on: the current code is required too. */
export const mfaReplaceSchema = mfaBeginSchema.extend({ code: totpCodeSchema });
