/*
 * Reading the synthesised CloudFormation template of the CloudBank stack: its resources by type, the
 * worker functions, policy statements, the dashboard's and the alarms' metrics, and the small helpers
 * every security check uses. The checks themselves are grouped by what they protect in
 * infra-checks-*.ts; infra-checks.ts lists them all.
 */

export type TemplateJson = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>; [k: string]: unknown };

export interface SecurityCheck {
  name: string;
  check(t: TemplateJson): void;
  disable(t: TemplateJson): void;
}

export type Resource = TemplateJson['Resources'][string];

export function resourcesOf(t: TemplateJson, type: string): [string, Resource][] {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type);
}

export function props(r: Resource): Record<string, unknown> {
  return (r.Properties ??= {});
}

export function first(t: TemplateJson, type: string, where: (id: string, r: Resource) => boolean = () => true): [string, Resource] {
  const found = resourcesOf(t, type).find(([id, r]) => where(id, r));
  if (!found) throw new Error(`No ${type} in the template`);
  return found;
}

export function fail(message: string): never {
  throw new Error(message);
}

export const json = (v: unknown): string => JSON.stringify(v);
export const refTo = (id: string): RegExp => new RegExp(`"(Ref|Fn::GetAtt)":(\\["|")${id}[",]`);

/** Logical ids of the worker functions (FraudScan, ReportWorker, MetricsJob), not CDK's helper functions. */
export function workerFunctions(t: TemplateJson): [string, Resource][] {
  return resourcesOf(t, 'AWS::Lambda::Function').filter(([id]) => /^(FraudScan|ReportWorker|MetricsJob)[0-9A-F]{8}$/.test(id));
}

export const isReportsBucket = (id: string): boolean => id.startsWith('StorageReports');
export const isDbSg = (id: string): boolean => id.startsWith('DatabaseSg');
export const isWorkerSg = (id: string): boolean => /^Network(FraudScan|ReportWorker|MetricsJob)Sg/.test(id);

export function policyStatements(
  t: TemplateJson,
  type: 'AWS::IAM::Policy' | 'AWS::IAM::ManagedPolicy',
  where: (id: string, r: Resource) => boolean,
): { Effect: string; Action: unknown; Resource: unknown; Condition?: unknown; NotAction?: unknown }[] {
  return resourcesOf(t, type)
    .filter(([id, r]) => where(id, r))
    .flatMap(([, r]) => ((props(r).PolicyDocument as { Statement: [] } | undefined)?.Statement ?? []) as { Effect: string; Action: unknown; Resource: unknown }[]);
}

export const actionsOf = (s: { Action?: unknown }): string[] => (Array.isArray(s.Action) ? (s.Action as string[]) : s.Action ? [s.Action as string] : []);

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
