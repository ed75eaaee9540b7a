import { z } from 'zod';

/** Staff roles. Order matters only for display. */
export const ROLES = ['teller', 'fraud_analyst', 'compliance_officer', 'manager', 'auditor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  teller: 'Teller',
  fraud_analyst: 'Fraud analyst',
  compliance_officer: 'Compliance officer',
  manager: 'Manager',
  auditor: 'Auditor',
  admin: 'Administrator',
};

/**
 * Permissions a method can require. `public` needs no session (sign-in itself);
 * `session` needs any signed-in user. The rest are granted per role below.
 */
export const PERMISSIONS = [
  'public',
  'session',
  'dashboard.view',
  'audit.view',
  'users.manage',
  'settings.manage',
  // Banking: look up customers, accounts, statements, the catalog and the branch directory.
  'banking.view',
  // Banking: register and edit customers, open and close accounts, post money movements.
  'banking.operate',
  // Freeze / unfreeze accounts (tellers at a customer's request, analysts to protect them).
  'accounts.freeze',
  'products.manage',
  // Fraud: see alerts and investigations; review them (claim, note, dispose); change rules.
  'fraud.view',
  'fraud.review',
  'fraud.rules',
  // Analytics: the metric catalog, the explorer and its exports (not tellers: figures across customers).
  'analytics.view',
  // Reports: read generated reports and the S3 store (managers, auditors); build, store and share them (managers).
  'reports.view',
  'reports.build',
  // Compliance monitors, reports, cases and tasks: see them (officers, managers, auditors read-only); act on them (officers);
  // approve another person's change of a limit, band or bank input (officers, managers); verify KYC (officers).
  'compliance.view',
  'compliance.act',
  'compliance.approve',
  'kyc.verify',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  teller: ['dashboard.view', 'banking.view', 'banking.operate', 'accounts.freeze'],
  fraud_analyst: ['dashboard.view', 'banking.view', 'accounts.freeze', 'fraud.view', 'fraud.review', 'fraud.rules', 'analytics.view'],
  compliance_officer: [
    'dashboard.view',
    'banking.view',
    'accounts.freeze',
    'fraud.view',
    'fraud.review',
    'analytics.view',
    'compliance.view',
    'compliance.act',
    'compliance.approve',
    'kyc.verify',
  ],
  manager: [
    'dashboard.view',
    'banking.view',
    'banking.operate',
    'accounts.freeze',
    'fraud.view',
    'fraud.review',
    'fraud.rules',
    'analytics.view',
    'reports.view',
    'reports.build',
    'compliance.view',
    'compliance.approve',
  ],
  auditor: ['dashboard.view', 'audit.view', 'banking.view', 'fraud.view', 'analytics.view', 'reports.view', 'compliance.view'],
  admin: ['dashboard.view', 'audit.view', 'users.manage', 'settings.manage', 'banking.view', 'products.manage'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'session') return true;
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => roleHas(role, p));
}
