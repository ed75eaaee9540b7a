import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * A VPC with no internet path at all: isolated subnets only, in two Availability Zones, no internet
 * or NAT gateway. The workers need MySQL (same VPC) and S3 (gateway endpoint); rotation needs the
 * Secrets Manager interface endpoint; logs and EMF reach CloudWatch through the Lambda service, not
 * the VPC. Nothing in here can send data anywhere else.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** Secrets Manager's rotation function: MySQL to the database, HTTPS to the Secrets Manager endpoint. */
  readonly rotationSg: ec2.SecurityGroup;
  readonly endpointSg: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: { logKey: kms.IKey }) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      restrictDefaultSecurityGroup: true,
    });
    // Every accepted and rejected flow, for incident response; a year, encrypted.
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: props.logKey, removalPolicy: RemovalPolicy.RETAIN });
    this.vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.ALL });
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });

    this.rotationSg = new ec2.SecurityGroup(this, 'RotationSg', { vpc: this.vpc, description: 'Secrets Manager rotation of the master credentials', allowAllOutbound: false });
    this.endpointSg = new ec2.SecurityGroup(this, 'EndpointSg', {
      vpc: this.vpc,
      description: 'Secrets Manager interface endpoint: HTTPS from the rotation function only',
      allowAllOutbound: false,
    });
    this.vpc.addInterfaceEndpoint('SecretsManager', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      securityGroups: [this.endpointSg],
      privateDnsEnabled: true,
      open: false,
    });
    this.endpointSg.addIngressRule(this.rotationSg, ec2.Port.tcp(443), 'Rotation function calls Secrets Manager');
    this.rotationSg.addEgressRule(this.endpointSg, ec2.Port.tcp(443), 'Secrets Manager endpoint');
  }

  /** A worker's own group: no inbound at all, no outbound until the stack adds exactly what the worker needs. */
  workerGroup(id: string, description: string): ec2.SecurityGroup {
    return new ec2.SecurityGroup(this, id, { vpc: this.vpc, description, allowAllOutbound: false });
  }
}
