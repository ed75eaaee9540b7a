import { z } from 'zod';

/** Every error a method can return. The message is for a person; `details` for the UI to point at fields. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'OFFLINE',
  'INSUFFICIENT_FUNDS',
  // Banking refusals, each explained to the teller in its own words.
  'ACCOUNT_FROZEN',
  'ACCOUNT_CLOSED',
  'CURRENCY_MISMATCH',
  'LIMIT_EXCEEDED',
  'DUPLICATE',
  'LOCKED',
  'MFA_REQUIRED',
  /** The disk under the bank or this computer's data is full: nothing was written. */
  'STORAGE_FULL',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const apiErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string(), issues: z.array(fieldIssueSchema).optional() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Thrown by handlers in main/, and re-created by the client so callers can `catch (e) { if (e instanceof AppError) … }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
  toJSON(): ApiError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** The envelope both transports carry. */
export type ApiResult<T> = { ok: true; result: T } | { ok: false; error: ApiError };
