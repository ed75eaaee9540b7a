import { z } from 'zod';
import { openMysqlBank, type Bank } from '../source';
import type { IamTokenProvider } from './iam';
import { describeUrl, mysqlPoolOptions, type ConnectionSettings } from './pool-options';
import { rdsIamTokenProvider } from '../rds-iam';

/**
 * How an AWS worker (the Lambdas in infra/) finds the bank: environment variables the stack sets.
 * IAM database authentication over verified TLS; there is no password to leak, rotate or log.
 * CLOUDBANK_MYSQL_URL (a password in a URL) remains for running a handler by hand against a
 * development database.
 */
export const WORKER_DB_ENV = {
  host: 'CLOUDBANK_DB_HOST',
  port: 'CLOUDBANK_DB_PORT',
  database: 'CLOUDBANK_DB_NAME',
  user: 'CLOUDBANK_DB_USER',
  readerHost: 'CLOUDBANK_DB_READER_HOST',
  caFile: 'CLOUDBANK_DB_CA_FILE',
  region: 'AWS_REGION',
  url: 'CLOUDBANK_MYSQL_URL',
} as const;

const workerEnvSchema = z.object({
  host: z.string().trim().min(1).max(255),
  port: z.coerce.number().int().min(1).max(65535).default(3306),
  database: z.string().regex(/^[A-Za-z0-9_$-]{1,64}$/, 'a MySQL database name'),
  user: z.string().trim().min(1).max(80),
  readerHost: z.string().trim().min(1).max(255).optional(),
  caFile: z.string().startsWith('/', 'an absolute path').optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region code such as eu-west-1'),
});

export interface WorkerBanks {
  /** Writes (alerts, audit) go here. */
  writer: Bank;
  /** Reads that may lag a little (metrics, reports): the reader endpoint when the stack has a replica. */
  reader: Bank;
  describe: string;
  close(): Promise<void>;
}

/** The connection settings the environment describes, or a message naming what to set. */
export function workerSettingsFromEnv(env: Record<string, string | undefined>): ConnectionSettings {
  const raw = Object.fromEntries(Object.entries(WORKER_DB_ENV).map(([k, name]) => [k, env[name] || undefined]));
  const parsed = workerEnvSchema.safeParse(raw);
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${WORKER_DB_ENV[String(i.path[0]) as keyof typeof WORKER_DB_ENV] ?? String(i.path[0])} (${i.message})`);
    throw new Error(`The worker's database settings are incomplete or invalid: ${what.join(', ')}. The infra stack sets them; by hand, set ${WORKER_DB_ENV.url} instead.`);
  }
  const e = parsed.data;
  return {
    host: e.host,
    port: e.port,
    database: e.database,
    user: e.user,
    auth: 'iam',
    awsRegion: e.region,
    tls: e.caFile ? { mode: 'verify-custom', caFile: e.caFile } : { mode: 'verify-rds', caFile: undefined },
    readerHost: e.readerHost,
    readerPort: undefined,
    // A Lambda instance handles one event at a time: a second connection only for parallel reads.
    poolSize: 2,
  };
}

/**
 * Opens the bank for a worker: IAM tokens from `iam` (default: the AWS credential chain, i.e. the
 * Lambda's execution role) when CLOUDBANK_DB_HOST is set, else CLOUDBANK_MYSQL_URL.
 */
export function openWorkerBanks(env: Record<string, string | undefined>, iam: IamTokenProvider = rdsIamTokenProvider()): WorkerBanks {
  if (!env[WORKER_DB_ENV.host] && env[WORKER_DB_ENV.url]) {
    const bank = openMysqlBank(env[WORKER_DB_ENV.url] ?? '', 2);
    return { writer: bank, reader: bank, describe: bank.describe, close: () => bank.close() };
  }
  const s = workerSettingsFromEnv(env);
  const credential = { kind: 'iam' as const, provider: iam };
  const writer = openMysqlBank(describeUrl(s, 'writer'), s.poolSize, mysqlPoolOptions(s, credential, { role: 'writer' }));
  const reader = s.readerHost ? openMysqlBank(describeUrl(s, 'reader'), s.poolSize, mysqlPoolOptions(s, credential, { role: 'reader' })) : writer;
  return {
    writer,
    reader,
    describe: writer.describe,
    async close() {
      await writer.close();
      if (reader !== writer) await reader.close();
    },
  };
}
