import { Match, Template } from 'aws-cdk-lib/assertions';
import { CLOUD_METRICS } from '../../shared/cloud-metrics';
import { DB_USERS } from '../../infra/sql/db-users';

/**
 * The security properties of the CloudBank stack, each as a check over the synthesised template and
 * a way to switch that one property off in a copy of the template. The suite asserts every check
 * passes on the real stack AND fails on the copy with its property off, so no check can pass
 * vacuously and removing a property from the stack fails a test.
 */

export type TemplateJson = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>; [k: string]: unknown };

export interface SecurityCheck {
  name: string;
  check(t: TemplateJson): void;
  disable(t: TemplateJson): void;
}

type Resource = TemplateJson['Resources'][string];

export function resourcesOf(t: TemplateJson, type: string): [string, Resource][] {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type);
}

function props(r: Resource): Record<string, unknown> {
  return (r.Properties ??= {});
}

function first(t: TemplateJson, type: string, where: (id: string, r: Resource) => boolean = () => true): [string, Resource] {
  const found = resourcesOf(t, type).find(([id, r]) => where(id, r));
  if (!found) throw new Error(`No ${type} in the template`);
  return found;
}

function fail(message: string): never {
  throw new Error(message);
}

const json = (v: unknown): string => JSON.stringify(v);
const refTo = (id: string): RegExp => new RegExp(`"(Ref|Fn::GetAtt)":(\\["|")${id}[",]`);

/** Logical ids of the worker functions (FraudScan, ReportWorker, MetricsJob), not CDK's helper functions. */
export function workerFunctions(t: TemplateJson): [string, Resource][] {
  return resourcesOf(t, 'AWS::Lambda::Function').filter(([id]) => /^(FraudScan|ReportWorker|MetricsJob)[0-9A-F]{8}$/.test(id));
}

const isReportsBucket = (id: string): boolean => id.startsWith('StorageReports');
const isDbSg = (id: string): boolean => id.startsWith('DatabaseSg');
const isWorkerSg = (id: string): boolean => /^Network(FraudScan|ReportWorker|MetricsJob)Sg/.test(id);

function policyStatements(
  t: TemplateJson,
  type: 'AWS::IAM::Policy' | 'AWS::IAM::ManagedPolicy',
  where: (id: string, r: Resource) => boolean,
): { Effect: string; Action: unknown; Resource: unknown; Condition?: unknown; NotAction?: unknown }[] {
  return resourcesOf(t, type)
    .filter(([id, r]) => where(id, r))
    .flatMap(([, r]) => ((props(r).PolicyDocument as { Statement: [] } | undefined)?.Statement ?? []) as { Effect: string; Action: unknown; Resource: unknown }[]);
}

const actionsOf = (s: { Action?: unknown }): string[] => (Array.isArray(s.Action) ? (s.Action as string[]) : s.Action ? [s.Action as string] : []);

/** The dashboard body with CloudFormation tokens replaced by placeholders, parsed. */
export function dashboardBody(t: TemplateJson): { widgets: { properties: { metrics?: unknown[][]; alarms?: unknown[]; title?: string } }[] } {
  const [, d] = first(t, 'AWS::CloudWatch::Dashboard');
  const body = props(d).DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'TOKEN')).join('');
  return JSON.parse(text) as ReturnType<typeof dashboardBody>;
}

/** [namespace, metric name] of every metric graphed on the dashboard. */
export function dashboardMetrics(t: TemplateJson): [string, string][] {
  const out: [string, string][] = [];
  for (const w of dashboardBody(t).widgets) {
    let namespace = '';
    let name = '';
    for (const m of w.properties.metrics ?? []) {
      // CloudWatch's compact form: "." repeats the previous row's namespace or name.
      namespace = m[0] === '.' ? namespace : String(m[0]);
      name = m[1] === '.' ? name : String(m[1]);
      out.push([namespace, name]);
    }
  }
  return out;
}

export function alarmMetrics(t: TemplateJson): [string, string][] {
  return resourcesOf(t, 'AWS::CloudWatch::Alarm').flatMap(([, a]): [string, string][] => {
    const p = props(a);
    if (p.MetricName) return [[String(p.Namespace), String(p.MetricName)]];
    // A labelled metric is written in the Metrics form.
    return ((p.Metrics as { MetricStat?: { Metric: { Namespace: string; MetricName: string } } }[] | undefined) ?? []).flatMap((m): [string, string][] =>
      m.MetricStat ? [[m.MetricStat.Metric.Namespace, m.MetricStat.Metric.MetricName]] : [],
    );
  });
}

export const SECURITY_CHECKS: SecurityCheck[] = [
  {
    name: 'RDS storage is encrypted with the stack KMS key, which rotates',
    check(t) {
      const tpl = Template.fromJSON(t);
      const [keyId] = first(t, 'AWS::KMS::Key');
      tpl.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance')) {
        if (props(db).StorageEncrypted !== true) fail(`${id}: StorageEncrypted is not true`);
        if (!refTo(keyId).test(json(props(db).KmsKeyId))) fail(`${id}: storage is not encrypted with the stack key`);
      }
    },
    disable(t) {
      props(first(t, 'AWS::RDS::DBInstance')[1]).StorageEncrypted = false;
    },
  },
  {
    name: 'KMS key rotation is on',
    check(t) {
      for (const [id, k] of resourcesOf(t, 'AWS::KMS::Key')) if (props(k).EnableKeyRotation !== true) fail(`${id}: key rotation off`);
    },
    disable(t) {
      props(first(t, 'AWS::KMS::Key')[1]).EnableKeyRotation = false;
    },
  },
  {
    name: 'MySQL requires TLS (parameter group require_secure_transport=ON on every instance)',
    check(t) {
      Template.fromJSON(t).hasResourceProperties('AWS::RDS::DBParameterGroup', {
        Parameters: Match.objectLike({ require_secure_transport: 'ON', tls_version: 'TLSv1.2,TLSv1.3' }),
      });
      const [pgId] = first(t, 'AWS::RDS::DBParameterGroup', (_, r) => (props(r).Parameters as Record<string, string>).require_secure_transport === 'ON');
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance'))
        if (!refTo(pgId).test(json(props(db).DBParameterGroupName))) fail(`${id} does not use the TLS parameter group`);
    },
    disable(t) {
      (props(first(t, 'AWS::RDS::DBParameterGroup')[1]).Parameters as Record<string, string>).require_secure_transport = 'OFF';
    },
  },
  {
    name: 'IAM database authentication is on for the primary and the replica',
    check(t) {
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance')) if (props(db).EnableIAMDatabaseAuthentication !== true) fail(`${id}: IAM database authentication off`);
    },
    disable(t) {
      props(first(t, 'AWS::RDS::DBInstance')[1]).EnableIAMDatabaseAuthentication = false;
    },
  },
  {
    name: 'Master credentials are generated into a KMS-encrypted Secrets Manager secret rotated every 30 days',
    check(t) {
      const [secretId, secret] = first(t, 'AWS::SecretsManager::Secret');
      if (!props(secret).GenerateSecretString) fail('the master password is not generated');
      if (!props(secret).KmsKeyId) fail('the secret is not encrypted with the stack key');
      const [, attachment] = first(t, 'AWS::SecretsManager::SecretTargetAttachment');
      if (!refTo(secretId).test(json(props(attachment).SecretId))) fail('the secret is not attached to the instance');
      Template.fromJSON(t).hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
      const [, primary] = first(t, 'AWS::RDS::DBInstance', (_, r) => !props(r).SourceDBInstanceIdentifier);
      if (!json(props(primary).MasterUserPassword).includes(secretId)) fail('the instance password does not come from the secret');
    },
    disable(t) {
      const [id] = first(t, 'AWS::SecretsManager::RotationSchedule');
      delete t.Resources[id];
    },
  },
  {
    name: 'Automated backups are kept at least 7 days (14 by default)',
    check(t) {
      const [, db] = first(t, 'AWS::RDS::DBInstance', (_, r) => !props(r).SourceDBInstanceIdentifier);
      if (!(Number(props(db).BackupRetentionPeriod) >= 7)) fail(`backup retention ${String(props(db).BackupRetentionPeriod)} days`);
    },
    disable(t) {
      props(first(t, 'AWS::RDS::DBInstance')[1]).BackupRetentionPeriod = 1;
    },
  },
  {
    name: 'Deletion protection is on (and a snapshot is taken if the stack deletes the primary)',
    check(t) {
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance')) if (props(db).DeletionProtection !== true) fail(`${id}: deletion protection off`);
      const [, primary] = first(t, 'AWS::RDS::DBInstance', (_, r) => !props(r).SourceDBInstanceIdentifier);
      if (primary.DeletionPolicy !== 'Snapshot') fail('the primary is not snapshotted on delete');
    },
    disable(t) {
      props(first(t, 'AWS::RDS::DBInstance')[1]).DeletionProtection = false;
    },
  },
  {
    name: 'The database is private: not publicly accessible, in subnets with no internet path',
    check(t) {
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance')) if (props(db).PubliclyAccessible !== false) fail(`${id}: publicly accessible`);
      for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::EgressOnlyInternetGateway']) {
        if (resourcesOf(t, type).length) fail(`the VPC has an internet path (${type})`);
      }
    },
    disable(t) {
      t.Resources.AddedIgw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
    },
  },
  {
    name: 'Database security group admits only MySQL from the workers, rotation and configured workstation networks',
    check(t) {
      const [sgId, sg] = first(t, 'AWS::EC2::SecurityGroup', (id) => isDbSg(id));
      const inline = (props(sg).SecurityGroupIngress as { CidrIp?: string; FromPort: number; ToPort: number }[] | undefined) ?? [];
      const separate = resourcesOf(t, 'AWS::EC2::SecurityGroupIngress')
        .filter(([, r]) => refTo(sgId).test(json(props(r).GroupId)))
        .map(([, r]) => props(r) as { CidrIp?: string; SourceSecurityGroupId?: unknown; FromPort: number; ToPort: number });
      const rules = [...inline, ...separate];
      if (rules.length === 0) fail('nothing may reach the database');
      // The rotation construct names the port as the instance's own endpoint port, which is 3306.
      const [primaryId, primary] = first(t, 'AWS::RDS::DBInstance', (_, r) => !props(r).SourceDBInstanceIdentifier);
      if (String(props(primary).Port) !== '3306') fail(`MySQL listens on ${String(props(primary).Port)}`);
      const mysqlPort = (p: unknown): boolean => p === 3306 || json(p) === json({ 'Fn::GetAtt': [primaryId, 'Endpoint.Port'] });
      for (const r of rules) {
        if (!mysqlPort(r.FromPort) || !mysqlPort(r.ToPort)) fail(`database ingress on ports ${json(r.FromPort)}-${json(r.ToPort)}`);
        if (r.CidrIp === '0.0.0.0/0' || (r.CidrIp && Number(r.CidrIp.split('/')[1]) < 8)) fail(`database open to ${r.CidrIp}`);
      }
      if (props(sg).SecurityGroupEgress === undefined || json(props(sg).SecurityGroupEgress).includes('0.0.0.0/0')) fail('the database may send anywhere');
    },
    disable(t) {
      const [, sg] = first(t, 'AWS::EC2::SecurityGroup', (id) => isDbSg(id));
      props(sg).SecurityGroupIngress = [{ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306 }];
    },
  },
  {
    name: 'Worker security groups: no inbound; outbound only MySQL to the database (and HTTPS for the report worker)',
    check(t) {
      const groups = resourcesOf(t, 'AWS::EC2::SecurityGroup').filter(([id]) => isWorkerSg(id));
      if (groups.length < 2) fail('expected one security group per worker');
      const [dbSgId] = first(t, 'AWS::EC2::SecurityGroup', (id) => isDbSg(id));
      for (const [id, sg] of groups) {
        if (props(sg).SecurityGroupIngress) fail(`${id} admits inbound traffic`);
        if (resourcesOf(t, 'AWS::EC2::SecurityGroupIngress').some(([, r]) => refTo(id).test(json(props(r).GroupId)))) fail(`${id} admits inbound traffic`);
        const egress = [
          ...((props(sg).SecurityGroupEgress as Record<string, unknown>[] | undefined) ?? []),
          ...resourcesOf(t, 'AWS::EC2::SecurityGroupEgress')
            .filter(([, r]) => refTo(id).test(json(props(r).GroupId)))
            .map(([, r]) => props(r)),
        ];
        for (const e of egress) {
          const toDb = e.FromPort === 3306 && e.ToPort === 3306 && refTo(dbSgId).test(json(e.DestinationSecurityGroupId));
          const https = e.FromPort === 443 && e.ToPort === 443 && id.startsWith('NetworkReportWorkerSg');
          // CDK's "disallow all" placeholder rule: 255.255.255.255/32 ICMP 252-86.
          const placeholder = e.CidrIp === '255.255.255.255/32';
          if (!toDb && !https && !placeholder) fail(`${id} may send ${json(e)}`);
        }
      }
    },
    disable(t) {
      const [, sg] = first(t, 'AWS::EC2::SecurityGroup', (id) => isWorkerSg(id));
      props(sg).SecurityGroupEgress = [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }];
    },
  },
  {
    name: 'VPC flow logs record all traffic',
    check(t) {
      Template.fromJSON(t).hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', ResourceType: 'VPC' });
    },
    disable(t) {
      for (const [id] of resourcesOf(t, 'AWS::EC2::FlowLog')) delete t.Resources[id];
    },
  },
  {
    name: 'Reports bucket blocks all public access',
    check(t) {
      for (const [id, b] of resourcesOf(t, 'AWS::S3::Bucket')) {
        const c = props(b).PublicAccessBlockConfiguration as Record<string, boolean> | undefined;
        if (!c || !c.BlockPublicAcls || !c.BlockPublicPolicy || !c.IgnorePublicAcls || !c.RestrictPublicBuckets) fail(`${id}: public access not fully blocked`);
      }
    },
    disable(t) {
      (props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).PublicAccessBlockConfiguration as Record<string, boolean>).BlockPublicPolicy = false;
    },
  },
  {
    name: 'Reports bucket policy refuses requests without TLS',
    check(t) {
      for (const [bucketId] of resourcesOf(t, 'AWS::S3::Bucket')) {
        const policy = resourcesOf(t, 'AWS::S3::BucketPolicy').find(([, p]) => refTo(bucketId).test(json(props(p).Bucket)));
        const statements =
          (props(policy?.[1] ?? ({} as Resource)).PolicyDocument as { Statement: { Effect: string; Condition?: { Bool?: Record<string, string> } }[] } | undefined)?.Statement ??
          [];
        if (!statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')) fail(`${bucketId} accepts plain HTTP`);
      }
    },
    disable(t) {
      const [, p] = first(t, 'AWS::S3::BucketPolicy', (_, r) => json(props(r).Bucket).includes('StorageReports'));
      const doc = props(p).PolicyDocument as { Statement: { Condition?: unknown }[] };
      doc.Statement = doc.Statement.filter((s) => !json(s.Condition).includes('aws:SecureTransport'));
    },
  },
  {
    name: 'Reports bucket is versioned',
    check(t) {
      for (const [id, b] of resourcesOf(t, 'AWS::S3::Bucket')) if (json(props(b).VersioningConfiguration) !== json({ Status: 'Enabled' })) fail(`${id} is not versioned`);
    },
    disable(t) {
      props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).VersioningConfiguration = { Status: 'Suspended' };
    },
  },
  {
    name: 'Reports bucket encrypts with the stack KMS key',
    check(t) {
      const [keyId] = first(t, 'AWS::KMS::Key');
      const [, b] = first(t, 'AWS::S3::Bucket', isReportsBucket);
      const rule = (props(b).BucketEncryption as { ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID?: unknown } }[] })
        .ServerSideEncryptionConfiguration[0];
      if (rule?.ServerSideEncryptionByDefault.SSEAlgorithm !== 'aws:kms' || !refTo(keyId).test(json(rule.ServerSideEncryptionByDefault.KMSMasterKeyID)))
        fail('reports are not encrypted with the stack key');
    },
    disable(t) {
      props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).BucketEncryption = {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      };
    },
  },
  {
    name: 'Reports bucket has lifecycle rules (reports age to cheaper classes and expire; incomplete uploads are aborted)',
    check(t) {
      const [, b] = first(t, 'AWS::S3::Bucket', isReportsBucket);
      const rules = (props(b).LifecycleConfiguration as { Rules?: Record<string, unknown>[] } | undefined)?.Rules ?? [];
      if (!rules.some((r) => r.Prefix === 'reports/' && Array.isArray(r.Transitions) && r.ExpirationInDays && r.NoncurrentVersionExpiration)) fail('no lifecycle for reports/');
      if (!rules.some((r) => r.AbortIncompleteMultipartUpload)) fail('incomplete uploads are kept');
    },
    disable(t) {
      delete props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).LifecycleConfiguration;
    },
  },
  {
    name: 'Reports bucket access is logged to the access-log bucket',
    check(t) {
      const [logsId] = first(t, 'AWS::S3::Bucket', (id) => id.startsWith('StorageAccessLogs'));
      const [, b] = first(t, 'AWS::S3::Bucket', isReportsBucket);
      if (!refTo(logsId).test(json((props(b).LoggingConfiguration as { DestinationBucketName?: unknown } | undefined)?.DestinationBucketName)))
        fail('reports bucket access is not logged');
    },
    disable(t) {
      delete props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).LoggingConfiguration;
    },
  },
  {
    name: 'Workers run in the VPC’s isolated subnets',
    check(t) {
      const fns = workerFunctions(t);
      if (fns.length < 2) fail('workers missing');
      for (const [id, fn] of fns) {
        const vpc = props(fn).VpcConfig as { SubnetIds?: unknown[] } | undefined;
        if (!vpc?.SubnetIds?.length || !json(vpc.SubnetIds).includes('isolated')) fail(`${id} is not in the isolated subnets`);
      }
    },
    disable(t) {
      delete props(workerFunctions(t)[0]![1]).VpcConfig;
    },
  },
  {
    name: 'Every worker has a KMS-encrypted dead-letter queue for failed invocations and undeliverable schedules',
    check(t) {
      for (const [id, fn] of workerFunctions(t)) {
        const target = json((props(fn).DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn);
        const queue = resourcesOf(t, 'AWS::SQS::Queue').find(([qid]) => target.includes(qid));
        if (!queue) fail(`${id} has no dead-letter queue`);
        if (!props(queue[1]).KmsMasterKeyId) fail(`${id}'s dead-letter queue is not encrypted`);
      }
      for (const [id, rule] of resourcesOf(t, 'AWS::Events::Rule')) {
        for (const target of props(rule).Targets as { DeadLetterConfig?: unknown }[]) if (!target.DeadLetterConfig) fail(`${id} drops undeliverable events`);
      }
    },
    disable(t) {
      delete props(workerFunctions(t)[0]![1]).DeadLetterConfig;
    },
  },
  {
    name: 'Schedules: nightly fraud scan, quarterly board pack, metrics every 5 minutes',
    check(t) {
      const tpl = Template.fromJSON(t);
      const fn = (prefix: string): string => workerFunctions(t).find(([id]) => id.startsWith(prefix))?.[0] ?? fail(`${prefix} missing`);
      tpl.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 1 * * ? *)', Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn('FraudScan'), 'Arn'] } })] });
      tpl.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn('MetricsJob'), 'Arn'] } })] });
      if (workerFunctions(t).some(([id]) => id.startsWith('ReportWorker'))) {
        tpl.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: 'cron(0 6 1 JAN,APR,JUL,OCT ? *)',
          Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn('ReportWorker'), 'Arn'] } })],
        });
      }
    },
    disable(t) {
      const [id] = first(t, 'AWS::Events::Rule', (_, r) => props(r).ScheduleExpression === 'cron(0 1 * * ? *)');
      delete t.Resources[id];
    },
  },
  {
    name: 'One role per worker, each connecting only as its own database user; only the report worker touches S3',
    check(t) {
      const fns = workerFunctions(t);
      const roles = new Set(fns.map(([, fn]) => json(props(fn).Role)));
      if (roles.size !== fns.length) fail('workers share a role');
      for (const [id, fn] of fns) {
        const roleId = /"Fn::GetAtt":\["([^"]+)"/.exec(json(props(fn).Role))?.[1] ?? fail(`${id}: role not found`);
        const statements = policyStatements(t, 'AWS::IAM::Policy', (_, p) => refTo(roleId).test(json(props(p).Roles)));
        const user = id.startsWith('FraudScan') ? DB_USERS.fraudScan.name : id.startsWith('ReportWorker') ? DB_USERS.reports.name : DB_USERS.metrics.name;
        for (const s of statements) {
          for (const a of actionsOf(s)) {
            if (a === '*' || a.endsWith(':*')) fail(`${id} may do ${a}`);
            if (a.startsWith('s3:') && !id.startsWith('ReportWorker')) fail(`${id} has ${a}`);
            if (a === 'rds-db:connect' && !json(s.Resource).includes(`/${user}"`)) fail(`${id} may connect as another database user: ${json(s.Resource)}`);
            if (a.startsWith('s3:') && a !== 's3:ListBucket' && !json(s.Resource).includes('/reports/*')) fail(`${id} reaches S3 outside reports/: ${json(s.Resource)}`);
          }
        }
        if (!statements.some((s) => actionsOf(s).includes('rds-db:connect'))) fail(`${id} cannot connect to the database`);
      }
    },
    disable(t) {
      const [, fn] = workerFunctions(t).find(([id]) => id.startsWith('FraudScan')) ?? fail('no scan');
      const roleId = /"Fn::GetAtt":\["([^"]+)"/.exec(json(props(fn).Role))?.[1] ?? '';
      const [, p] = first(t, 'AWS::IAM::Policy', (_, r) => refTo(roleId).test(json(props(r).Roles)));
      (props(p).PolicyDocument as { Statement: unknown[] }).Statement.push({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    },
  },
  {
    name: 'Every people group denies everything without MFA (aws:MultiFactorAuthPresent)',
    check(t) {
      const groups = resourcesOf(t, 'AWS::IAM::Group');
      const names = groups.map(([id]) => id.replace(/^People/, '').replace(/[0-9A-F]{8}$/, '')).sort();
      if (json(names) !== json(['Administrators', 'Analysts', 'Compliance', 'Developers', 'Managers'])) fail(`groups: ${names.join(', ')}`);
      const [mfaId] = first(t, 'AWS::IAM::ManagedPolicy', (_, r) => json(props(r).PolicyDocument).includes('aws:MultiFactorAuthPresent'));
      const [, mfa] = first(t, 'AWS::IAM::ManagedPolicy', (id) => id === mfaId);
      const deny = (
        props(mfa).PolicyDocument as { Statement: { Effect: string; NotAction?: string[]; Resource?: unknown; Condition?: { BoolIfExists?: Record<string, string> } }[] }
      ).Statement.find((s) => s.Effect === 'Deny');
      if (!deny || deny.Condition?.BoolIfExists?.['aws:MultiFactorAuthPresent'] !== 'false' || deny.Resource !== '*' || !deny.NotAction?.length)
        fail('the MFA policy does not deny everything without MFA');
      if (deny.NotAction.some((a) => !/^(iam|sts):/.test(a) || a.includes('*'))) fail(`without MFA, too much is allowed: ${deny.NotAction.join(', ')}`);
      for (const [id, g] of groups) if (!refTo(mfaId).test(json(props(g).ManagedPolicyArns))) fail(`${id} does not require MFA`);
    },
    disable(t) {
      const [, g] = first(t, 'AWS::IAM::Group');
      props(g).ManagedPolicyArns = (props(g).ManagedPolicyArns as unknown[]).filter((a) => !json(a).includes('RequireMfa'));
    },
  },
  {
    name: 'Workstation S3 access is scoped to the reports prefix',
    check(t) {
      const statements = policyStatements(t, 'AWS::IAM::ManagedPolicy', (id) => /Workstation/.test(id));
      if (statements.length === 0) fail('no workstation policies');
      for (const s of statements) {
        for (const a of actionsOf(s)) {
          if (!a.startsWith('s3:')) continue;
          if (a === 's3:ListBucket') {
            if (!json(s.Condition).includes('"s3:prefix":["reports/","reports/*"]')) fail('workstations may list the whole bucket');
          } else if (!/\/reports\/\*"\]\]\}$/.test(json(s.Resource))) fail(`${a} outside reports/: ${json(s.Resource)}`);
        }
      }
    },
    disable(t) {
      const [, p] = first(t, 'AWS::IAM::ManagedPolicy', (id) => /ManagersWorkstation/.test(id));
      const doc = props(p).PolicyDocument as { Statement: { Sid?: string; Resource: unknown }[] };
      const s = doc.Statement.find((x) => x.Sid === 'StoreReports');
      if (s) s.Resource = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['StorageReports', 'Arn'] }, '/*']] };
    },
  },
  {
    name: 'Alarms notify an SNS topic that is KMS-encrypted and TLS-only',
    check(t) {
      const [topicId, topic] = first(t, 'AWS::SNS::Topic');
      if (!props(topic).KmsMasterKeyId) fail('the alarm topic is not encrypted');
      const [, policy] = first(t, 'AWS::SNS::TopicPolicy');
      if (!json(props(policy).PolicyDocument).includes('"aws:SecureTransport":"false"')) fail('the alarm topic accepts plain HTTP');
      const alarms = resourcesOf(t, 'AWS::CloudWatch::Alarm');
      if (alarms.length === 0) fail('no alarms');
      for (const [id, a] of alarms) if (!refTo(topicId).test(json(props(a).AlarmActions))) fail(`${id} notifies nobody`);
    },
    disable(t) {
      delete props(first(t, 'AWS::CloudWatch::Alarm')[1]).AlarmActions;
    },
  },
  {
    name: 'Alarms: CPU, free storage, connections, replica lag, worker errors, dead letters, alert backlog',
    check(t) {
      const metrics = alarmMetrics(t).map(([, m]) => m);
      for (const m of ['CPUUtilization', 'FreeStorageSpace', 'DatabaseConnections', 'ReplicaLag', 'Errors', 'ApproximateNumberOfMessagesVisible', CLOUD_METRICS.openAlerts.name]) {
        if (!metrics.includes(m)) fail(`no alarm on ${m}`);
      }
      const errors = alarmMetrics(t).filter(([ns, m]) => ns === 'AWS/Lambda' && m === 'Errors').length;
      if (errors !== workerFunctions(t).length) fail(`${errors} error alarms for ${workerFunctions(t).length} workers`);
    },
    disable(t) {
      const [id] = first(t, 'AWS::CloudWatch::Alarm', (_, r) => props(r).MetricName === 'ReplicaLag');
      delete t.Resources[id];
    },
  },
  {
    name: 'Dashboard: RDS CPU, storage, connections, replica lag, latencies; Lambda errors, duration, throttles; app metrics',
    check(t) {
      const metrics = dashboardMetrics(t);
      const has = (ns: string, m: string): boolean => metrics.some(([n, x]) => n === ns && x === m);
      for (const m of ['CPUUtilization', 'FreeStorageSpace', 'DatabaseConnections', 'ReplicaLag', 'ReadLatency', 'WriteLatency'])
        if (!has('AWS/RDS', m)) fail(`dashboard lacks AWS/RDS ${m}`);
      for (const m of ['Errors', 'Duration', 'Throttles']) if (!has('AWS/Lambda', m)) fail(`dashboard lacks AWS/Lambda ${m}`);
      for (const spec of Object.values(CLOUD_METRICS)) if (!has('CloudBank', spec.name)) fail(`dashboard lacks CloudBank ${spec.name}`);
    },
    disable(t) {
      const [, d] = first(t, 'AWS::CloudWatch::Dashboard');
      const body = props(d).DashboardBody as { 'Fn::Join': [string, unknown[]] };
      body['Fn::Join'][1] = body['Fn::Join'][1].map((p) => (typeof p === 'string' ? p.replaceAll('"ReplicaLag"', '"Unrelated"') : p));
    },
  },
  {
    name: 'Worker logs and environment are encrypted with the stack key and kept a year',
    check(t) {
      for (const [id, fn] of workerFunctions(t)) {
        if (!props(fn).KmsKeyArn) fail(`${id}: environment not encrypted with the stack key`);
        const lg = /"Ref":"([^"]+)"/.exec(json((props(fn).LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup))?.[1];
        const group = lg ? t.Resources[lg] : undefined;
        if (!group || !props(group).KmsKeyId || props(group).RetentionInDays !== 365) fail(`${id}: log group not encrypted or not retained a year`);
      }
    },
    disable(t) {
      const [, fn] = workerFunctions(t)[0]!;
      const lg = /"Ref":"([^"]+)"/.exec(json((props(fn).LoggingConfig as { LogGroup?: unknown }).LogGroup))?.[1] ?? '';
      delete props(t.Resources[lg]!).KmsKeyId;
    },
  },
];
