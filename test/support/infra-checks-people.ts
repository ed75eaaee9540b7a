import { actionsOf, fail, first, json, policyStatements, props, refTo, resourcesOf, type SecurityCheck } from './infra-template';

/** People and workstations: every group requires MFA, workstation S3 access stays in the reports prefix. */
export const PEOPLE_CHECKS: SecurityCheck[] = [
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
];
