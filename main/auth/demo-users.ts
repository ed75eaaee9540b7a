import type { Role } from '../../shared/roles';
import type { AuthService } from './service';

/** Shared by every demo user. Shown only when the bank is the embedded demo bank. */
export const DEMO_PASSWORD = 'cloudbank-demo';

export const DEMO_USERS: { username: string; role: Role; displayName: string }[] = [
  { username: 'teller', role: 'teller', displayName: 'Tereza Novák' },
  { username: 'analyst', role: 'fraud_analyst', displayName: 'Adam Fischer' },
  { username: 'compliance', role: 'compliance_officer', displayName: 'Clara Dvořák' },
  { username: 'manager', role: 'manager', displayName: 'Martin Horák' },
  { username: 'auditor', role: 'auditor', displayName: 'Eva Marková' },
  { username: 'admin', role: 'admin', displayName: 'Jan Svoboda' },
];

/** Creates the demo users the first time a demo bank is opened. */
export async function ensureDemoUsers(auth: AuthService): Promise<void> {
  if ((await auth.userCount()) > 0) return;
  for (const u of DEMO_USERS) await auth.createUser({ ...u, password: DEMO_PASSWORD }, 'system');
}
