import type { Session } from 'electron';
import { BROWSER_CSP } from '../host';

/**
 * The page may load only what the app ships: the browser edition's policy (main/host/csp.ts), one
 * policy for both shells. 'unsafe-inline' for styles only, because the UI kit (Mantine) injects style
 * attributes at runtime; scripts never run inline.
 */
export const CONTENT_SECURITY_POLICY = BROWSER_CSP;

/** Headers added to every response the app serves (errors included, so no response lacks the CSP). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // With nosniff, a file served with the wrong type is not run as a script anyway.
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

type HeaderMap = Record<string, string | string[]>;

/**
 * Returns the headers with ours replacing any of the same name (header names are
 * case-insensitive, so a lower-case CSP from elsewhere must not survive beside ours).
 */
export function withSecurityHeaders(headers: HeaderMap = {}): HeaderMap {
  const ours = new Set(Object.keys(SECURITY_HEADERS).map((k) => k.toLowerCase()));
  const out: HeaderMap = {};
  for (const [k, v] of Object.entries(headers)) if (!ours.has(k.toLowerCase())) out[k] = v;
  return { ...out, ...SECURITY_HEADERS };
}

/**
 * Our protocol handler sets the headers itself; this covers any other response the session might
 * ever receive (http, https), so no document in the app can run without the policy.
 */
export function enforceSecurityHeaders(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) }));
}
