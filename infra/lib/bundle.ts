import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO_ROOT, type WorkerSpec } from './workers';

/**
 * Syntax level of the bundles: Node 20, what this repository is tested on, so the bundle-load test
 * runs them here; the Lambda runtime (newer) runs Node 20 syntax unchanged.
 */
export const LAMBDA_NODE_TARGET = 'node20';

const built = new Map<string, string>();

/**
 * Bundles one worker's handler from the desktop's own code with esbuild: one CommonJS file with
 * every dependency inside (mysql2, kysely, @aws-sdk/rds-signer…), so the Lambda runs exactly the
 * versions the repository tested, with nothing resolved from the runtime's bundled SDK. The SQLite
 * native module is replaced by a stub (infra/lambda/no-sqlite.ts): the workers read MySQL only.
 * Returns the folder holding index.js; built once per process and output folder.
 */
export function bundleWorker(worker: WorkerSpec, outRoot: string): string {
  const outdir = join(outRoot, worker.id);
  const cached = built.get(outdir);
  if (cached) return cached;
  // A fresh folder: an asset dropped from the spec must not linger in the next deployment.
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  buildSync({
    absWorkingDir: REPO_ROOT,
    entryPoints: [join(REPO_ROOT, worker.entry)],
    outfile: join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: LAMBDA_NODE_TARGET,
    format: 'cjs',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    alias: { 'better-sqlite3-multiple-ciphers': join(REPO_ROOT, 'infra/lambda/no-sqlite.ts') },
    // ESM packages (pdfkit's node build) find their data files from import.meta.url; in a CommonJS
    // bundle that is the bundle's own URL, and the files are copied beside it (worker assets).
    banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__bundleUrl' },
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'error',
  });
  for (const a of worker.assets ?? []) cpSync(join(REPO_ROOT, a.from), join(outdir, a.to), { recursive: true });
  // CommonJS bundle; `imports` lets runtime requires like '#standard-fonts/Helvetica' resolve beside it.
  writeFileSync(
    join(outdir, 'package.json'),
    `${JSON.stringify({ type: 'commonjs', private: true, ...(worker.packageImports ? { imports: worker.packageImports } : {}) }, null, 2)}\n`,
  );
  built.set(outdir, outdir);
  return outdir;
}
