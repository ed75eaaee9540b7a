import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

/**
 * `npm run audit:deps` (issue 14, supply chain) cannot reach npm's advisory service here, so its
 * verdicts are checked on saved `npm audit --json` answers: a high advisory fails, a clean or
 * low-only tree passes, and an unanswered service is "not checked" (2), never "clean" (0).
 */
describe('audit:deps', () => {
  const dir = tempDir('cbaudit-');
  afterAll(() => dir.remove());

  function verdict(report: unknown): { code: number | null; out: string } {
    const file = join(dir.path, `r${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(report));
    const r = spawnSync(process.execPath, ['scripts/security/audit-deps.mjs'], { encoding: 'utf8', env: { ...process.env, AUDIT_DEPS_REPORT: file } });
    return { code: r.status, out: r.stdout + r.stderr };
  }
  const meta = (high: number, low: number) => ({ vulnerabilities: { info: 0, low, moderate: 0, high, critical: 0, total: high + low } });

  it('fails on a high advisory in a production dependency and names it', () => {
    const r = verdict({
      vulnerabilities: {
        ws: {
          name: 'ws',
          severity: 'high',
          range: '8.0.0 - 8.17.0',
          fixAvailable: true,
          via: [{ title: 'DoS when handling a request with many HTTP headers', url: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q' }],
        },
      },
      metadata: meta(1, 0),
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('HIGH ws 8.0.0 - 8.17.0 — fix available');
    expect(r.out).toContain('GHSA-3h5v-q93c-6h6q');
  });

  it('passes a tree with low advisories only', () => {
    expect(verdict({ vulnerabilities: { x: { name: 'x', severity: 'low', range: '*', via: [] } }, metadata: meta(0, 1) }).code).toBe(0);
  });

  it('says nothing was checked when the advisory service does not answer', () => {
    const r = verdict({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/could not check.*405 Method Not Allowed.*Nothing was checked/s);
  });
});
