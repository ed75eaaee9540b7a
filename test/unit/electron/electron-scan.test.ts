import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanCsp, scanProject, scanSources, type Finding, type SourceText } from '../../../scripts/security/electron-scan';

/**
 * The Electronegativity-style scan (issue 14, "Electron" in the suite): the app's shell has no
 * finding at all, and each rule fires on the weakening it exists for — on the app's own files with
 * one flag flipped, and on small snippets.
 */
const real = (path: string): SourceText => ({ path, text: readFileSync(path, 'utf8') });
const shell = [
  'main/electron/main.ts',
  'main/electron/window.ts',
  'main/electron/ipc.ts',
  'main/electron/navigation-guard.ts',
  'main/electron/permissions.ts',
  'main/electron/protocol.ts',
  'preload/index.ts',
].map(real);
const rules = (fs: Finding[]): string[] => [...new Set(fs.map((f) => `${f.severity}:${f.rule}`))].sort();

/** The app's files with one of them edited. */
function withEdit(path: string, from: string | RegExp, to: string): SourceText[] {
  return shell.map((s) => {
    if (s.path !== path) return s;
    const text = s.text.replace(from, to);
    if (text === s.text) throw new Error(`${String(from)} not found in ${path}`);
    return { path, text };
  });
}

describe('electron scan', () => {
  it('finds nothing in the app: window settings, IPC sender checks, preload surface, both CSPs', async () => {
    const findings = await scanProject(process.cwd());
    expect(findings).toEqual([]);
  });

  it.each([
    ['main/electron/window.ts', 'contextIsolation: true', 'contextIsolation: false', 'high:CONTEXT_ISOLATION'],
    ['main/electron/window.ts', 'sandbox: true', 'sandbox: false', 'high:SANDBOX'],
    ['main/electron/window.ts', '    sandbox: true,\n', '', 'high:SANDBOX'],
    ['main/electron/window.ts', 'nodeIntegration: false', 'nodeIntegration: true', 'high:NODE_INTEGRATION'],
    ['main/electron/window.ts', 'webSecurity: true', 'webSecurity: false', 'high:WEB_SECURITY'],
    ['main/electron/window.ts', 'allowRunningInsecureContent: false', 'allowRunningInsecureContent: true', 'high:INSECURE_CONTENT'],
    ['main/electron/window.ts', 'webviewTag: false', 'webviewTag: true', 'medium:WEBVIEW_TAG'],
    ['main/electron/window.ts', 'devTools: allowDevTools', 'devTools: true', 'medium:DEV_TOOLS'],
    ['main/electron/main.ts', 'app.enableSandbox();', '', 'high:SANDBOX'],
    ['main/electron/ipc.ts', /if \(!isTrustedSender\(event, getWindow\(\)\)\) return refuse\(event, IPC_CHANNELS.bindSession\);/, 'void refuse;', 'high:IPC_SENDER'],
    ['main/electron/navigation-guard.ts', 'contents.setWindowOpenHandler(', 'contents.on(', 'high:NEW_WINDOW'],
    ['main/electron/navigation-guard.ts', "contents.on('will-navigate'", "contents.on('did-navigate'", 'high:NAVIGATION'],
    ['main/electron/permissions.ts', 'ses.setPermissionRequestHandler(', 'ses.setPermissionCheckHandler(', 'medium:PERMISSION_HANDLER'],
    ['main/electron/protocol.ts', 'supportFetchAPI: true', 'supportFetchAPI: true, bypassCSP: true', 'high:SCHEME_BYPASS_CSP'],
    [
      'preload/index.ts',
      'contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, Object.freeze(bridge));',
      'contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, { ...bridge, ipcRenderer });',
      'high:PRELOAD_EXPOSES',
    ],
    ['preload/index.ts', 'ipcRenderer.send(IPC_CHANNELS.bindSession, token);', "ipcRenderer.send('anything', token);", 'high:PRELOAD_CHANNELS'],
    ['preload/index.ts', 'import { contextBridge', "import { readFileSync } from 'node:fs';\nimport { contextBridge", 'high:PRELOAD_NODE'],
  ])('%s: %s → %s is reported (%s)', (path, from, to, rule) => {
    expect(rules(scanSources(shell))).toEqual([]);
    expect(rules(scanSources(withEdit(path, from, to)))).toContain(rule);
  });

  it('reports shell.openExternal without the allow-list and a window loading http:', () => {
    const src: SourceText = {
      path: 'main/electron/bad.ts',
      text: `import { shell, BrowserWindow } from 'electron';
        export function open(u: string) { void shell.openExternal(u); }
        export function win() { const w = new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true } }); void w.loadURL('http://example.com/'); }`,
    };
    expect(rules(scanSources([...shell, src]))).toEqual(['high:INSECURE_LOAD', 'high:OPEN_EXTERNAL']);
    const lax: SourceText = { path: 'main/electron/lax.ts', text: `new BrowserWindow({ webPreferences: { preload: 'p.js' } });` };
    expect(rules(scanSources([...shell, lax]))).toEqual(['high:CONTEXT_ISOLATION', 'high:NODE_INTEGRATION', 'high:SANDBOX', 'high:WEB_SECURITY']);
    const bare: SourceText = { path: 'main/electron/bare.ts', text: `export const w = new BrowserWindow({ width: 800 });` };
    expect(rules(scanSources([...shell, bare]))).toEqual(['high:WEB_PREFERENCES']);
  });

  it('reports a weak CSP', () => {
    expect(scanCsp("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", 'ok')).toEqual([]);
    expect(rules(scanCsp("default-src *; script-src 'self' 'unsafe-eval' 'unsafe-inline'", 'bad'))).toEqual([
      'high:CSP_DEFAULT_SRC',
      'high:CSP_OBJECT_SRC',
      'high:CSP_SCRIPT_SRC',
      'high:CSP_WILDCARD',
      'medium:CSP_BASE_URI',
      'medium:CSP_FRAME_ANCESTORS',
    ]);
    // The browser edition's earlier connect-src (issue 14, finding 12): WebSockets to any host.
    expect(
      rules(scanCsp("default-src 'self'; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", 'ws')).filter((r) => r.startsWith('high')),
    ).toEqual(['high:CSP_WILDCARD']);
  });
});
