import { App } from 'aws-cdk-lib';
import { CloudBankStack } from './cloudbank-stack';
import { DEFAULT_CONFIG, validateConfig, type DeploymentConfig } from './config';
import type { WorkerSpec } from './workers';

/**
 * One stack in a fresh App, for tests and the findings report: no nag plugin attached (callers run
 * AwsSolutionsChecks.validateScope themselves), nothing written until they synthesise.
 */
export function buildStack(opts: {
  config?: Partial<DeploymentConfig>;
  bundleDir: string;
  outdir: string;
  workers?: readonly WorkerSpec[];
  bundle?: (w: WorkerSpec, outRoot: string) => string;
}): { app: App; stack: CloudBankStack } {
  const app = new App({ outdir: opts.outdir });
  const config = validateConfig({ ...DEFAULT_CONFIG, ...opts.config });
  const stack = new CloudBankStack(app, `CloudBank-${config.environmentName}`, {
    config,
    bundleDir: opts.bundleDir,
    ...(opts.workers ? { workers: opts.workers } : {}),
    ...(opts.bundle ? { bundle: opts.bundle } : {}),
  });
  return { app, stack };
}
