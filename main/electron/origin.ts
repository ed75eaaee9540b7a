/**
 * The renderer's own origin. It is a custom privileged scheme rather than file:// so that the
 * page has a real origin ('self' in the CSP means something, file:// would grant every local file)
 * and rather than http://localhost so that no other local process can serve or read it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cloudbank';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for app://cloudbank/… exactly. Compared by parts, not by prefix: a prefix test would
 * accept app://cloudbank.evil/ or app://cloudbank@evil/, and URL.origin is "null" for
 * non-special schemes in Node, so it cannot be used either.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}
