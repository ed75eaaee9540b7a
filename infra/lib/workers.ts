import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudMetricEmitter } from '../../shared/cloud-metrics';
import type { DbUserKey } from '../sql/db-users';

/** The repository root (infra/ sits in it). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface WorkerSpec {
  /** Construct id and the bundle's folder name. */
  id: 'FraudScan' | 'ReportWorker' | 'MetricsJob';
  /** The handler module in the desktop's code, relative to the repository root; it exports `handler`. */
  entry: string;
  /** Which metrics of shared/cloud-metrics.ts it publishes. */
  emitter: CloudMetricEmitter;
  /** The database user it signs IAM tokens for (infra/sql/db-users.ts). */
  dbUser: DbUserKey;
  /** Reads go to the reader endpoint when there is a replica; the scan writes, so it uses the writer. */
  endpoint: 'writer' | 'reader';
  description: string;
  memoryMb: number;
  timeoutMinutes: number;
  /** Writes report files under the reports prefix of the bucket. */
  writesReports: boolean;
  /**
   * Files a bundled module reads at run time, copied beside the bundle (repository path → bundle
   * path), and `imports` for the bundle's package.json (Node resolves "#name" requires through it).
   */
  assets?: { from: string; to: string }[];
  packageImports?: Record<string, string>;
}

export const WORKERS: readonly WorkerSpec[] = [
  {
    id: 'FraudScan',
    entry: 'main/fraud/lambda.ts',
    emitter: 'fraud-scan',
    dbUser: 'fraudScan',
    endpoint: 'writer',
    description: 'Overnight fraud scan (main/fraud scanBank) over the RDS bank',
    memoryMb: 1024,
    timeoutMinutes: 15,
    writesReports: false,
  },
  {
    id: 'ReportWorker',
    entry: 'main/reports/lambda.ts',
    emitter: 'report-worker',
    dbUser: 'reports',
    endpoint: 'reader',
    description: 'Report worker: board packs from catalog metrics, stored in the reports bucket',
    memoryMb: 1536,
    timeoutMinutes: 10,
    writesReports: true,
    assets: [
      // pdfkit loads its standard fonts with require('#standard-fonts/…') at run time.
      { from: 'node_modules/pdfkit/js/standard-fonts', to: 'standard-fonts' },
      // …and its colour profile (PDF/A) from ./data next to itself.
      { from: 'node_modules/pdfkit/js/data', to: 'data' },
      // main/reports/pdf.ts resolves DejaVu (accented names) with require.resolve from its own folder.
      { from: 'node_modules/dejavu-fonts-ttf/package.json', to: 'node_modules/dejavu-fonts-ttf/package.json' },
      { from: 'node_modules/dejavu-fonts-ttf/ttf', to: 'node_modules/dejavu-fonts-ttf/ttf' },
    ],
    packageImports: { '#standard-fonts/*': './standard-fonts/*.cjs' },
  },
  {
    id: 'MetricsJob',
    entry: 'main/cloud-metrics/lambda.ts',
    emitter: 'metrics-job',
    dbUser: 'metrics',
    endpoint: 'reader',
    description: 'Metrics job: active users, transactions processed and the alert queue as CloudWatch metrics',
    memoryMb: 512,
    timeoutMinutes: 2,
    writesReports: false,
  },
];

/**
 * Workers whose handler exists in this checkout. The report worker's handler is written by the
 * report builder's work (issue 11); until it lands the stack deploys the other two and says so
 * in a synth warning, and picks the report worker up as soon as main/reports/lambda.ts exists.
 */
export function presentWorkers(root = REPO_ROOT): WorkerSpec[] {
  return WORKERS.filter((w) => existsSync(join(root, w.entry)));
}
