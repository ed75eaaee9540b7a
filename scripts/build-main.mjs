// Bundles the Node-side entry points with esbuild. npm packages stay external (native modules
// such as better-sqlite3 must be loaded from node_modules); our own TypeScript is bundled.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['main/cli/index.ts'], outfile: 'dist/cli.mjs', format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: ['main/cache/sync-worker.ts'], outfile: 'dist/cache-worker.mjs', format: 'esm', packages: 'external' }),
  // Metric and explorer reads over SQLite; found from dist/cli.mjs and dist/electron/main.cjs by walking up to dist/.
  build({ ...common, entryPoints: ['main/metrics/read-worker.ts'], outfile: 'dist/metrics-read-worker.mjs', format: 'esm', packages: 'external' }),
  // The fraud scan's page reader (main/fraud/txn-pages.ts), found the same way.
  build({ ...common, entryPoints: ['main/fraud/page-read-worker.ts'], outfile: 'dist/fraud-page-worker.mjs', format: 'esm', packages: 'external' }),
  // main/settings moduleDir() reads __dirname there and import.meta only in ESM, so the empty import.meta is never used.
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    packages: 'external',
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  // A sandboxed preload can require only 'electron': everything else is bundled into it.
  build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
