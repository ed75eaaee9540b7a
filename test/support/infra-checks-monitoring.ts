import { CLOUD_METRICS } from '../../shared/cloud-metrics';
import { alarmMetrics, dashboardMetrics, fail, first, json, props, refTo, resourcesOf, type SecurityCheck, workerFunctions } from './infra-template';

/** Monitoring: alarms notify an encrypted, TLS-only topic; the alarms and the dashboard cover the database, the workers and the app. */
export const MONITORING_CHECKS: SecurityCheck[] = [
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
];
