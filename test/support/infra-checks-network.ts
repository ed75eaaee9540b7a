import { Template } from 'aws-cdk-lib/assertions';
import { fail, first, isDbSg, isWorkerSg, json, props, refTo, resourcesOf, type SecurityCheck } from './infra-template';

/** The network around the database and the workers: security groups that admit only MySQL where it is needed, and flow logs. */
export const NETWORK_CHECKS: SecurityCheck[] = [
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
];
