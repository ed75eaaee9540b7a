import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

/**
 * `cloudbank fraud evaluate` on the two labelled sets from other generators (../shared/eval),
 * converted by the shared converter and loaded through the real importer into a scratch bank,
 * with the default rules: the targets (issue 12).
 */
const EVAL = join(__dirname, '../../../shared/eval');

function evaluate(kind: 'paysim' | 'amlsim', file: string) {
  const tmp = tempDir(`fraud-evaluate-${kind}-`);
  const dir = tmp.path;
  const canon = join(dir, `${kind}.csv`);
  const conv = spawnSync('python3', [join(EVAL, 'to_canonical.py'), kind, join(EVAL, 'data', file), canon], { encoding: 'utf8' });
  expect(conv.status, conv.stderr).toBe(0);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', 'fraud', 'evaluate', canon, '--format', 'json', '--data-dir', dir], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  tmp.remove();
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
    alerts: number;
    precision: number;
    recall: number;
    accountRecall: number;
    precisionAt: Record<string, number>;
    alertsPer1000: number;
    labels: Record<string, { recall: number; accountRecall: number }>;
    rules: Record<string, { hits: number; alerts: number }>;
  };
}

describe('cloudbank fraud evaluate', () => {
  it('PaySim (account takeover → transfer → cash-out): recall ≥ 0.9 at precision ≥ 0.5', () => {
    const e = evaluate('paysim', 'paysim_dev.csv');
    expect(e.recall).toBeGreaterThanOrEqual(0.9);
    expect(e.precision).toBeGreaterThanOrEqual(0.5);
    expect(e.labels.fraud?.recall).toBe(e.recall);
    expect(e.precisionAt['50']).toBeGreaterThanOrEqual(e.precision);
    // No flood: far fewer alerts than the 36 % of transactions the old rules raised.
    expect(e.alertsPer1000).toBeLessThan(20);
  }, 900_000);

  it('AMLSim (laundering typologies): SAR-account recall ≥ 0.6 at precision ≥ 0.2', () => {
    const e = evaluate('amlsim', 'amlsim_dev.csv');
    expect(e.accountRecall).toBeGreaterThanOrEqual(0.6);
    expect(e.precision).toBeGreaterThanOrEqual(0.2);
    expect(e.rules.network_fan?.alerts ?? 0).toBeGreaterThan(0);
    expect(e.rules.network_chain?.alerts ?? 0).toBeGreaterThan(0);
  }, 900_000);
});
