import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { CLOUD_METRICS_ENV_VAR } from '../../shared/cloud-metrics';
import { WORKER_DB_ENV } from '../../main/connections';
import { DB_USERS } from '../sql/db-users';
import { PeopleAccess } from './access';
import { bundleWorker } from './bundle';
import type { DeploymentConfig } from './config';
import { Database, MYSQL_PORT } from './database';
import { Monitoring } from './monitoring';
import { acknowledge, arnRef } from './nag';
import { Network } from './network';
import { ReportStorage } from './storage';
import { presentWorkers, WORKERS, type WorkerSpec } from './workers';

export interface CloudBankStackProps extends StackProps {
  config: DeploymentConfig;
  /** Where worker bundles are written before CDK copies them into the assembly. */
  bundleDir: string;
  /** Tests: which workers to deploy (default: those whose handler exists). */
  workers?: readonly WorkerSpec[];
  /** Makes a worker's code folder (default: the esbuild bundle). Template tests that check no code pass a cheaper one. */
  bundle?: (worker: WorkerSpec, outRoot: string) => string;
}

/** Lambda runtime of the workers: the newest Node.js line Lambda offers (cdk-nag L1). */
export const WORKER_RUNTIME = lambda.Runtime.NODEJS_26_X;
/** Set in the parameter group so the connection alarm and docs/scaling.md have a fixed ceiling. */
export const MAX_CONNECTIONS = 1000;
/** Environment variables the report worker reads for its bucket (main/reports/lambda.ts). */
export const REPORT_ENV = { bucket: 'CLOUDBANK_REPORTS_BUCKET', prefix: 'CLOUDBANK_REPORTS_PREFIX', kmsKey: 'CLOUDBANK_REPORTS_KMS_KEY_ARN' } as const;

/** Events the schedules send; the handlers accept them (main/fraud/lambda.ts, main/reports/lambda.ts). */
export const SCHEDULED_EVENTS = {
  nightlyScan: {},
  // No period: the worker builds the last completed quarter in the bank's zone.
  quarterlyBoardPack: { template: 'quarterly-board-pack' },
} as const;

export class CloudBankStack extends Stack {
  readonly key: kms.Key;
  readonly network: Network;
  readonly database: Database;
  readonly storage: ReportStorage;
  readonly functions: Partial<Record<WorkerSpec['id'], lambda.Function>> = {};
  readonly monitoring: Monitoring;
  readonly access: PeopleAccess;

  constructor(scope: Construct, id: string, props: CloudBankStackProps) {
    super(scope, id, props);
    const { config } = props;

    // One customer-managed key for the bank's data at rest (database, backups, reports, logs, queues,
    // topic); rotated yearly by KMS; CloudWatch Logs and alarms may use it through their services.
    this.key = new kms.Key(this, 'DataKey', { description: `CloudBank ${config.environmentName}: data at rest`, enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${this.region}:${this.account}:*` } },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.network = new Network(this, 'Network', { logKey: this.key });
    this.database = new Database(this, 'Database', { network: this.network, key: this.key, config });
    this.database.parameterGroup.addParameter('max_connections', String(MAX_CONNECTIONS));
    this.storage = new ReportStorage(this, 'Storage', { key: this.key, reportsPrefix: config.reportsPrefix });

    const workers = props.workers ?? presentWorkers();
    for (const missing of WORKERS.filter((w) => !workers.includes(w))) {
      Annotations.of(this).addWarningV2('cloudbank:worker-missing', `${missing.entry} does not exist in this checkout: the ${missing.id} Lambda is not part of this synth.`);
    }
    const deployed: { id: string; fn: lambda.Function; dlq: sqs.Queue; logGroup: logs.LogGroup }[] = [];
    for (const w of workers) {
      const made = this.worker(w, (props.bundle ?? bundleWorker)(w, props.bundleDir), config);
      this.functions[w.id] = made.fn;
      deployed.push({ id: w.id, ...made });
    }

    const byId = (id: WorkerSpec['id']): (typeof deployed)[number] | undefined => deployed.find((d) => d.id === id);
    const scan = byId('FraudScan');
    if (scan)
      this.schedule('NightlyScan', events.Schedule.cron({ minute: '0', hour: String(config.nightlyScanHourUtc) }), scan, SCHEDULED_EVENTS.nightlyScan, 'Overnight fraud scan');
    const report = byId('ReportWorker');
    if (report)
      this.schedule(
        'QuarterlyBoardPack',
        events.Schedule.cron({ minute: '0', hour: '6', day: '1', month: 'JAN,APR,JUL,OCT' }),
        report,
        SCHEDULED_EVENTS.quarterlyBoardPack,
        'Quarterly board pack, first day of each quarter',
      );
    if (report) {
      // "Build it in the cloud": a desktop writes <prefix>requests/<id>.json; S3 starts the worker.
      this.storage.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(report.fn), { prefix: `${config.reportsPrefix}requests/`, suffix: '.json' });
      const handler = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
      if (handler) {
        acknowledge(
          handler,
          'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          'CDK’s bucket-notification helper runs once per deployment to configure the reports bucket’s notification; basic logging role only.',
        );
      }
    }
    const metricsJob = byId('MetricsJob');
    if (metricsJob) this.schedule('MetricsEvery5Minutes', events.Schedule.rate(Duration.minutes(5)), metricsJob, {}, 'Active users, transactions and alert queue for CloudWatch');

    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      key: this.key,
      instance: this.database.instance,
      replica: this.database.replica,
      maxConnections: MAX_CONNECTIONS,
      workers: deployed,
    });
    this.access = new PeopleAccess(this, 'People', {
      database: this.database,
      reports: this.storage.bucket,
      reportsPrefix: config.reportsPrefix,
      key: this.key,
      workerFunctionArns: deployed.map((d) => d.fn.functionArn),
      workerLogGroups: deployed.map((d) => d.logGroup),
      dashboardName: `CloudBank-${config.environmentName}`,
    });

    // The log-retention helper CDK adds for the RDS log exports (cloudwatchLogsRetention).
    for (const child of this.node.children.filter((c) => c.node.id.startsWith('LogRetention'))) {
      acknowledge(
        child,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK’s log-retention helper (sets the one-year retention of the RDS log groups) writes only its own logs with this basic role.',
      );
      acknowledge(
        child,
        'IAM5[Resource::*]',
        'CDK’s log-retention helper calls logs:PutRetentionPolicy/DeleteRetentionPolicy on log groups RDS creates at deploy time, whose ARNs are not known in advance.',
      );
    }

    new CfnOutput(this, 'WriterEndpoint', { value: this.database.instance.dbInstanceEndpointAddress, description: 'Workstation profile host (operations)' });
    if (this.database.replica)
      new CfnOutput(this, 'ReaderEndpoint', { value: this.database.replica.dbInstanceEndpointAddress, description: 'Workstation profile reader host (sync, reads)' });
    if (this.database.instance.instanceResourceId)
      new CfnOutput(this, 'DbiResourceId', {
        value: this.database.instance.instanceResourceId,
        description: 'For rds-db:connect policies (arn:aws:rds-db:<region>:<account>:dbuser:<id>/<user>)',
      });
    new CfnOutput(this, 'MasterSecretArn', {
      value: this.database.instance.secret?.secretArn ?? '',
      description: 'Master credentials (rotated); only for migrations and create-db-users.sql',
    });
    new CfnOutput(this, 'ReportsBucket', { value: this.storage.bucket.bucketName, description: `Workstation S3 bucket; prefix ${config.reportsPrefix}` });
    new CfnOutput(this, 'AlarmTopic', { value: this.monitoring.topic.topicArn });
  }

  /** One worker: its own role, security group, log group, dead-letter queue and database user. */
  private worker(w: WorkerSpec, codeDir: string, config: DeploymentConfig): { fn: lambda.Function; dlq: sqs.Queue; logGroup: logs.LogGroup } {
    const sg = this.network.workerGroup(`${w.id}Sg`, `CloudBank ${w.id}: no inbound; MySQL to the database${w.writesReports ? ', HTTPS to S3' : ''}`);
    this.database.allowMysqlFrom(sg, w.id);
    if (w.writesReports) {
      // No internet path exists (isolated subnets, no NAT): 443 leaves only through the S3 gateway endpoint.
      sg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'S3 through the VPC gateway endpoint (the only route out)');
    }
    const role = new iam.Role(this, `${w.id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `CloudBank ${w.id}: database as ${DB_USERS[w.dbUser].name}${w.writesReports ? ', reports prefix' : ''}, its own logs`,
    });
    // Lambda creates and removes the function's network interfaces; EC2 does not scope these by resource.
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'VpcNetworkInterfaces',
        actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        resources: ['*'],
      }),
    );
    const logGroup = new logs.LogGroup(this, `${w.id}Logs`, { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: this.key, removalPolicy: RemovalPolicy.RETAIN });
    const dlq = new sqs.Queue(this, `${w.id}Dlq`, { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: this.key, enforceSSL: true, retentionPeriod: Duration.days(14) });
    const endpoint = this.database.endpointFor(w.endpoint);
    const env: Record<string, string> = {
      [CLOUD_METRICS_ENV_VAR]: config.environmentName,
      [WORKER_DB_ENV.host]: this.database.instance.dbInstanceEndpointAddress,
      [WORKER_DB_ENV.port]: String(MYSQL_PORT),
      [WORKER_DB_ENV.database]: config.databaseName,
      [WORKER_DB_ENV.user]: DB_USERS[w.dbUser].name,
    };
    if (w.endpoint === 'reader' && this.database.replica) env[WORKER_DB_ENV.readerHost] = endpoint.hostname;
    if (w.writesReports) {
      env[REPORT_ENV.bucket] = this.storage.bucket.bucketName;
      env[REPORT_ENV.prefix] = config.reportsPrefix;
      env[REPORT_ENV.kmsKey] = this.key.keyArn;
    }
    const fn = new lambda.Function(this, w.id, {
      description: w.description,
      runtime: WORKER_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(codeDir),
      handler: 'index.handler',
      memorySize: w.memoryMb,
      timeout: Duration.minutes(w.timeoutMinutes),
      role,
      vpc: this.network.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [sg],
      environment: env,
      environmentEncryption: this.key,
      logGroup,
      deadLetterQueue: dlq,
      retryAttempts: 2,
      // One scan at a time is enough and keeps load on the primary predictable; reports may overlap.
      reservedConcurrentExecutions: w.id === 'ReportWorker' ? 5 : 1,
    });
    // Writes to the function's log group only (CDK adds nothing for an explicit logGroup with a custom role).
    role.addToPolicy(
      new iam.PolicyStatement({ sid: 'OwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:*`] }),
    );
    this.key.grant(role, 'kms:Decrypt');
    this.database.grantConnect(role, DB_USERS[w.dbUser].name, w.endpoint);
    if (w.writesReports) {
      const objects = this.storage.bucket.arnForObjects(`${config.reportsPrefix}*`);
      role.addToPolicy(new iam.PolicyStatement({ sid: 'WriteReports', actions: ['s3:PutObject', 's3:GetObject'], resources: [objects] }));
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ListReports',
          actions: ['s3:ListBucket'],
          resources: [this.storage.bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${config.reportsPrefix}*`] } },
        }),
      );
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReportsKeyThroughS3',
          actions: ['kms:GenerateDataKey'],
          resources: [this.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
        }),
      );
    }
    acknowledge(
      role,
      'IAM5[Resource::*]',
      'ec2:CreateNetworkInterface, DescribeNetworkInterfaces and DeleteNetworkInterface (the function’s VPC attachment) do not support resource-level permissions.',
    );
    acknowledge(role, `IAM5[Resource::${arnRef(logGroup)}:*]`, 'The log streams of the worker’s own log group (stream names are made by Lambda).');
    if (w.writesReports) acknowledge(role, `IAM5[Resource::${arnRef(this.storage.bucket)}/${config.reportsPrefix}*]`, 'Report objects under the reports prefix only.');
    return { fn, dlq, logGroup };
  }

  /** A schedule whose undeliverable events land in the worker's own dead-letter queue (one queue, one alarm). */
  private schedule(id: string, schedule: events.Schedule, w: { fn: lambda.IFunction; dlq: sqs.IQueue }, event: object, description: string): void {
    new events.Rule(this, id, {
      schedule,
      description,
      targets: [new targets.LambdaFunction(w.fn, { event: events.RuleTargetInput.fromObject(event), deadLetterQueue: w.dlq, retryAttempts: 4, maxEventAge: Duration.hours(6) })],
    });
  }
}
