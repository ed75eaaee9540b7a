import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServe, stopChild } from './server';

/**
 * Generates one small demo bank that every e2e server copies, so each test gets its own data cheaply.
 * The template is opened once by `cloudbank serve` so the demo users (six scrypt hashes) exist in it
 * already and no test pays for creating them. Returns the teardown that deletes it.
 */
export default async function globalSetup(): Promise<() => void> {
  for (const built of ['dist/cli.mjs', 'dist/renderer/index.html']) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" before the end-to-end tests (npm test does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-template-'));
  execFileSync(process.execPath, ['bin/cloudbank.mjs', 'demo', '--customers', '300', '--months', '6', '--seed', '11', '--fraud-scan', '--data-dir', dir], { stdio: 'pipe' });
  const warm = spawnServe(dir);
  try {
    await warm.ready;
  } finally {
    await stopChild(warm.child);
  }
  process.env.CLOUDBANK_E2E_TEMPLATE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
