import type { APIRequestContext, Page, Request, Response } from '@playwright/test';
import type { E2eServer } from './server';

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

export interface ApiAnswer {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/** One contract call as the person signed in with `token`, straight over HTTP (what the page itself would send). */
export async function api(request: APIRequestContext, server: E2eServer, token: string, method: string, input: unknown): Promise<ApiAnswer & { method: string }> {
  const res = await request.post(`${server.url}/api/call`, { headers: { Authorization: `Bearer ${server.launchToken}`, 'X-CloudBank-Session': token }, data: { method, input } });
  return { ...((await res.json()) as ApiAnswer), method };
}

/** The result of a call that must succeed; a refusal fails the test with its code and message. */
export async function ok<T>(answer: Promise<ApiAnswer & { method: string }>): Promise<T> {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.method} refused: ${JSON.stringify(a.error)}`);
  return a.result as T;
}
