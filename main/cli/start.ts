import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { packageRoot } from './paths';
import { serve, type ServeOptions } from './serve';

/**
 * Where Electron can run, returns its executable. Electron ≥ 42 installs without downloading
 * its binary and fetches it on first `require('electron')`; where that cannot happen (offline,
 * CI) the require throws. It runs in a child process so the failed download's noise stays out of
 * our output; we report one clear reason instead.
 */
export function findElectron(root: string): { path: string } | { reason: string } {
  if (process.env.CLOUDBANK_BROWSER === '1') return { reason: 'CLOUDBANK_BROWSER=1 asks for the browser edition' };
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const path = probe.stdout?.trim();
  if (probe.status === 0 && path && existsSync(path)) return { path };
  return { reason: 'the Electron binary is not installed here and could not be downloaded' };
}

const NATIVE = 'better-sqlite3-multiple-ciphers';

/**
 * Native modules carry the ABI they were built for; Electron's differs from Node's. The desktop
 * window needs the database module rebuilt for Electron (electron-builder install-app-deps, which
 * downloads Electron's headers); `npm test` and the CLI rebuild it for Node again when needed
 * (scripts/ensure-node-native.mjs). Packaged apps get theirs rebuilt by electron-builder.
 */
function prepareNativeForElectron(root: string): string | null {
  const loadsInNode = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(NATIVE)})`], { cwd: root, stdio: 'ignore' }).status === 0;
  if (!loadsInNode) return null; // already rebuilt for Electron by an earlier start
  process.stdout.write(`Rebuilding ${NATIVE} for Electron (once; npm test rebuilds it for Node when needed)…\n`);
  const r = spawnSync('npx', ['electron-builder', 'install-app-deps'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0 ? null : `the database module could not be rebuilt for Electron (electron-builder install-app-deps exited with ${r.status})`;
}

/** Back to Node's build before the browser edition loads the module in this process. */
function prepareNativeForNode(root: string): void {
  const r = spawnSync(process.execPath, ['scripts/ensure-node-native.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${NATIVE} does not load in Node and could not be rebuilt: run "npm rebuild ${NATIVE}".`);
}

/** `npm start`: the desktop window where Electron runs, the browser edition where it cannot. */
export async function start(opts: ServeOptions): Promise<void> {
  const root = packageRoot();
  const found = findElectron(root);
  const nativeProblem = 'path' in found ? prepareNativeForElectron(root) : null;
  if ('path' in found && nativeProblem) {
    prepareNativeForNode(root);
    return serve({ ...opts, reason: `${nativeProblem}, so the browser edition starts instead` });
  }
  if ('path' in found) {
    process.stdout.write(`Starting the CloudBank Analytics desktop window (${found.path})…\n`);
    // The main process's V8 flags must be on the command line (see bench:idle): no memory-reducer GCs while idle.
    const child = spawn(found.path, ['--js-flags=--no-memory-reducer', root], { stdio: 'inherit', env: { ...process.env, CLOUDBANK_DATA_DIR: opts.dataDir } });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code === 0) return;
    // A binary that cannot open a window (no display, missing system libraries) exits at once.
    prepareNativeForNode(root);
    return serve({ ...opts, reason: `the Electron window exited with code ${code}; starting the browser edition instead` });
  }
  prepareNativeForNode(root);
  return serve({ ...opts, reason: `${found.reason}, so the browser edition starts instead` });
}
