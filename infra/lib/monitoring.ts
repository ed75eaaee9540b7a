import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CLOUD_METRICS, CLOUD_METRICS_DIMENSION, CLOUD_METRICS_NAMESPACE, type CloudMetricSpec } from '../../shared/cloud-metrics';
import type { DeploymentConfig } from './config';

/** Thresholds, in one place for the review and docs/scaling.md. */
export const ALARM_THRESHOLDS = {
  cpuPercent: 80,
  /** Free storage below this share of the allocated storage (storage autoscaling also reacts at 10 %). */
  freeStorageShare: 0.15,
  /** Connections above this share of max_connections (set in the parameter group). */
  connectionShare: 0.8,
  replicaLagSeconds: 60,
  /** Fraud alerts waiting in the review queue. */
  alertBacklog: 500,
} as const;

export interface MonitoringProps {
  config: DeploymentConfig;
  key: kms.IKey;
  instance: rds.DatabaseInstance;
  replica: rds.DatabaseInstanceReadReplica | null;
  maxConnections: number;
  workers: { id: string; fn: lambda.IFunction; dlq: sqs.IQueue }[];
}

/** One application metric from the shared list, for the dashboard and alarms alike. */
export function appMetric(spec: CloudMetricSpec, environment: string, period = Duration.minutes(5)): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: CLOUD_METRICS_NAMESPACE,
    metricName: spec.name,
    dimensionsMap: { [CLOUD_METRICS_DIMENSION]: environment },
    statistic: spec.statistic,
    period,
    label: spec.description,
  });
}

/**
 * The CloudWatch dashboard (database, workers, application metrics) and the alarms, which notify
 * an encrypted SNS topic. The application metrics are exactly shared/cloud-metrics.ts: adding a
 * metric there adds its graph here.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config } = props;
    this.topic = new sns.Topic(this, 'Alarms', { displayName: `CloudBank ${config.environmentName} alarms`, masterKey: props.key, enforceSSL: true });
    if (config.alarmEmail) this.topic.addSubscription(new subs.EmailSubscription(config.alarmEmail));
    const notify = new actions.SnsAction(this.topic);
    const alarm = (id: string, a: cloudwatch.AlarmProps): cloudwatch.Alarm => {
      const made = new cloudwatch.Alarm(this, id, a);
      made.addAlarmAction(notify);
      made.addOkAction(notify);
      this.alarms.push(made);
      return made;
    };
    const five = Duration.minutes(5);
    const dbs: { label: string; db: rds.IDatabaseInstance }[] = [{ label: 'primary', db: props.instance }, ...(props.replica ? [{ label: 'replica', db: props.replica }] : [])];

    for (const { label, db } of dbs) {
      const cap = label === 'primary' ? 'Primary' : 'Replica';
      alarm(`${cap}Cpu`, {
        alarmDescription: `MySQL ${label}: CPU above ${ALARM_THRESHOLDS.cpuPercent} % for 15 minutes`,
        metric: db.metricCPUUtilization({ period: five }),
        threshold: ALARM_THRESHOLDS.cpuPercent,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
      const freeBytes = Math.round(config.allocatedStorageGb * 1024 ** 3 * ALARM_THRESHOLDS.freeStorageShare);
      alarm(`${cap}FreeStorage`, {
        alarmDescription: `MySQL ${label}: free storage below ${ALARM_THRESHOLDS.freeStorageShare * 100} % of ${config.allocatedStorageGb} GB`,
        metric: db.metricFreeStorageSpace({ period: five, statistic: 'Minimum' }),
        threshold: freeBytes,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
      alarm(`${cap}Connections`, {
        alarmDescription: `MySQL ${label}: connections above ${ALARM_THRESHOLDS.connectionShare * 100} % of max_connections (${props.maxConnections})`,
        metric: db.metricDatabaseConnections({ period: five, statistic: 'Maximum' }),
        threshold: Math.floor(props.maxConnections * ALARM_THRESHOLDS.connectionShare),
        evaluationPeriods: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    if (props.replica) {
      alarm('ReplicaLag', {
        alarmDescription: `Read replica more than ${ALARM_THRESHOLDS.replicaLagSeconds} s behind: workstations read stale data`,
        metric: props.replica.metric('ReplicaLag', { period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: ALARM_THRESHOLDS.replicaLagSeconds,
        evaluationPeriods: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
    }
    for (const w of props.workers) {
      alarm(`${w.id}Errors`, {
        alarmDescription: `${w.id}: the worker failed`,
        metric: w.fn.metricErrors({ period: five, statistic: 'Sum' }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm(`${w.id}DeadLetters`, {
        alarmDescription: `${w.id}: an invocation failed all retries and waits in its dead-letter queue`,
        metric: w.dlq.metricApproximateNumberOfMessagesVisible({ period: five, statistic: 'Maximum' }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    alarm('AlertBacklog', {
      alarmDescription: `More than ${ALARM_THRESHOLDS.alertBacklog} fraud alerts wait for review (${CLOUD_METRICS.openAlerts.name})`,
      metric: appMetric(CLOUD_METRICS.openAlerts, config.environmentName, Duration.minutes(15)),
      threshold: ALARM_THRESHOLDS.alertBacklog,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `CloudBank-${config.environmentName}`, defaultInterval: Duration.days(1) });
    const rdsGraph = (title: string, metric: (db: rds.IDatabaseInstance) => cloudwatch.IMetric): cloudwatch.GraphWidget =>
      new cloudwatch.GraphWidget({ title, width: 8, left: dbs.map(({ label, db }) => (metric(db) as cloudwatch.Metric).with({ label })) });
    this.dashboard.addWidgets(
      rdsGraph('MySQL CPU %', (db) => db.metricCPUUtilization()),
      rdsGraph('MySQL free storage (bytes)', (db) => db.metricFreeStorageSpace({ statistic: 'Minimum' })),
      rdsGraph('MySQL connections', (db) => db.metricDatabaseConnections({ statistic: 'Maximum' })),
    );
    this.dashboard.addWidgets(
      rdsGraph('MySQL read latency (s)', (db) => db.metric('ReadLatency', { statistic: 'Average' })),
      rdsGraph('MySQL write latency (s)', (db) => db.metric('WriteLatency', { statistic: 'Average' })),
      new cloudwatch.GraphWidget({ title: 'Replica lag (s)', width: 8, left: props.replica ? [props.replica.metric('ReplicaLag', { statistic: 'Maximum' })] : [] }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Worker errors', width: 8, left: props.workers.map((w) => w.fn.metricErrors({ statistic: 'Sum', label: w.id })) }),
      new cloudwatch.GraphWidget({ title: 'Worker duration (ms, p95)', width: 8, left: props.workers.map((w) => w.fn.metricDuration({ statistic: 'p95', label: w.id })) }),
      new cloudwatch.GraphWidget({ title: 'Worker throttles', width: 8, left: props.workers.map((w) => w.fn.metricThrottles({ statistic: 'Sum', label: w.id })) }),
    );
    const specs = Object.values(CLOUD_METRICS as Record<string, CloudMetricSpec>);
    this.dashboard.addWidgets(...specs.map((s) => new cloudwatch.GraphWidget({ title: `${s.description} (${s.name})`, width: 6, left: [appMetric(s, config.environmentName)] })));
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: this.alarms }));
  }
}
