import type { Page, Request, Response } from '@playwright/test';

/** The contract method a browser-edition request carries (`POST /api/call {method, input}`). */
export function apiMethodOf(request: Request): string | null {
  if (request.method() !== 'POST' || !request.url().endsWith('/api/call')) return null;
  const body: unknown = request.postDataJSON();
  return typeof body === 'object' && body !== null && 'method' in body && typeof body.method === 'string' ? body.method : null;
}

/** The contract input a browser-edition request carries. */
export function apiInputOf(request: Request): unknown {
  const body: unknown = request.postDataJSON();
  return typeof body === 'object' && body !== null && 'input' in body ? body.input : undefined;
}

/** Resolves with the response to the next call of `method`: start waiting before the action that causes it. */
export function nextApiResponse(page: Page, method: string): Promise<Response> {
  return page.waitForResponse((r) => apiMethodOf(r.request()) === method);
}

/** The typed error code of an `/api/call` answer (`{ ok: false, error: { code } }`), or null when it succeeded. */
export async function apiErrorCode(response: Response | { json(): Promise<unknown> }): Promise<string | null> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('ok' in body)) throw new Error(`Not an API answer: ${JSON.stringify(body)}`);
  if (body.ok === true) return null;
  if ('error' in body && typeof body.error === 'object' && body.error !== null && 'code' in body.error && typeof body.error.code === 'string') return body.error.code;
  throw new Error(`An API error without a code: ${JSON.stringify(body)}`);
}
