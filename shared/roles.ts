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
export const PERMISSIONS = ['public', 'session', 'dashboard.view', 'audit.view', 'users.manage', 'settings.manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  teller: ['dashboard.view'],
  fraud_analyst: ['dashboard.view'],
  compliance_officer: ['dashboard.view'],
  manager: ['dashboard.view'],
  auditor: ['dashboard.view', 'audit.view'],
  admin: ['dashboard.view', 'audit.view', 'users.manage', 'settings.manage'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'session') return true;
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => roleHas(role, p));
}
