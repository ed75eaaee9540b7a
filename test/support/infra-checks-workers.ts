import { Match, Template } from 'aws-cdk-lib/assertions';
import { DB_USERS } from '../../infra/sql/db-users';
import { actionsOf, fail, first, json, policyStatements, props, refTo, resourcesOf, type SecurityCheck, workerFunctions } from './infra-template';

/** The Lambda workers (fraud scan, report worker, metrics job): isolated subnets, dead-letter queues, schedules, one least-privilege role each, encrypted logs kept a year. */
export const WORKER_CHECKS: SecurityCheck[] = [
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
