/**
 * An Electronegativity-style static scan of the Electron shell (main/electron) and the preload,
 * offline and in `npm test` (issue 14): the checks Doyensec's Electronegativity makes that apply to
 * this app, over the TypeScript syntax tree rather than text, plus the two policies the CSP strings
 * must meet. `npm run scan:electron` prints the findings and exits 1 on any high one.
 *
 * It checks code, not a running app: test/unit/electron/*.test.ts assert the same settings through
 * a stubbed `electron`, and this catches a weakened flag, a new unguarded IPC handler or a preload
 * that hands the page more than its three calls before any of that runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export type Severity = 'high' | 'medium';

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  message: string;
}

export interface SourceText {
  /** Relative path, used in findings and to tell preload code from main-process code. */
  path: string;
  text: string;
}

/** webPreferences flags that must have exactly this value wherever they are written. */
const REQUIRED_FLAGS: Record<string, { value: boolean; severity: Severity; rule: string }> = {
  contextIsolation: { value: true, severity: 'high', rule: 'CONTEXT_ISOLATION' },
  sandbox: { value: true, severity: 'high', rule: 'SANDBOX' },
  nodeIntegration: { value: false, severity: 'high', rule: 'NODE_INTEGRATION' },
  nodeIntegrationInWorker: { value: false, severity: 'high', rule: 'NODE_INTEGRATION' },
  nodeIntegrationInSubFrames: { value: false, severity: 'high', rule: 'NODE_INTEGRATION' },
  webSecurity: { value: true, severity: 'high', rule: 'WEB_SECURITY' },
  allowRunningInsecureContent: { value: false, severity: 'high', rule: 'INSECURE_CONTENT' },
  enableRemoteModule: { value: false, severity: 'high', rule: 'REMOTE_MODULE' },
  webviewTag: { value: false, severity: 'medium', rule: 'WEBVIEW_TAG' },
  experimentalFeatures: { value: false, severity: 'medium', rule: 'EXPERIMENTAL_FEATURES' },
};
/** A window's preferences must spell these out (an Electron default can change; see main/electron/window.ts). */
const MUST_BE_EXPLICIT = ['contextIsolation', 'sandbox', 'nodeIntegration', 'webSecurity'];
/** Node modules a sandboxed preload must not reach for (and must never hand to the page). */
const NODE_MODULES = /^(node:)?(fs|fs\/promises|child_process|net|http|https|os|path|vm|worker_threads|module|process)$/;
/** What a preload may import: Electron's bridge and the shared contract types. */
const PRELOAD_ELECTRON_NAMES = new Set(['contextBridge', 'ipcRenderer', 'IpcRendererEvent']);

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

function propName(p: ts.ObjectLiteralElementLike): string | null {
  if (!p.name) return null;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return null;
}

function literalBoolean(e: ts.Expression): boolean | null {
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  return null;
}

/** `a.b(...)` as "a.b"; `b(...)` as "b". */
function calleeName(call: ts.CallExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e))
    return `${ts.isIdentifier(e.expression) ? e.expression.text : ts.isPropertyAccessExpression(e.expression) ? e.expression.name.text : '?'}.${e.name.text}`;
  return '?';
}

function containsCall(node: ts.Node, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && (calleeName(n) === name || calleeName(n).endsWith(`.${name}`))) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** The function an IPC handler argument denotes: inline, or a const/function declared in the same file. */
function handlerBody(sf: ts.SourceFile, arg: ts.Expression | undefined): ts.Node | null {
  if (!arg) return null;
  if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) return arg;
  if (!ts.isIdentifier(arg)) return null;
  let body: ts.Node | null = null;
  const visit = (n: ts.Node): void => {
    if (body) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === arg.text && n.initializer) body = n.initializer;
    else if (ts.isFunctionDeclaration(n) && n.name?.text === arg.text) body = n;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return body;
}

function isWebPreferencesLiteral(node: ts.ObjectLiteralExpression): boolean {
  // `webPreferences: { … }`, or an object returned from a function typed `: WebPreferences`.
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && propName(parent) === 'webPreferences') return true;
  let fn: ts.Node | undefined = parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  if (fn && ts.isFunctionLike(fn) && fn.type && /WebPreferences/.test(fn.type.getText()))
    return ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isParenthesizedExpression(parent);
  return false;
}

/** Scans main-process and preload sources. */
export function scanSources(sources: readonly SourceText[]): Finding[] {
  const findings: Finding[] = [];
  let sandboxAll = false;
  let permissionHandler = false;
  let windowOpenHandler = false;
  let willNavigate = false;

  for (const src of sources) {
    const sf = ts.createSourceFile(src.path, src.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const preload = src.path.replace(/\\/g, '/').startsWith('preload/');
    const add = (rule: string, severity: Severity, node: ts.Node, message: string): void => {
      findings.push({ rule, severity, file: src.path, line: lineOf(sf, node), message });
    };
    const fileCallsAllowList = containsCall(sf, 'isAllowedExternalUrl');

    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const props = new Map<string, ts.PropertyAssignment>();
        for (const p of node.properties) {
          const name = propName(p);
          if (name && ts.isPropertyAssignment(p)) props.set(name, p);
        }
        for (const [name, p] of props) {
          const want = REQUIRED_FLAGS[name];
          if (want) {
            const v = literalBoolean(p.initializer);
            if (v === null) add(want.rule, want.severity, p, `${name} must be the literal ${String(want.value)}, not a computed value.`);
            else if (v !== want.value) add(want.rule, want.severity, p, `${name}: ${String(v)} — must be ${String(want.value)}.`);
          }
          if (name === 'bypassCSP' && literalBoolean(p.initializer) !== false)
            add('SCHEME_BYPASS_CSP', 'high', p, 'A privileged scheme must not bypass the Content-Security-Policy.');
          if (name === 'enableBlinkFeatures') add('BLINK_FEATURES', 'medium', p, 'enableBlinkFeatures turns on experimental Chromium features in the page.');
          if (name === 'devTools' && literalBoolean(p.initializer) === true) add('DEV_TOOLS', 'medium', p, 'DevTools always on: packaged builds must ship without them.');
          if (name === 'allowpopups') add('ALLOW_POPUPS', 'medium', p, 'allowpopups lets a webview open windows.');
        }
        if (isWebPreferencesLiteral(node)) {
          for (const flag of MUST_BE_EXPLICIT)
            if (!props.has(flag)) add(REQUIRED_FLAGS[flag]?.rule ?? 'WEB_PREFERENCES', 'high', node, `webPreferences does not set ${flag} explicitly.`);
        }
      }

      // A window (or view) created without preferences gets Electron's defaults, whatever they are this release.
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /^(BrowserWindow|BrowserView|WebContentsView)$/.test(node.expression.text)) {
        const options = node.arguments?.[0];
        const hasPrefs = options && ts.isObjectLiteralExpression(options) && options.properties.some((p) => propName(p) === 'webPreferences');
        if (!hasPrefs) add('WEB_PREFERENCES', 'high', node, `new ${node.expression.text} without an explicit webPreferences object.`);
      }

      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        if (name === 'app.enableSandbox') sandboxAll = true;
        if (name.endsWith('.setPermissionRequestHandler')) permissionHandler = true;
        if (name.endsWith('.setWindowOpenHandler')) windowOpenHandler = true;
        const first = node.arguments[0];
        if (name.endsWith('.on') && first && ts.isStringLiteral(first) && first.text === 'will-navigate') willNavigate = true;

        // IPC_SENDER: every main-process IPC handler checks who is calling before doing anything.
        if (!preload && /^ipcMain\.(handle|handleOnce|on|once)$/.test(name)) {
          const body = handlerBody(sf, node.arguments[1]);
          if (!body || !containsCall(body, 'isTrustedSender')) add('IPC_SENDER', 'high', node, `${name} handler does not check its sender with isTrustedSender().`);
        }
        // OPEN_EXTERNAL: shell.openExternal only where URLs are checked against the allow-list.
        if (name === 'shell.openExternal' && !fileCallsAllowList)
          add('OPEN_EXTERNAL', 'high', node, 'shell.openExternal without an isAllowedExternalUrl() check in the same module.');
        // INSECURE_LOAD: the window loads only the app's own scheme.
        if (/\.(loadURL|loadFile)$/.test(name) && first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) && /^http:|^file:/i.test(first.text)) {
          add('INSECURE_LOAD', 'high', node, `loads ${first.text}: the app is served from its own scheme only.`);
        }
        if (preload) {
          // PRELOAD_CHANNELS: the preload talks on the shared channel names only.
          if (/^ipcRenderer\.(send|sendSync|invoke|on|once|postMessage|sendToHost)$/.test(name)) {
            if (!first || !(ts.isPropertyAccessExpression(first) && ts.isIdentifier(first.expression) && first.expression.text === 'IPC_CHANNELS')) {
              add('PRELOAD_CHANNELS', 'high', node, `${name} on a channel that is not one of IPC_CHANNELS.`);
            }
          }
          if (name === 'contextBridge.exposeInMainWorld') {
            const exposed = node.arguments[1];
            const leaks = exposed ? leakedIdentifiers(exposed) : [];
            for (const leak of leaks) add('PRELOAD_EXPOSES', 'high', node, `exposes ${leak} to the page.`);
          }
          if (name === 'require') add('PRELOAD_NODE', 'high', node, 'require() in the sandboxed preload.');
        }
      }

      if (preload && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const from = node.moduleSpecifier.text;
        if (NODE_MODULES.test(from)) add('PRELOAD_NODE', 'high', node, `the preload imports ${from}.`);
        if (from === 'electron') {
          const named = node.importClause?.namedBindings;
          if (named && ts.isNamedImports(named)) {
            for (const el of named.elements) if (!PRELOAD_ELECTRON_NAMES.has(el.name.text)) add('PRELOAD_NODE', 'medium', el, `the preload imports electron's ${el.name.text}.`);
          }
        }
      }
      if (preload && ts.isIdentifier(node) && (node.text === 'process' || node.text === 'Buffer') && !ts.isPropertyAccessExpression(node.parent)) {
        add('PRELOAD_NODE', 'medium', node, `the preload uses Node's ${node.text}.`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  const mainFiles = sources.filter((s) => !s.path.replace(/\\/g, '/').startsWith('preload/'));
  const at = mainFiles[0]?.path ?? 'main/electron';
  if (!sandboxAll)
    findings.push({
      rule: 'SANDBOX',
      severity: 'high',
      file: at,
      line: 1,
      message: 'app.enableSandbox() is never called: a renderer created without our preferences would run unsandboxed.',
    });
  if (!permissionHandler)
    findings.push({
      rule: 'PERMISSION_HANDLER',
      severity: 'medium',
      file: at,
      line: 1,
      message: 'No setPermissionRequestHandler: Electron grants every permission a page asks for.',
    });
  if (!windowOpenHandler) findings.push({ rule: 'NEW_WINDOW', severity: 'high', file: at, line: 1, message: 'No setWindowOpenHandler: window.open can open new windows.' });
  if (!willNavigate) findings.push({ rule: 'NAVIGATION', severity: 'high', file: at, line: 1, message: "No 'will-navigate' guard: the window can be navigated off the app." });
  return findings;
}

/** Identifiers the exposed object hands out as values: ipcRenderer, require, process and the like. */
function leakedIdentifiers(exposed: ts.Expression): string[] {
  const dangerous = new Set(['ipcRenderer', 'require', 'process', 'contextBridge', 'shell', 'webFrame']);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    // Inside a function body the identifier is used, not handed out.
    if (ts.isFunctionLike(n) && n !== exposed) return;
    if (ts.isIdentifier(n) && dangerous.has(n.text)) {
      const p = n.parent;
      const handedOut =
        ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && p.initializer === n) || n === exposed || ts.isSpreadAssignment(p) || ts.isArrayLiteralExpression(p);
      const accessed = ts.isPropertyAccessExpression(p) && p.expression === n;
      if (handedOut || accessed) out.push(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(exposed);
  return out;
}

/** Directive name → its sources. */
function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

/** The policy rules Electronegativity's CSP_GLOBAL_CHECK and Google's CSP evaluator flag as high. */
export function scanCsp(policy: string, where: string): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, severity: Severity, message: string): void => void findings.push({ rule, severity, file: where, line: 1, message });
  const d = parseCsp(policy);
  const effective = (name: string): string[] | undefined => d.get(name) ?? d.get('default-src');
  const def = d.get('default-src');
  if (!def) add('CSP_DEFAULT_SRC', 'high', 'No default-src: anything not named is allowed.');
  else if (!def.every((s) => s === "'self'" || s === "'none'")) add('CSP_DEFAULT_SRC', 'high', `default-src allows ${def.join(' ')}.`);
  const scripts = effective('script-src') ?? [];
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", 'data:', 'blob:', 'http:', 'https:', '*']) {
    if (scripts.includes(bad)) add('CSP_SCRIPT_SRC', 'high', `script-src allows ${bad}.`);
  }
  for (const name of ['script-src', 'connect-src', 'default-src', 'img-src', 'font-src', 'style-src', 'frame-src', 'worker-src']) {
    const list = effective(name) ?? [];
    for (const s of list) if (s === '*' || /^(wss?|https?):$/.test(s) || s.includes('*')) add('CSP_WILDCARD', 'high', `${name} allows any host (${s}).`);
  }
  const objects = effective('object-src') ?? [];
  if (!objects.includes("'none'")) add('CSP_OBJECT_SRC', 'high', "object-src is not 'none' (plugins could run).");
  if (!d.get('base-uri')?.includes("'none'") && !d.get('base-uri')?.includes("'self'"))
    add('CSP_BASE_URI', 'medium', 'base-uri is not restricted (a <base> tag could redirect relative scripts).');
  if (!d.get('frame-ancestors')?.includes("'none'")) add('CSP_FRAME_ANCESTORS', 'medium', "frame-ancestors is not 'none' (the app could be framed).");
  return findings;
}

/** Every .ts file under `dir`. */
function tsFiles(root: string, dir: string): SourceText[] {
  const out: SourceText[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(root, rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push({ path: relative(root, join(root, rel)), text: readFileSync(join(root, rel), 'utf8') });
  }
  return out;
}

/** The app's own scan: main/electron and preload, and both edition's CSPs. */
export async function scanProject(root: string): Promise<Finding[]> {
  const sources = [...tsFiles(root, 'main/electron'), ...tsFiles(root, 'preload')];
  const { CONTENT_SECURITY_POLICY } = (await import(pathToFileURL(join(root, 'main/electron/csp.ts')).href)) as { CONTENT_SECURITY_POLICY: string };
  const { BROWSER_CSP } = (await import(pathToFileURL(join(root, 'main/host/csp.ts')).href)) as { BROWSER_CSP: string };
  return [...scanSources(sources), ...scanCsp(CONTENT_SECURITY_POLICY, 'main/electron/csp.ts'), ...scanCsp(BROWSER_CSP, 'main/host/csp.ts')];
}

async function main(): Promise<void> {
  const findings = await scanProject(process.cwd());
  for (const f of findings) process.stdout.write(`${f.severity.toUpperCase().padEnd(6)} ${f.rule.padEnd(20)} ${f.file}:${f.line}  ${f.message}\n`);
  const high = findings.filter((f) => f.severity === 'high').length;
  process.stdout.write(`electron scan: ${findings.length} finding(s), ${high} high\n`);
  process.exitCode = high > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
