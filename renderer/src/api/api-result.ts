import { apiErrorSchema, type ApiResult } from '../../../shared/errors';

/** The body is always an ApiResult, whatever the HTTP status; anything else is reported, not trusted. */
export function toApiResult(body: unknown, status: number): ApiResult<unknown> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    if (body.ok === true && 'result' in body) return { ok: true, result: body.result };
    if (body.ok === false && 'error' in body) {
      const error = apiErrorSchema.safeParse(body.error);
      if (error.success) return { ok: false, error: error.data };
    }
  }
  return { ok: false, error: { code: 'INTERNAL', message: `The CloudBank service sent an unexpected answer (HTTP ${status}).` } };
}
