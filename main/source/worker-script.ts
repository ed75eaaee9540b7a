import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What `new Worker(script, { eval })` is given. */
export interface WorkerScript {
  script: string;
  eval: boolean;
}

function moduleDir(): string {
  // CommonJS bundle (Electron main) has __dirname; ESM (CLI bundle, sources under tsx) has import.meta.
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/** A TypeScript worker entry run from sources (tests, benchmarks): tsx's loader is registered inside the worker, since Node 20 ignores --import there. */
export function tsWorkerScript(file: string): WorkerScript {
  const url = JSON.stringify(pathToFileURL(file).href);
  return { script: `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${url}); })`, eval: true };
}

/**
 * A worker thread's entry, wherever the code runs: from sources it is `source` (a path under main/,
 * e.g. "fraud/page-read-worker.ts"); from a build it is `built` in dist/, found by walking up from
 * the bundle (dist/cli.mjs, dist/electron/main.cjs). Null when neither is there.
 */
export function findWorkerScript(source: string, built: string): WorkerScript | null {
  const here = moduleDir();
  const fromSources = join(here, '..', source);
  if (existsSync(fromSources)) return tsWorkerScript(fromSources);
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, built);
    // Packaged app: the script is unpacked beside app.asar (electron-builder.yml asarUnpack); a worker's ES module loader cannot read the archive.
    const unpacked = file.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
    if (unpacked !== file && existsSync(unpacked)) return { script: unpacked, eval: false };
    if (existsSync(file)) return { script: file, eval: false };
  }
  return null;
}

/** As findWorkerScript, for a worker the caller cannot do without. */
export function workerScript(source: string, built: string): WorkerScript {
  const found = findWorkerScript(source, built);
  if (!found) throw new Error(`The worker script ${built} is missing (from sources: main/${source}): run "npm run build".`);
  return found;
}
