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

/** `npm start`: the desktop window where Electron runs, the browser edition where it cannot. */
export async function start(opts: ServeOptions): Promise<void> {
  const root = packageRoot();
  const found = findElectron(root);
  if ('path' in found) {
    process.stdout.write(`Starting the CloudBank Analytics desktop window (${found.path})…\n`);
    const child = spawn(found.path, [root], { stdio: 'inherit', env: { ...process.env, CLOUDBANK_DATA_DIR: opts.dataDir } });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code === 0) return;
    // A binary that cannot open a window (no display, missing system libraries) exits at once.
    return serve({ ...opts, reason: `the Electron window exited with code ${code}; starting the browser edition instead` });
  }
  return serve({ ...opts, reason: `${found.reason}, so the browser edition starts instead` });
}
