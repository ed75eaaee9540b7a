import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Generates one small demo bank that every e2e server copies, so each test gets its own data cheaply. */
export default function globalSetup(): void {
  for (const built of ['dist/cli.mjs', 'dist/renderer/index.html']) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" before the end-to-end tests (npm test does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-template-'));
  execFileSync(process.execPath, ['bin/cloudbank.mjs', 'demo', '--customers', '300', '--months', '6', '--seed', '11', '--data-dir', dir], { stdio: 'pipe' });
  process.env.CLOUDBANK_E2E_TEMPLATE = dir;
}
