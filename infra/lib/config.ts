/**
 * What a platform team chooses per deployment. Everything else (encryption, TLS, IAM auth, MFA,
 * logging) is not an option: the stack always has it, and infra tests fail without it.
 */
export interface DeploymentConfig {
  /** Names the deployment: resource names, the EMF Environment dimension, the dashboard. */
  environmentName: string;
  /** The bank schema (database) the workstation and the workers use. */
  databaseName: string;
  /** A standby in a second Availability Zone (synchronous, automatic failover). */
  multiAz: boolean;
  /** A read replica: the workstations' reader endpoint and the read-only workers. */
  readReplica: boolean;
  /** e.g. r6g.large; burstable classes are for test deployments only. */
  instanceType: string;
  allocatedStorageGb: number;
  maxAllocatedStorageGb: number;
  backupRetentionDays: number;
  /** Networks (the bank's offices or VPN, as CIDR) whose workstations may reach MySQL on 3306. */
  workstationCidrs: string[];
  /** Where reports live in the bucket; workstations may touch nothing else. */
  reportsPrefix: string;
  /** Receives alarm notifications (optional; subscribe more endpoints to the topic later). */
  alarmEmail: string | null;
  /** Nightly scan time, UTC hour (EventBridge cron). */
  nightlyScanHourUtc: number;
}

export const DEFAULT_CONFIG: DeploymentConfig = {
  environmentName: 'production',
  databaseName: 'cloudbank',
  multiAz: true,
  readReplica: true,
  instanceType: 'r6g.large',
  allocatedStorageGb: 100,
  maxAllocatedStorageGb: 1000,
  backupRetentionDays: 14,
  workstationCidrs: [],
  reportsPrefix: 'reports/',
  alarmEmail: null,
  nightlyScanHourUtc: 1,
};

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Checks a configuration and says what to fix; synth stops on the first mistake rather than deploying it. */
export function validateConfig(c: DeploymentConfig): DeploymentConfig {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(c.environmentName)) problems.push('environmentName: lower-case letters, digits and dashes, 2–31 characters');
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(c.databaseName)) problems.push('databaseName: a letter, then letters, digits or _ (at most 64)');
  if (!/^[a-z0-9]+\.[a-z0-9]+$/.test(c.instanceType)) problems.push('instanceType: e.g. r6g.large');
  if (!(c.allocatedStorageGb >= 20 && c.allocatedStorageGb <= c.maxAllocatedStorageGb && c.maxAllocatedStorageGb <= 65536))
    problems.push('storage: 20 GB ≤ allocatedStorageGb ≤ maxAllocatedStorageGb ≤ 65536 GB');
  if (!(Number.isInteger(c.backupRetentionDays) && c.backupRetentionDays >= 7 && c.backupRetentionDays <= 35))
    problems.push('backupRetentionDays: 7 to 35 (a bank keeps at least a week of point-in-time recovery)');
  for (const cidr of c.workstationCidrs) {
    const m = CIDR.exec(cidr);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) problems.push(`workstationCidrs: "${cidr}" is not an IPv4 CIDR`);
    else if (Number(m[5]) < 8) problems.push(`workstationCidrs: "${cidr}" opens the database to too much of the internet (prefix shorter than /8)`);
  }
  if (!/^([A-Za-z0-9_.-]+\/)+$/.test(c.reportsPrefix)) problems.push('reportsPrefix: folder names ending in "/", e.g. reports/');
  if (c.alarmEmail !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.alarmEmail)) problems.push('alarmEmail: an e-mail address');
  if (!(Number.isInteger(c.nightlyScanHourUtc) && c.nightlyScanHourUtc >= 0 && c.nightlyScanHourUtc <= 23)) problems.push('nightlyScanHourUtc: 0 to 23');
  if (problems.length) throw new Error(`Invalid deployment configuration:\n  ${problems.join('\n  ')}`);
  return c;
}

/** Reads cdk context (-c key=value or cdk.json) over the defaults. */
export function configFromContext(get: (key: string) => unknown): DeploymentConfig {
  const str = (k: keyof DeploymentConfig): string | undefined => {
    const v = get(k);
    return v === undefined || v === null ? undefined : String(v);
  };
  const bool = (k: keyof DeploymentConfig, d: boolean): boolean => {
    const v = str(k);
    return v === undefined ? d : v === 'true';
  };
  const num = (k: keyof DeploymentConfig, d: number): number => {
    const v = str(k);
    return v === undefined ? d : Number(v);
  };
  const d = DEFAULT_CONFIG;
  const cidrs = str('workstationCidrs');
  return validateConfig({
    environmentName: str('environmentName') ?? d.environmentName,
    databaseName: str('databaseName') ?? d.databaseName,
    multiAz: bool('multiAz', d.multiAz),
    readReplica: bool('readReplica', d.readReplica),
    instanceType: str('instanceType') ?? d.instanceType,
    allocatedStorageGb: num('allocatedStorageGb', d.allocatedStorageGb),
    maxAllocatedStorageGb: num('maxAllocatedStorageGb', d.maxAllocatedStorageGb),
    backupRetentionDays: num('backupRetentionDays', d.backupRetentionDays),
    workstationCidrs: cidrs
      ? cidrs
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : d.workstationCidrs,
    reportsPrefix: str('reportsPrefix') ?? d.reportsPrefix,
    alarmEmail: str('alarmEmail') ?? d.alarmEmail,
    nightlyScanHourUtc: num('nightlyScanHourUtc', d.nightlyScanHourUtc),
  });
}
