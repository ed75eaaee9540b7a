import type { z } from 'zod';
import { adminMethods } from './admin';
import { auditMethods } from './audit';
import { bankingMethods } from './banking';
import { catalogMethods } from './catalog';
import { customerMethods } from './customers';
import { authMethods } from './auth';
import { connectionMethods } from './connections';
import { dashboardMethods } from './dashboard';
import { fraudMethods } from './fraud';
import { ruleChangeMethods } from './fraud-rule-changes';
import { fraudCaseMethods } from './fraud-cases';
import { protectiveActionMethods } from './protective-actions';
import { metricsMethods } from './metrics';
import { complianceMethods } from './compliance';
import { taskEvidenceMethods } from './task-evidence';
import { reportsMethods } from './reports';
import { syncMethods } from './sync';

export * from './admin';
export * from './audit';
export * from './auth';
export * from './banking';
export * from './catalog';
export * from './customers';
export * from './connections';
export * from './dashboard';
export * from './fraud';
export * from './fraud-rule-changes';
export * from './fraud-cases';
export * from './protective-actions';
export * from './metrics';
export * from './compliance';
export * from './task-evidence';
export * from './reports';
export * from './sync';
export type { MethodSpec, ReadPolicy } from './define';

/** The whole API. Adding a method is one entry here plus one handler in main/. */
export const contract = {
  ...authMethods,
  ...dashboardMethods,
  ...syncMethods,
  ...auditMethods,
  ...adminMethods,
  ...connectionMethods,
  ...customerMethods,
  ...catalogMethods,
  ...bankingMethods,
  ...fraudMethods,
  ...ruleChangeMethods,
  ...fraudCaseMethods,
  ...protectiveActionMethods,
  ...metricsMethods,
  ...complianceMethods,
  ...taskEvidenceMethods,
  ...reportsMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
