// The CDK app: `npm run infra:synth` writes CloudFormation templates to infra/cdk.out/ offline (no
// AWS account needed); `npm run infra:deploy` deploys with the CDK CLI. Context (-c key=value or
// infra/cdk.json) sets the deployment's choices: see infra/lib/config.ts and docs/deploy.md.
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CloudBankStack } from '../lib/cloudbank-stack';
import { configFromContext } from '../lib/config';
import { REPO_ROOT } from '../lib/workers';

/** `-c key=value` / `--context key=value` when run directly (npm run infra:synth -- -c multiAz=false); the CDK CLI passes its own. */
function contextArgs(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '-c' && argv[i] !== '--context') continue;
    const [key, ...value] = (argv[++i] ?? '').split('=');
    if (!key || value.length === 0) throw new Error(`Context must be key=value, got "${argv[i] ?? ''}"`);
    out[key] = value.join('=');
  }
  return out;
}

const outdir = process.env.CDK_OUTDIR ?? join(REPO_ROOT, 'infra', 'cdk.out');
const app = new App({ outdir, context: contextArgs(process.argv.slice(2)) });
const config = configFromContext((k) => app.node.tryGetContext(k));
new CloudBankStack(app, `CloudBank-${config.environmentName}`, {
  config,
  bundleDir: join(outdir, '.bundles'),
  // Account and region come from the deploying credentials; synth needs neither.
  env: process.env.CDK_DEFAULT_ACCOUNT ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } : undefined,
  description: 'CloudBank Analytics: RDS for MySQL, reports bucket, Lambda workers, IAM with MFA, CloudWatch',
});
// Every AwsSolutions finding fails the synth unless acknowledged next to its resource, with the reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
