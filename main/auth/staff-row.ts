import { roleSchema } from '../../shared/roles';
import type { StaffRow, User } from '../../shared/contract';
import type { Row } from '../source';

/** A staff_users row as the contract's User and StaffRow. */
export function toUser(r: Row<'staff_users'>): User {
  return { id: Number(r.id), username: r.username, displayName: r.display_name, role: roleSchema.parse(r.role), mfaEnabled: r.mfa_enabled === 1 };
}

export function toStaffRow(r: Row<'staff_users'>, activeSessions = 0): StaffRow {
  return {
    ...toUser(r),
    lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
    failedAttempts: Number(r.failed_attempts),
    lastLoginAt: r.last_login_at === null ? null : Number(r.last_login_at),
    disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
    mustChangePassword: Number(r.must_change_password) === 1,
    activeSessions,
  };
}
