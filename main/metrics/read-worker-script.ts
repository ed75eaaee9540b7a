import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
 * The read worker's entry: from sources it is read-worker.ts beside this file; from a build it is
 * dist/metrics-read-worker.mjs, found by walking up from the bundle (dist/cli.mjs, dist/electron/main.cjs).
 */
export function readWorkerScript(): WorkerScript {
  const here = moduleDir();
  const source = join(here, 'read-worker.ts');
  if (existsSync(source)) return tsWorkerScript(source);
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    const built = join(dir, 'metrics-read-worker.mjs');
    // Packaged app: the script is unpacked beside app.asar (electron-builder.yml asarUnpack); a worker's ES module loader cannot read the archive.
    const unpacked = built.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
    if (unpacked !== built && existsSync(unpacked)) return { script: unpacked, eval: false };
    if (existsSync(built)) return { script: built, eval: false };
  }
  throw new Error(`The metrics read worker script is missing next to ${here}: run "npm run build".`);
}
