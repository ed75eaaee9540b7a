import { join } from 'node:path';

export interface ShellPaths {
  preload: string;
  renderer: string;
}

/**
 * Where the build puts the other halves of the shell, relative to dist/electron/main.cjs
 * (scripts/build-main.mjs and vite): dist/preload/preload.cjs and dist/renderer/. The same
 * layout holds inside the packaged app.asar.
 */
export function shellPaths(mainBundleDir: string): ShellPaths {
  return { preload: join(mainBundleDir, '..', 'preload', 'preload.cjs'), renderer: join(mainBundleDir, '..', 'renderer') };
}
