import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DB_USERS } from '../sql/db-users';
import type { Database } from './database';
import { acknowledge, arnRef } from './nag';

/** The people groups; workstation groups use the desktop app, the others run the platform. */
export const PEOPLE_GROUPS = ['Analysts', 'Compliance', 'Managers', 'Developers', 'Administrators'] as const;
export type PeopleGroup = (typeof PEOPLE_GROUPS)[number];

/**
 * What a person without MFA may still do: sign in, see their own user and set up a device. Everything
 * else is denied while aws:MultiFactorAuthPresent is false or absent (long-term access keys never
 * carry it, so a leaked key alone is useless).
 */
const WITHOUT_MFA = [
  'iam:ChangePassword',
  'iam:GetUser',
  'iam:GetAccountPasswordPolicy',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
];

export function requireMfaDocument(account: string): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'ManageOwnMfaDevice',
        effect: iam.Effect.ALLOW,
        actions: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice', 'iam:GetUser', 'iam:ChangePassword'],
        resources: [`arn:aws:iam::${account}:mfa/\${aws:username}`, `arn:aws:iam::${account}:user/\${aws:username}`],
      }),
      new iam.PolicyStatement({
        sid: 'DenyAllWithoutMfa',
        effect: iam.Effect.DENY,
        notActions: WITHOUT_MFA,
        resources: ['*'],
        conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    ],
  });
}

export interface AccessProps {
  database: Database;
  reports: s3.IBucket;
  reportsPrefix: string;
  key: kms.IKey;
  /** Worker log groups and functions developers may read. */
  workerFunctionArns: string[];
  workerLogGroups: logs.ILogGroup[];
  dashboardName: string;
}

/**
 * IAM groups for people. Workstation users (analysts, compliance officers, managers) get what the
 * desktop needs: rds-db:connect as the workstation database user, and S3 only under the reports
 * prefix (managers store and delete board packs; analysts and compliance read them). Developers
 * read the dashboard, alarms and the workers' logs; administrators run the platform. Every group
 * denies everything without MFA.
 */
export class PeopleAccess extends Construct {
  readonly groups: Record<PeopleGroup, iam.Group>;

  constructor(scope: Construct, id: string, props: AccessProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const mfa = new iam.ManagedPolicy(this, 'RequireMfa', { description: 'Deny everything without MFA, except setting up MFA', document: requireMfaDocument(stack.account) });
    const groups = {} as Record<PeopleGroup, iam.Group>;
    for (const name of PEOPLE_GROUPS) {
      groups[name] = new iam.Group(this, name, { groupName: `${stack.stackName}-${name}`, managedPolicies: [mfa] });
    }
    this.groups = groups;

    const prefix = props.reportsPrefix;
    const objects = props.reports.arnForObjects(`${prefix}*`);
    const listReports = new iam.PolicyStatement({
      sid: 'ListReportsPrefixOnly',
      actions: ['s3:ListBucket'],
      resources: [props.reports.bucketArn],
      conditions: { StringLike: { 's3:prefix': [prefix, `${prefix}*`] } },
    });
    const viaS3 = { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } };
    const workstation = (write: boolean): iam.PolicyStatement[] => [
      listReports,
      new iam.PolicyStatement({ sid: 'ReadReports', actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes'], resources: [objects] }),
      ...(write ? [new iam.PolicyStatement({ sid: 'StoreReports', actions: ['s3:PutObject', 's3:DeleteObject'], resources: [objects] })] : []),
      new iam.PolicyStatement({
        sid: 'ReportsKeyThroughS3',
        actions: write ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
        resources: [props.key.keyArn],
        conditions: viaS3,
      }),
    ];
    const dbUser = DB_USERS.operations.name;
    for (const [name, write] of [
      ['Analysts', false],
      ['Compliance', false],
      ['Managers', true],
    ] as const) {
      const policy = new iam.ManagedPolicy(this, `${name}Workstation`, {
        description: `CloudBank workstation for ${name.toLowerCase()}: database as ${dbUser}, reports under ${prefix}`,
        statements: workstation(write),
      });
      groups[name].addManagedPolicy(policy);
      acknowledge(
        policy,
        `IAM5[Resource::${arnRef(props.reports)}/${prefix}*]`,
        `Objects under the reports prefix (${prefix}) and nothing else in the bucket: the prefix is the scope of the workstation's S3 access.`,
      );
      props.database.grantConnect(groups[name], dbUser, 'reader');
    }

    const developer = new iam.ManagedPolicy(this, 'DevelopersObserve', {
      description: 'CloudBank developers: the dashboard, alarms and the workers (configuration and logs), no data',
      statements: [
        new iam.PolicyStatement({ sid: 'Dashboard', actions: ['cloudwatch:GetDashboard'], resources: [`arn:aws:cloudwatch::${stack.account}:dashboard/${props.dashboardName}`] }),
        // These CloudWatch read actions do not support resource-level permissions.
        new iam.PolicyStatement({ sid: 'MetricsAndAlarms', actions: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics', 'cloudwatch:DescribeAlarms'], resources: ['*'] }),
        new iam.PolicyStatement({ sid: 'Workers', actions: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration'], resources: props.workerFunctionArns }),
        new iam.PolicyStatement({
          sid: 'WorkerLogs',
          actions: ['logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:DescribeLogStreams'],
          resources: props.workerLogGroups.flatMap((lg) => [lg.logGroupArn, `${lg.logGroupArn}:*`]),
        }),
      ],
    });
    groups.Developers.addManagedPolicy(developer);
    acknowledge(
      developer,
      'IAM5[Resource::*]',
      'cloudwatch:GetMetricData, ListMetrics and DescribeAlarms do not support resource-level permissions; they read metrics and alarm states, no data.',
    );
    for (const lg of props.workerLogGroups) {
      acknowledge(developer, `IAM5[Resource::${arnRef(lg)}:*]`, 'The log streams of one worker’s log group (stream names are made by Lambda).');
    }
    groups.Administrators.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    acknowledge(
      groups.Administrators,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
      'The platform team administers the account (deploys this stack, breaks glass); membership is the control, and the group’s RequireMfa policy denies everything without MFA.',
    );
  }
}
