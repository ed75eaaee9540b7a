#!/usr/bin/env node
/**
 * `npm run audit:deps`: the supply-chain check of issue 14. Runs
 * `npm audit --omit=dev --audit-level=high` against package-lock.json and fails (exit 1) when a
 * production dependency has a known high or critical advisory.
 *
 * It needs npm's advisory service (POST registry.npmjs.org/-/npm/v1/security/advisories/bulk). Where
 * that does not answer — offline, or behind a registry mirror that only serves packages, as on the
 * development machines here — it says so and exits 2, so "could not check" is never mistaken for
 * "clean". That is why it is not part of `npm test`: run it in CI or on a connected machine.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// AUDIT_DEPS_REPORT: a saved `npm audit --json` answer instead of asking the service (the script's own test).
const saved = process.env.AUDIT_DEPS_REPORT;
const run = saved
  ? { stdout: readFileSync(saved, 'utf8'), stderr: '', error: undefined }
  : spawnSync(npm, ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', timeout: 120_000 });

let report = null;
try {
  report = JSON.parse(run.stdout || 'null');
} catch {
  report = null;
}

const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? run.error?.message ?? (run.stderr || '').trim().split('\n').pop() ?? 'no answer';
  process.stderr.write(
    `audit:deps could not check the dependencies: the npm advisory service did not answer (${why}).\n` +
      'Run it where registry.npmjs.org is reachable (CI does). Nothing was checked.\n',
  );
  process.exit(2);
}

const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
for (const [name, v] of serious) {
  const titles = (v.via ?? []).filter((x) => typeof x === 'object').map((x) => `${x.title} (${x.url})`);
  process.stdout.write(
    `${v.severity.toUpperCase()} ${name} ${v.range}${v.fixAvailable ? ' — fix available' : ''}\n  ${titles.join('\n  ') || `via ${(v.via ?? []).join(', ')}`}\n`,
  );
}
process.stdout.write(
  `audit:deps: ${counts.total} advisories in production dependencies (critical ${counts.critical}, high ${counts.high}, moderate ${counts.moderate}, low ${counts.low}).\n`,
);
process.exit(counts.critical + counts.high > 0 ? 1 : 0);
