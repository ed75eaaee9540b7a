import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import type { DeploymentConfig } from './config';
import { acknowledge } from './nag';
import type { Network } from './network';

/** MySQL 8.4, the long-term-support line of MySQL 8 (8.0 left standard support in 2026). */
export const MYSQL_ENGINE = rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_10 });
export const MYSQL_PORT = 3306;

/**
 * The bank's database: RDS for MySQL in isolated subnets, storage and Performance Insights encrypted
 * with the stack's KMS key, TLS required by the server (require_secure_transport), IAM database
 * authentication for every application user, the master credentials generated into Secrets Manager
 * and rotated every 30 days, 14 days of point-in-time backups, deletion protection. Multi-AZ and a
 * read replica are the deployment's choice.
 */
export class Database extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly replica: rds.DatabaseInstanceReadReplica | null;
  readonly securityGroup: ec2.SecurityGroup;
  readonly parameterGroup: rds.ParameterGroup;

  constructor(scope: Construct, id: string, props: { network: Network; key: kms.IKey; config: DeploymentConfig }) {
    super(scope, id);
    const { network, key, config } = props;
    this.securityGroup = new ec2.SecurityGroup(this, 'Sg', {
      vpc: network.vpc,
      description: 'CloudBank MySQL: 3306 from the workers, the rotation function and the bank workstation networks only',
      allowAllOutbound: false,
    });
    for (const cidr of config.workstationCidrs) {
      this.securityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(MYSQL_PORT), `Workstations in ${cidr} (bank network / VPN)`);
    }

    this.parameterGroup = new rds.ParameterGroup(this, 'Params', {
      engine: MYSQL_ENGINE,
      description: 'CloudBank: TLS 1.2+ only, UTC, strict SQL',
      parameters: {
        // The server refuses any connection that is not TLS, whatever a client or user asks for.
        require_secure_transport: 'ON',
        tls_version: 'TLSv1.2,TLSv1.3',
        time_zone: 'UTC',
        sql_mode: 'STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION',
        // Slow queries go to CloudWatch Logs (exported below) for the scaling review.
        slow_query_log: '1',
        long_query_time: '2',
        log_output: 'FILE',
      },
    });

    const instanceType = new ec2.InstanceType(config.instanceType);
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine: MYSQL_ENGINE,
      instanceType,
      vpc: network.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.securityGroup],
      publiclyAccessible: false,
      port: MYSQL_PORT,
      databaseName: config.databaseName,
      credentials: rds.Credentials.fromGeneratedSecret('cloudbank_admin', { encryptionKey: key }),
      parameterGroup: this.parameterGroup,
      storageEncrypted: true,
      storageEncryptionKey: key,
      storageType: rds.StorageType.GP3,
      allocatedStorage: config.allocatedStorageGb,
      maxAllocatedStorage: config.maxAllocatedStorageGb,
      iamAuthentication: true,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      multiAz: config.multiAz,
      backupRetention: Duration.days(config.backupRetentionDays),
      preferredBackupWindow: '02:30-03:30',
      preferredMaintenanceWindow: 'sun:04:00-sun:05:00',
      copyTagsToSnapshot: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      autoMinorVersionUpgrade: true,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: key,
      monitoringInterval: Duration.seconds(60),
      cloudwatchLogsExports: ['error', 'slowquery'],
      cloudwatchLogsRetention: logs.RetentionDays.ONE_YEAR,
    });
    // Single-user rotation of the master secret; the function runs in the VPC and reaches Secrets
    // Manager through the interface endpoint (there is no internet path).
    this.instance.addRotationSingleUser({ automaticallyAfter: Duration.days(30), securityGroup: network.rotationSg, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    this.allowMysqlFrom(network.rotationSg, 'Secrets Manager rotation');
    acknowledge(
      this.instance,
      'RDS11',
      'MySQL listens on 3306: a non-default port hides nothing from a scanner inside an isolated VPC, and the security group admits only the workers, the rotation function and the configured workstation networks.',
    );
    acknowledge(
      this.instance,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
      'Enhanced Monitoring needs this AWS service-role policy; it only lets RDS write OS metrics to its own RDSOSMetrics log group.',
    );

    this.replica = config.readReplica
      ? new rds.DatabaseInstanceReadReplica(this, 'Replica', {
          sourceDatabaseInstance: this.instance,
          instanceType,
          vpc: network.vpc,
          vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
          securityGroups: [this.securityGroup],
          publiclyAccessible: false,
          parameterGroup: this.parameterGroup,
          storageEncrypted: true,
          storageEncryptionKey: key,
          iamAuthentication: true,
          caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
          deletionProtection: true,
          removalPolicy: RemovalPolicy.DESTROY,
          autoMinorVersionUpgrade: true,
          enablePerformanceInsights: true,
          performanceInsightEncryptionKey: key,
          monitoringInterval: Duration.seconds(60),
          cloudwatchLogsExports: ['error', 'slowquery'],
          cloudwatchLogsRetention: logs.RetentionDays.ONE_YEAR,
          // A replica's own backups let it be promoted with point-in-time recovery intact.
          backupRetention: Duration.days(config.backupRetentionDays),
        })
      : null;
    if (this.replica) {
      acknowledge(
        this.replica,
        'RDS3',
        'A read replica cannot be Multi-AZ itself; the primary is (multiAz), and a lost replica is re-created from it while readers fall back to the writer.',
      );
      acknowledge(this.replica, 'RDS11', 'Same port as the primary (3306): see the primary’s acknowledgement.');
      acknowledge(
        this.replica,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
        'Enhanced Monitoring service role, as on the primary.',
      );
    }
  }

  /** Admits MySQL from one security group, and lets that group send MySQL here and nowhere else. */
  allowMysqlFrom(peer: ec2.SecurityGroup, why: string): void {
    this.securityGroup.addIngressRule(peer, ec2.Port.tcp(MYSQL_PORT), why);
    peer.addEgressRule(this.securityGroup, ec2.Port.tcp(MYSQL_PORT), `MySQL to the CloudBank database (${why})`);
  }

  /** rds-db:connect as one database user, on the instance and, for readers, the replica. */
  grantConnect(grantee: iam.IGrantable, dbUser: string, endpoint: 'writer' | 'reader'): void {
    this.instance.grantConnect(grantee, dbUser);
    if (endpoint === 'reader' && this.replica) this.replica.grantConnect(grantee, dbUser);
  }

  /** Where a worker reads: the replica when there is one. */
  endpointFor(endpoint: 'writer' | 'reader'): rds.Endpoint {
    return endpoint === 'reader' && this.replica ? this.replica.instanceEndpoint : this.instance.instanceEndpoint;
  }
}
