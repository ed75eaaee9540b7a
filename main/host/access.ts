import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Constant-time comparison of the bearer token against the launch token. */
export function hasLaunchToken(req: IncomingMessage, launchToken: string, queryToken?: string | null): boolean {
  const header = req.headers.authorization;
  const given = header?.startsWith('Bearer ') ? header.slice(7).trim() : (queryToken ?? '');
  const a = Buffer.from(given);
  const b = Buffer.from(launchToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browsers send Origin on cross-site requests: a page on another site (or another local port)
 * must not drive this API, even though it can reach 127.0.0.1.
 * Requests without Origin (curl, the CLI) are judged by the token alone.
 */
export function originAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  return origin === undefined || allowed.has(origin);
}

/** Refuses DNS-rebinding: the Host header must name this server. */
export function hostAllowed(req: IncomingMessage, allowedHosts: ReadonlySet<string>): boolean {
  return req.headers.host !== undefined && allowedHosts.has(req.headers.host);
}
