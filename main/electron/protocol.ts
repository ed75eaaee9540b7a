import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { protocol, type CustomScheme } from 'electron';
import { SECURITY_HEADERS } from './csp';
import { mimeTypeOf } from './mime';
import { APP_SCHEME, isAppUrl } from './origin';

/**
 * standard: relative URLs and a real origin; secure: a secure context (crypto.subtle, no mixed
 * content); supportFetchAPI: the page may fetch its own assets. Deliberately not bypassCSP,
 * corsEnabled or allowServiceWorkers.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

/** Must run before the app is ready: Chromium fixes the scheme list at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}

/** The renderer's files, resolved from app://cloudbank/… and never outside `rootDir`. */
export function handleAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir));
}

export type PathResolution = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps a request URL to a file under rootDir. The URL parser already folds literal "../", so what
 * reaches here as ".." came percent-encoded (%2e%2e%2f) and is an attack, as is a backslash (a
 * separator on Windows) or a NUL byte; those are refused before touching the file system.
 */
export function resolveAppPath(rootDir: string, url: string): PathResolution {
  if (!isAppUrl(url)) return { ok: false, status: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url).pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400 };
  if (decoded.includes('\\') || decoded.split('/').includes('..')) return { ok: false, status: 403 };
  const root = resolve(rootDir);
  const wanted = decoded.endsWith('/') ? decoded + 'index.html' : decoded;
  const full = resolve(root, '.' + wanted);
  if (!isInside(root, full)) return { ok: false, status: 403 };
  return { ok: true, path: full };
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

interface AppRequest {
  readonly url: string;
  readonly method: string;
}

function textResponse(status: number, message: string): Response {
  return new Response(message, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function fileIfPresent(path: string): Promise<string | null> {
  try {
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

export function createAppRequestHandler(rootDir: string): (req: AppRequest) => Promise<Response> {
  const root = resolve(rootDir);
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const resolved = resolveAppPath(root, req.url);
    if (!resolved.ok) return textResponse(resolved.status, resolved.status === 404 ? 'Not found' : 'Refused');
    // No fallback to index.html for unknown paths: the renderer routes in the hash (#/fraud/queue),
    // so every real URL is a real file, and a probe such as /etc/passwd gets a plain 404.
    const file = await fileIfPresent(resolved.path);
    if (file === null) return textResponse(404, 'Not found');
    // A symlink inside the renderer folder must not lead out of it.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile)) return textResponse(403, 'Refused');
    const headers = { ...SECURITY_HEADERS, 'Content-Type': mimeTypeOf(realFile) };
    if (req.method === 'HEAD') return new Response(null, { status: 200, headers });
    return new Response(new Uint8Array(await readFile(realFile)), { status: 200, headers });
  };
}
