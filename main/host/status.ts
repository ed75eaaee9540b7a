import type { ErrorCode } from '../../shared/errors';

/** HTTP status per error code; the body always carries the typed envelope too. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  INSUFFICIENT_FUNDS: 422,
  ACCOUNT_FROZEN: 422,
  ACCOUNT_CLOSED: 422,
  CURRENCY_MISMATCH: 422,
  LIMIT_EXCEEDED: 422,
  DUPLICATE: 409,
  OFFLINE: 503,
  STORAGE_FULL: 507,
  INTERNAL: 500,
};
