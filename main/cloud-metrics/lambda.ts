import { openWorkerBanks, type IamTokenProvider } from '../connections';
import { bankActivity, type BankActivity } from './bank-activity';
import { emitCloudMetrics, type EmitOptions } from './emit';

export interface MetricsJobDeps {
  env?: Record<string, string | undefined>;
  iam?: IamTokenProvider;
  now?: () => number;
  write?: EmitOptions['write'];
}

/**
 * The metrics job (EventBridge, every 5 minutes): reads the bank through the reader endpoint and
 * publishes active users, transactions processed and the alert backlog as EMF metrics for the
 * CloudWatch dashboard and the backlog alarm. It writes nothing to the bank.
 */
export function createMetricsJobHandler(deps: MetricsJobDeps = {}): () => Promise<BankActivity> {
  return async () => {
    const env = deps.env ?? process.env;
    const banks = openWorkerBanks(env, deps.iam);
    try {
      const now = (deps.now ?? Date.now)();
      const activity = await bankActivity(banks.reader, now);
      const { bankDay, ...values } = activity;
      emitCloudMetrics(values, { env, write: deps.write, now: () => now, properties: { worker: 'metrics-job', bankDay } });
      return activity;
    } finally {
      await banks.close();
    }
  };
}

/** AWS Lambda entry point (bundled by infra/). */
export const handler = createMetricsJobHandler();
