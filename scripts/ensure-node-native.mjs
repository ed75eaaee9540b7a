// The native database module is built for one ABI at a time: Node's (CLI, browser edition, tests) or
// Electron's (the desktop window, after `npm start` rebuilt it). Before anything runs it under Node,
// make sure it loads there, rebuilding it for Node if the desktop window was the last to use it.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const MODULE = 'better-sqlite3-multiple-ciphers';

export function loadsInNode() {
  return spawnSync(process.execPath, ['-e', `require(${JSON.stringify(MODULE)})`], { stdio: 'ignore' }).status === 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!loadsInNode()) {
    process.stdout.write(`Rebuilding ${MODULE} for Node ${process.versions.node} (it was last built for Electron)…\n`);
    const r = spawnSync('npm', ['rebuild', MODULE], { stdio: 'inherit', shell: process.platform === 'win32' });
    if (r.status !== 0 || !loadsInNode()) {
      process.stderr.write(`Could not rebuild ${MODULE} for Node: see the output above.\n`);
      process.exit(1);
    }
  }
}
