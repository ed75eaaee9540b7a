// Prints every cdk-nag AwsSolutions finding of the stack with its acknowledgement (markdown table),
// for the security review and docs/deploy.md: npm run infra:nag. Exits 1 if one is unacknowledged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildStack } from '../lib/build';

const dir = mkdtempSync(join(tmpdir(), 'cloudbank-nag-'));
try {
  const { app, stack } = buildStack({ bundleDir: join(dir, 'bundles'), outdir: join(dir, 'out') });
  const findings = new AwsSolutionsChecks(app)
    .validateScope(stack)
    .violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: `AwsSolutions::${v.ruleName}`, path: r.constructPath ?? '' })));
  const acks = stack.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
    );
  const rows = new Map<string, { rule: string; paths: Set<string>; reason: string }>();
  let open = 0;
  for (const f of findings) {
    const ack = acks.find((a) => a.id === f.rule && (f.path === a.path || f.path.startsWith(`${a.path}/`)));
    if (!ack) open++;
    const rule = f.rule.replace('AwsSolutions::', '');
    const key = `${rule}\n${ack?.reason ?? 'NOT ACKNOWLEDGED'}`;
    const row = rows.get(key) ?? { rule, paths: new Set<string>(), reason: ack?.reason ?? '**not acknowledged**' };
    row.paths.add(f.path.replace(`${stack.stackName}/`, '').replace(/\/Resource$/, ''));
    rows.set(key, row);
  }
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  process.stdout.write('| Finding | Where | Why it is accepted |\n|---|---|---|\n');
  for (const r of rows.values()) process.stdout.write(`| ${esc(r.rule)} | ${esc([...r.paths].join(', '))} | ${esc(r.reason)} |\n`);
  process.stdout.write(`\n${findings.length} findings, ${open} not acknowledged.\n`);
  process.exitCode = open > 0 ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
