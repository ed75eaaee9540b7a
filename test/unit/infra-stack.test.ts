import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from '../../infra/lib/build';
import { validateConfig, DEFAULT_CONFIG } from '../../infra/lib/config';
import { presentWorkers, WORKERS, type WorkerSpec } from '../../infra/lib/workers';
import { CLOUD_METRICS, CLOUD_METRICS_NAMESPACE, cloudMetricNamesOf, type CloudMetricEmitter } from '../../shared/cloud-metrics';
import { SECURITY_CHECKS } from '../support/infra-checks';
import { alarmMetrics, dashboardMetrics, resourcesOf, workerFunctions, type TemplateJson } from '../support/infra-template';
import { tempDir } from '../support/temp';

// Synthesised offline, as `npm run infra:synth` does: no AWS account, nothing deployed. AWS itself
// cannot run here; these tests read the CloudFormation the stack would deploy.

const dir = tempDir('cbinfra-');
const bundleDir = `${dir.path}/bundles`;
/** The templates do not depend on the code inside the zip; test/unit/infra-bundles.test.ts builds and loads the real bundles. */
const bundle = (w: WorkerSpec, root: string): string => {
  const folder = join(root, w.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'index.js'), `exports.handler = async () => { throw new Error('template test stand-in for ${w.entry}'); };\n`);
  return folder;
};
let full: TemplateJson;
let minimal: TemplateJson;
let findings: { rule: string; path: string }[];
let acknowledged: { path: string; id: string; reason: string }[];

beforeAll(() => {
  const built = buildStack({ config: { workstationCidrs: ['10.20.0.0/16'], alarmEmail: 'ops@bank.example' }, bundleDir, bundle, outdir: `${dir.path}/full` });
  // Every finding of the AwsSolutions pack, acknowledged or not; the app's synth fails on unacknowledged ones.
  findings = new AwsSolutionsChecks(built.app)
    .validateScope(built.stack)
    .violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: `AwsSolutions::${v.ruleName}`, path: r.constructPath ?? '' })));
  acknowledged = built.stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })))
      .filter((a) => a.id.startsWith('AwsSolutions::')),
  );
  full = Template.fromStack(built.stack).toJSON() as TemplateJson;
  const small = buildStack({ config: { environmentName: 'staging', multiAz: false, readReplica: false }, bundleDir, bundle, outdir: `${dir.path}/minimal` });
  minimal = Template.fromStack(small.stack).toJSON() as TemplateJson;
}, 180_000);

afterAll(() => dir.remove());

describe('security properties of the synthesised stack', () => {
  for (const c of SECURITY_CHECKS) it(c.name, () => c.check(full));
  // The same properties with Multi-AZ and the replica off: options never switch security off.
  it('hold without Multi-AZ and replica too (except the replica-lag alarm)', () => {
    for (const c of SECURITY_CHECKS.filter((x) => !x.name.startsWith('Alarms: CPU') && !x.name.startsWith('Dashboard'))) c.check(minimal);
  });
});

describe('each security check fails when its property is switched off', () => {
  for (const c of SECURITY_CHECKS) {
    it(`without: ${c.name}`, () => {
      const copy = structuredClone(full);
      c.disable(copy);
      expect(() => c.check(copy)).toThrow();
    });
  }
});

describe('deployment options', () => {
  const instances = (t: TemplateJson) => resourcesOf(t, 'AWS::RDS::DBInstance').map(([, r]) => r.Properties ?? {});
  it('Multi-AZ primary and a read replica when chosen', () => {
    const dbs = instances(full);
    expect(dbs).toHaveLength(2);
    expect(dbs.filter((d) => d.SourceDBInstanceIdentifier)).toHaveLength(1);
    expect(dbs.find((d) => !d.SourceDBInstanceIdentifier)?.MultiAZ).toBe(true);
    expect(Object.keys((full.Outputs ?? {}) as object)).toContain('ReaderEndpoint');
  });
  it('a single-AZ primary without replica otherwise, and no replica alarm or reader endpoint', () => {
    const dbs = instances(minimal);
    expect(dbs).toHaveLength(1);
    expect(dbs[0]?.MultiAZ).toBe(false);
    expect(alarmMetrics(minimal).map(([, m]) => m)).not.toContain('ReplicaLag');
    expect(Object.keys((minimal.Outputs ?? {}) as object)).not.toContain('ReaderEndpoint');
  });
  it('read-only workers read from the replica, the scan writes to the primary', () => {
    const env = (prefix: string) => (workerFunctions(full).find(([id]) => id.startsWith(prefix))?.[1].Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env('MetricsJob').CLOUDBANK_DB_READER_HOST).toBeDefined();
    expect(env('FraudScan').CLOUDBANK_DB_READER_HOST).toBeUndefined();
    expect(env('FraudScan').CLOUDBANK_DB_USER).toBe('cloudbank_fraud_scan');
    expect(env('MetricsJob').CLOUDBANK_ENVIRONMENT).toBe('production');
  });
  it('refuses a configuration that would weaken the deployment, saying what to fix', () => {
    expect(() => validateConfig({ ...DEFAULT_CONFIG, workstationCidrs: ['0.0.0.0/0'] })).toThrow(/too much of the internet/);
    expect(() => validateConfig({ ...DEFAULT_CONFIG, workstationCidrs: ['10.0.0.300/16'] })).toThrow(/not an IPv4 CIDR/);
    expect(() => validateConfig({ ...DEFAULT_CONFIG, backupRetentionDays: 3 })).toThrow(/backupRetentionDays/);
    expect(() => validateConfig({ ...DEFAULT_CONFIG, reportsPrefix: 'reports' })).toThrow(/reportsPrefix/);
  });
  it('deploys only the workers whose handler exists, with a synth warning for the others', () => {
    expect(presentWorkers('/nonexistent-checkout')).toEqual([]);
    expect(presentWorkers().map((w) => w.id)).toEqual(WORKERS.map((w) => w.id));
  });
});

describe('cdk-nag AwsSolutions', () => {
  const covers = (a: { path: string; id: string }, f: { rule: string; path: string }): boolean => a.id === f.rule && (f.path === a.path || f.path.startsWith(`${a.path}/`));
  it('finds nothing that is not acknowledged on its own construct', () => {
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => !acknowledged.some((a) => covers(a, f)))).toEqual([]);
  });
  it('acknowledges nothing that is not found (no stale suppressions)', () => {
    expect(acknowledged.filter((a) => !findings.some((f) => covers(a, f))).map((a) => `${a.id} ${a.path}`)).toEqual([]);
  });
  it('fails the synth on an unacknowledged finding', () => {
    const b = buildStack({ bundleDir, bundle, outdir: `${dir.path}/nag` });
    Validations.of(b.app).addPlugins(new AwsSolutionsChecks(b.app));
    // A world-readable bucket nobody acknowledged: the synth must stop.
    new s3.Bucket(b.stack, 'Careless', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
    expect(() => b.app.synth()).toThrow(/AwsSolutions-S2[\s\S]*Careless|Careless[\s\S]*AwsSolutions-S2/);
  }, 120_000);
  it('every acknowledgement names its finding and gives a reason', () => {
    expect(acknowledged.length).toBeGreaterThan(10);
    for (const a of acknowledged) {
      expect(a.id, a.path).toMatch(/^AwsSolutions::AwsSolutions-[A-Z0-9]+(\[.+\])?$/);
      expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThan(40);
    }
    // Printed so the review sees the full list (also in docs/deploy.md).
    console.log(acknowledged.map((a) => `${a.id.replace('AwsSolutions::', '')}  ${a.path}\n    ${a.reason}`).join('\n'));
  });
});

describe('one list of application metrics', () => {
  const appNames = (pairs: [string, string][]): string[] => [...new Set(pairs.filter(([ns]) => ns === CLOUD_METRICS_NAMESPACE).map(([, m]) => m))].sort();
  it('the dashboard graphs exactly the metrics in shared/cloud-metrics.ts', () => {
    expect(appNames(dashboardMetrics(full))).toEqual(
      Object.values(CLOUD_METRICS)
        .map((m) => m.name)
        .sort(),
    );
  });
  it('alarms watch only metrics from that list', () => {
    const names = appNames(alarmMetrics(full));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(Object.values(CLOUD_METRICS).map((m) => m.name)).toContain(n);
  });
  it('every emitter in the list is a deployed worker, and every worker emits something', () => {
    const emitters = new Set(Object.values(CLOUD_METRICS).map((m) => m.emittedBy));
    for (const w of WORKERS) expect(emitters.has(w.emitter)).toBe(true);
    for (const e of emitters) expect(WORKERS.map((w) => w.emitter)).toContain(e as CloudMetricEmitter);
    for (const w of WORKERS) expect(cloudMetricNamesOf(w.emitter).length).toBeGreaterThan(0);
  });
});
