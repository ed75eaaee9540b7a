import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Every cdk-nag AwsSolutions finding the stack accepts, acknowledged on the construct it concerns
 * (never the whole app) with the reason. `finding` is the rule id, with the exact wildcard for the
 * granular IAM rules, e.g. "IAM5[Resource::*]". The list is printed by `npm run infra:nag`.
 */
export function acknowledge(scope: IConstruct, finding: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${finding}`, reason });
}

/** How cdk-nag spells a resource's Arn attribute in a finding: <LogicalId.Arn>. */
export function arnRef(resource: IConstruct): string {
  const child = resource.node.defaultChild;
  if (!(child instanceof CfnElement)) throw new Error(`${resource.node.path} has no CloudFormation resource`);
  return `<${Stack.of(resource).getLogicalId(child)}.Arn>`;
}
