#!/usr/bin/env node
// The command-line entry. The TypeScript sources are bundled into dist/ by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('cloudbank: not built yet — run "npm run build" in the CloudBank Analytics folder first.\n');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
