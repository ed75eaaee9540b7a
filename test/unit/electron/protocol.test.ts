// Electron is stubbed (vi.mock) because its binary cannot be downloaded or run on this machine.
// The request handler itself is plain Node (fs + fetch Request/Response) and runs for real.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, withSecurityHeaders } from '../../../main/electron/csp';
import { createAppRequestHandler, handleAppProtocol, registerAppScheme, resolveAppPath } from '../../../main/electron/protocol';
import { tempDir } from '../../support/temp';
import { fakeElectron, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const tmp = tempDir('cloudbank-protocol-');
const root = join(tmp.path, 'renderer');
const serve = createAppRequestHandler(root);
const get = (url: string, method = 'GET'): Promise<Response> => serve(new Request(url, { method }));

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>CloudBank</title>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app-1a2b.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'inter.woff2'), 'font');
  writeFileSync(join(root, 'assets', 'blob.bin'), 'bin');
  // A file beside the renderer folder, which no URL may reach.
  writeFileSync(join(tmp.path, 'secret.txt'), 'TOP SECRET');
  symlinkSync(join(tmp.path, 'secret.txt'), join(root, 'assets', 'link.txt'));
});
afterAll(() => tmp.remove());
beforeEach(resetFakeElectron);

describe('app:// scheme registration', () => {
  it('registers app as standard + secure + fetch, without bypassing the CSP', () => {
    registerAppScheme();
    expect(fakeElectron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('handles the app scheme with the file handler', () => {
    handleAppProtocol(root);
    expect(fakeElectron.protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
  });
});

describe('serving the renderer', () => {
  it('serves index.html with the exact CSP header', async () => {
    const res = await get('app://cloudbank/index.html');
    expect(res.status).toBe(200);
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>CloudBank</title>');
  });

  it('serves / as index.html', async () => {
    expect((await get('app://cloudbank/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it.each([
    ['assets/app-1a2b.js', 'text/javascript; charset=utf-8'],
    ['assets/app-1a2b.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/inter.woff2', 'font/woff2'],
    ['assets/blob.bin', 'application/octet-stream'],
  ])('serves %s as %s, with the CSP', async (path, type) => {
    const res = await get(`app://cloudbank/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('answers 404 (with the CSP) for anything that is not a file, client-side routes included', async () => {
    for (const url of ['app://cloudbank/assets/missing.js', 'app://cloudbank/fraud/queue', 'app://cloudbank/assets']) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://cloudbank/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://cloudbank/index.html', 'POST')).status).toBe(405);
  });

  it('does not serve another host on the scheme', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
  });
});

describe('path traversal', () => {
  // Literal ../ is folded by the URL parser (to /etc/passwd, /secret.txt), which then is not found
  // inside the renderer folder; the encoded forms survive parsing and are refused outright.
  it.each(['app://cloudbank/../../etc/passwd', 'app://cloudbank/../secret.txt', 'app://cloudbank/assets/../../secret.txt'])('%s is not served', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
    expect(res.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it.each([
    'app://cloudbank/..%2fsecret.txt',
    'app://cloudbank/..%2F..%2Fetc%2Fpasswd',
    'app://cloudbank/assets/..%2f..%2fsecret.txt',
    'app://cloudbank/%2e%2e%2fsecret.txt',
    'app://cloudbank/..%5csecret.txt',
    'app://cloudbank/assets%5c..%5c..%5csecret.txt',
  ])('%s is refused with 403', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('refuses NUL bytes and malformed escapes with 400', async () => {
    expect((await get('app://cloudbank/index.html%00.js')).status).toBe(400);
    expect((await get('app://cloudbank/%E0%A4%A')).status).toBe(400);
  });

  it('refuses a symlink that leads out of the renderer folder', async () => {
    const res = await get('app://cloudbank/assets/link.txt');
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('resolveAppPath keeps every resolved path inside the root', () => {
    expect(resolveAppPath(root, 'app://cloudbank/assets/app-1a2b.js')).toEqual({ ok: true, path: join(root, 'assets', 'app-1a2b.js') });
    expect(resolveAppPath(root, 'app://cloudbank/..%2f..%2f..%2froot')).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'app://cloudbank.evil/index.html')).toEqual({ ok: false, status: 404 });
  });
});

describe('security headers', () => {
  it('replace a same-named header whatever its case', () => {
    const out = withSecurityHeaders({ 'content-security-policy': 'default-src *', 'X-Other': 'kept' });
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['Content-Security-Policy']).toBe(EXPECTED_CSP);
    expect(out['X-Other']).toBe('kept');
  });
});

describe('CSP on responses from outside the app scheme', () => {
  it('is forced onto every response the session receives', async () => {
    const { enforceSecurityHeaders } = await import('../../../main/electron/csp');
    const ses = fakeElectron.session.defaultSession;
    enforceSecurityHeaders(ses as unknown as Electron.Session);
    const hook = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders?: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string | string[]> }) => void,
    ) => void;
    const cb = vi.fn();
    hook({ responseHeaders: { 'Content-Security-Policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } }, cb);
    expect(cb).toHaveBeenCalledExactlyOnceWith({ responseHeaders: expect.objectContaining({ 'Content-Security-Policy': EXPECTED_CSP, 'Content-Type': ['text/html'] }) });
  });
});
